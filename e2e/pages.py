"""Page helpers for the browser journeys: sign-in, form steps, and an axe-core check on every page.

Every main-frame navigation a tracked page makes is noted; `check_page` runs axe-core on the
document now shown and marks that navigation as checked. The `page` fixture (e2e/conftest.py)
fails a test that visited a page without checking it, so no page in a journey goes unchecked.
"""

import time
from pathlib import Path
from urllib.parse import urldefrag

import pyotp
from playwright.sync_api import Locator, Page, expect

AXE_PATH = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "pale-orange-kettle-42"  # noqa: S105 - a test password, set on each journey's accounts with user.set_password

_axe_source: str | None = None
_navigations: dict[Page, list[dict]] = {}


# --- navigation tracking -------------------------------------------------------------------


def track(page: Page) -> None:
    """Note every main-frame navigation of `page`, so unchecked pages can be reported."""
    visited: list[dict] = []
    _navigations[page] = visited

    def on_navigated(frame):
        if frame != page.main_frame:
            return
        url = frame.url
        # about:blank, and the browser's own error page (a journey that drops the connection).
        if url == "about:blank" or url.startswith("chrome-error://"):
            return
        # A fragment-only change (a skip link, an error summary link) is the same document.
        if visited and urldefrag(visited[-1]["url"])[0] == urldefrag(url)[0] and (
            visited[-1]["url"] != url
        ):
            return
        visited.append({"url": url, "checked": False})

    page.on("framenavigated", on_navigated)


def unchecked_pages(page: Page) -> list[str]:
    return [entry["url"] for entry in _navigations.get(page, []) if not entry["checked"]]


def forget(page: Page) -> None:
    _navigations.pop(page, None)


# --- accessibility -------------------------------------------------------------------------


def _axe() -> str:
    global _axe_source
    if _axe_source is None:
        _axe_source = AXE_PATH.read_text(encoding="utf-8")
    return _axe_source


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core found {len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            summary = " ".join((node.get("failureSummary") or "").split())
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def axe_violations(page: Page, tags: list[str] | None = AXE_TAGS) -> dict:
    """Run axe-core on the page shown and mark it checked: {"url", "violations"}. With tags=None
    every rule axe-core runs by default (best practice included) is run, not only the WCAG ones.

    axe is injected with `page.evaluate`, which the DevTools protocol runs outside the page's
    Content-Security-Policy, so the site's strict CSP stays on during the journeys.
    """
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe())
    result = page.evaluate(
        """async (tags) => {
            const options = tags ? {runOnly: {type: 'tag', values: tags}} : {};
            const results = await axe.run(document, options);
            return {
                url: results.url,
                violations: results.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({target: n.target, failureSummary: n.failureSummary})),
                })),
            };
        }""",
        tags,
    )
    visited = _navigations.get(page)
    if visited:
        visited[-1]["checked"] = True
    return result


def check_page(page: Page) -> None:
    """Run axe-core (WCAG 2.0-2.2 A and AA rules) on the page shown; fail on any violation."""
    result = axe_violations(page)
    assert not result["violations"], format_violations(result["url"], result["violations"])


# --- moving around -------------------------------------------------------------------------


def visit(page: Page, live_server, path: str, status: int = 200):
    """Open `path` on the live server, check the status and the page's accessibility."""
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == status, (
        path, response.status if response else None)
    check_page(page)
    return response


def follow(page: Page, target: Locator) -> None:
    """Click a link or submit button that loads a new page, then check that page."""
    with page.expect_navigation():
        target.click()
    check_page(page)


def heading(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def error_summary(page: Page) -> Locator:
    return page.locator(".govuk-error-summary")


def error_messages(page: Page) -> list[str]:
    return [text.strip() for text in error_summary(page).locator("li").all_inner_texts()]


def focused_id(page: Page) -> str:
    return page.evaluate("() => document.activeElement ? document.activeElement.id : ''")


# --- two-factor codes ----------------------------------------------------------------------


def totp_code(secret: str, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for `secret`, or the one it will show `steps_ahead`
    30-second steps from now (the server accepts one step either side; django-otp refuses a
    step already used, so a second sign-in within the same 30 seconds uses the next step)."""
    totp = pyotp.TOTP(secret)
    remaining = totp.interval - time.time() % totp.interval
    if remaining < 2:  # too near the next step: the server could match it one step off
        time.sleep(remaining + 0.05)
    return totp.at(time.time() + steps_ahead * totp.interval)


def wrong_code(secret: str) -> str:
    """A 6-digit code the server will not accept now."""
    totp = pyotp.TOTP(secret)
    now = time.time()
    accepted = {totp.at(now + step * totp.interval) for step in (-1, 0, 1, 2)}
    return next(code for code in ("123456", "654321", "111111") if code not in accepted)


# --- sign-in -------------------------------------------------------------------------------


def fill_password_step(page: Page, live_server, username: str, password: str) -> None:
    visit(page, live_server, "/accounts/sign-in/")
    expect(heading(page)).to_have_text("Sign in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    follow(page, page.get_by_role("button", name="Sign in"))


def enter_security_code(page: Page, code: str) -> None:
    expect(heading(page)).to_have_text("Enter your security code")
    page.get_by_label("Security code").fill(code)
    follow(page, page.get_by_role("button", name="Continue"))


def sign_in(page: Page, live_server, username: str, password: str, totp_secret: str | None = None,
            *, steps_ahead: int = 0) -> None:
    """Sign in through the GOV.UK form; for staff with an authenticator set up, give its base32
    secret and the security-code step is done too. Every page on the way is axe-checked."""
    fill_password_step(page, live_server, username, password)
    if totp_secret is not None:
        enter_security_code(page, totp_code(totp_secret, steps_ahead))


def sign_out(page: Page) -> None:
    follow(page, page.get_by_role("button", name="Sign out"))
    expect(heading(page)).to_have_text("Sign in")


def open_nav(page: Page, label: str) -> None:
    """Open a menu entry: from the top level, or, when it sits in a group, the group first and
    then the entry from the group's second level (core/navigation.py)."""
    from core.navigation import NAVIGATION

    menu = page.get_by_role("navigation", name="Menu")
    if menu.get_by_role("link", name=label, exact=True).count():
        follow(page, menu.get_by_role("link", name=label, exact=True))
        return
    group = next(group for group, entry, _, _ in NAVIGATION if entry == label)
    follow(page, menu.get_by_role("link", name=group, exact=True))
    section = page.get_by_role("navigation", name=group, exact=True).get_by_role(
        "link", name=label, exact=True)
    if section.get_attribute("aria-current") != "page":
        follow(page, section)


def not_a_page(page: Page) -> None:
    """Mark the navigation just made as not needing a check (a file or JSON, not an HTML page)."""
    visited = _navigations.get(page)
    if visited:
        visited[-1]["checked"] = True
