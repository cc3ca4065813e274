"""Accessibility at real sizes: every demo role signs in to a seeded demo area and follows every
link it can reach, and axe-core runs with its default rules (best practice included, not only the
WCAG-tagged ones) on each page. Any violation fails, listed with the page it was found on.

Bounded so it stays quick: one example of each address pattern (UUIDs and numbers folded, query
values ignored), no downloads, no sign-out, nothing outside this site.
"""

import json
import re
import time
from collections import deque
from urllib.parse import parse_qsl, urldefrag, urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import Error as PlaywrightError

from e2e.pages import axe_violations, format_violations, not_a_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NUMBER = re.compile(r"(?<=/)\d+(?=/|$)")
# Files, sign-out and pages that are not the staff or family workspace.
SKIP_PATH = re.compile(
    r"(^/static/|^/assets/|^/media/|^/api/|^/admin/|logout|sign-out|/download|/export|\.(pdf|docx|xlsx|csv|json|zip)$"
    r"|/(pdf|docx|xlsx|csv)/?$)"
)
SKIP_QUERY_KEYS = {"format", "download", "export"}
MAX_PAGES = 600
# Django's "12:23 p.m."; times are GOV.UK style, "12:23pm" (core/tests/test_times.py).
DJANGO_TIME = re.compile(r"\d(:\d\d)? ?[ap]\.m\.")


def pattern(url: str) -> str:
    """The address with its identifiers folded, so one example of each page type is visited."""
    parts = urlsplit(url)
    path = NUMBER.sub("{n}", UUID.sub("{id}", parts.path))
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(keys) if keys else "")


def worth_following(url: str, origin: str) -> bool:
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return False
    keys = {key for key, _ in parse_qsl(parts.query)}
    return not SKIP_PATH.search(parts.path) and not keys & SKIP_QUERY_KEYS


def links_on(page) -> list[str]:
    return page.eval_on_selector_all(
        "a[href]", "els => els.filter(e => !e.hasAttribute('download')).map(e => e.href)"
    )


def crawl(page, origin: str, start: str, seen: set, problems: list, role: str, paginated: set) -> int:
    """Breadth first from `start`; returns the number of pages checked. A page with GOV.UK
    pagination (more rows than one page holds) is added to `paginated`."""
    queue = deque([start])
    checked = 0
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        try:
            response = page.goto(url)
        except PlaywrightError as error:  # a download starts instead of a page
            if "Download is starting" not in str(error):
                problems.append(f"{role}: {url} did not load: {error}")
            not_a_page(page)
            continue
        status = response.status if response else None
        content_type = (response.headers.get("content-type", "") if response else "")
        if status is None or status >= 500:
            problems.append(f"{role}: {urlsplit(url).path} answered {status}")
        if "text/html" not in content_type:
            not_a_page(page)
            continue
        result = axe_violations(page, tags=None)
        checked += 1
        if result["violations"]:
            problems.append(f"[{role}] " + format_violations(urlsplit(url).path, result["violations"]))
        if page.locator("nav.govuk-pagination").count():
            paginated.add(pattern(url))
        if clock := DJANGO_TIME.search(page.inner_text("body")):
            problems.append(f"[{role}] {urlsplit(url).path} shows a time as {clock.group()!r}, not 12:23pm")
        for link in links_on(page):
            link = urldefrag(link)[0]
            if not worth_following(link, origin):
                continue
            key = pattern(link)
            if key not in seen:
                seen.add(key)
                queue.append(link)
    return checked


def test_every_role_every_reachable_page_passes_axe_default_rules(page, live_server, settings, tmp_path):
    started = time.monotonic()
    settings.DEBUG = True  # seed_demo makes public passwords, so it runs only in development
    logins_file = tmp_path / "logins.json"
    call_command("seed_demo", scale=0.02, seed=42, logins_file=str(logins_file), verbosity=0)
    settings.DEBUG = False
    logins = json.loads(logins_file.read_text())
    origin = live_server.url
    seen: set[str] = set()
    problems: list[str] = []
    pages_per_role = {}
    paginated: set[str] = set()
    for login in logins:
        page.context.clear_cookies()
        sign_in(page, live_server, login["username"], login["password"], login["totp_secret"])
        home = page.url
        # Each role's home page and menu differ: check them for every role.
        seen.discard(pattern(home))
        seen.add(pattern(home))
        who = login["username"]
        pages_per_role[who] = crawl(page, origin, home, seen, problems, login["role"], paginated)
    print("pages checked per role:", pages_per_role, "patterns:", len(seen))
    print(f"paginated lists checked ({len(paginated)}):", sorted(paginated))
    print(f"crawl took {time.monotonic() - started:.0f}s")
    assert sum(pages_per_role.values()) > 50, pages_per_role  # the crawl really went somewhere
    # At scale 0.02 the long lists (children, referrals, reviews, the audit log...) run past one
    # page, so the pagination component is checked where it really appears.
    assert len(paginated) >= 3, sorted(paginated)
    assert not problems, "\n\n".join(problems)
