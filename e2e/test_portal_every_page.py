"""Every portal and messaging page, in the browser: axe-core finds nothing, and the keyboard alone
reaches every link, button and field on it.

The pages and who may open them come from the permission matrix (portal/tests/url_matrix.py,
messaging/tests/url_matrix.py), whose argument builders make the records each page needs, so a
page added to the portal is checked here without another line. Each page is opened by one person
who may open it (a family member where the page is a family's), signed in through the real forms.
"""

from collections import defaultdict

import pytest
from django.urls import reverse

from e2e.casework_pages import with_authenticator, with_password
from e2e.pages import PASSWORD, sign_in, sign_out, visit
from messaging.tests import url_matrix as messaging_matrix
from people.tests.factories import build_area
from portal.tests import url_matrix as portal_matrix

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

# Who opens a page, when several may: the people the portal is for come first.
PREFERRED = ["parent", "young_person", "senco", "ep", "caseworker", "manager", "administrator"]

# Everything a keyboard user must be able to reach. Radios count once per group: Tab enters a
# group and the arrow keys move within it, as browsers do.
DESCRIBE = """const describe = (el) => el.type === 'radio' ? 'radio:' + el.name
  : [el.tagName, el.id, el.name, el.getAttribute('href'), el.value,
     el.textContent.trim().slice(0, 40)].join('|');
"""
FOCUSABLE = """() => {""" + DESCRIBE + """
  const selector = 'a[href], summary, button:not([disabled]), input:not([type=hidden]):not([disabled]),'
    + ' select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
  const seen = new Set();
  const keys = [];
  for (const el of document.querySelectorAll(selector)) {
    const style = getComputedStyle(el);
    if (!el.getClientRects().length || style.visibility === 'hidden') continue;
    const key = describe(el);
    if (!seen.has(key)) { seen.add(key); keys.push(key); }
  }
  return keys;
}"""
ACTIVE = """() => {""" + DESCRIBE + """
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return describe(el);
}"""


def _pages():
    """(url name, arguments builder, persona or None for a signed-out visitor) for each HTML page."""
    rows = []
    for matrix in (portal_matrix, messaging_matrix):
        for name, (build, allowed, *rest) in matrix.MATRIX.items():
            if name in matrix.NOT_HTML_PAGES or allowed == "post-only":
                continue
            if allowed == "redirect":
                if rest[1:] == [200]:  # a page for signed-out visitors (making an account)
                    rows.append((name, build, None))
                continue
            persona = next((p for p in PREFERRED if p in allowed), sorted(allowed)[0])
            rows.append((name, build, persona))
    return rows


def tab_through(page) -> None:
    """Press Tab from the top of the page until focus has been everywhere it should go (with every
    "details" opened, as a keyboard user opens it with Enter, so the filters inside count too)."""
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    wanted = page.evaluate(FOCUSABLE)
    reached = set()
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    # Twice round is plenty: anything still missed is out of the tab order (or behind a trap).
    for _ in range(2 * len(wanted) + 5):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active is not None:
            reached.add(active)
        if reached.issuperset(wanted):
            break
    missed = [key for key in wanted if key not in reached]
    assert not missed, (page.url, missed[:5])


def test_every_portal_page_passes_axe_and_works_by_keyboard(live_server, new_page):
    area = build_area()
    by_persona = defaultdict(list)
    for name, build, persona in _pages():
        by_persona[persona].append(reverse(name, args=build(area) if build else []))
    assert sum(len(paths) for paths in by_persona.values()) >= 20  # the whole portal, not a sample

    for persona, paths in sorted(by_persona.items(), key=lambda item: item[0] or ""):
        page = new_page()
        if persona is not None:
            user = with_password(area.users[persona])
            secret = with_authenticator(user) if user.requires_two_factor else None
            sign_in(page, live_server, user.username, PASSWORD, secret)
        for path in paths:
            visit(page, live_server, path)  # axe-core runs on every page visit() opens
            tab_through(page)
        if persona is not None:
            sign_out(page)
