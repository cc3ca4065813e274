"""The pages a family sees, fetched as the family would see them, for the reading-age test
(portal/tests/test_reading_age.py) and the translation test (core/tests/test_i18n.py).

Each page's test data comes from its row in the permission matrix (the same builders the matrix
test uses), so a page is covered as soon as its URL and matrix row exist. FAMILY_PAGES names the
pages meant to be covered; `test_every_family_page_is_covered` in the reading-age test fails while
one of them is missing.
"""

import re

from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.urls import reverse

FAMILY_PAGES = (
    "portal:home",
    "portal:case_detail",
    "portal:child",
    "portal:parents_access",  # the young person decides what their parents see
    "portal:request_start",
    "portal:request_step",  # every question of the request, one after another
    "portal:request_documents",
    "portal:request_check",
    "portal:request_sent",
    "portal:link_request",
    "messaging:inbox",
    "messaging:child_thread",
)
# Inline elements: their text belongs to the sentence around them.
INLINE = ("a", "strong", "span", "abbr", "em", "b", "i", "code", "time")


def matrix():
    from core.tests.test_permission_matrix import MATRIX

    return MATRIX


def covered() -> list[str]:
    """The family pages that exist now."""
    return [name for name in FAMILY_PAGES if name in matrix()]


def _persona(allowed) -> str:
    return "parent" if "parent" in allowed else "young_person"


def _request_as(user):
    request = RequestFactory().post("/")
    request.user = user
    return request


def _with_a_reply(area, args):
    """A thread with a family message answered by the caseworker, as a family usually sees it."""
    from messaging import services

    child = area.own_child
    services.send_from_family(_request_as(area.users["parent"]), child, "When will we hear about the plan?")
    services.send_from_area(_request_as(area.users["caseworker"]), child, "I will ring you on Friday.")
    return args


def urls(name, area) -> tuple[str, list[str]]:
    """(persona, the page's URLs) for `name`: usually one URL; the request's questions give several."""
    build, allowed = matrix()[name][:2]
    args = build(area) if build else []
    if name == "messaging:child_thread":
        args = _with_a_reply(area, args)
    if name == "portal:request_step":
        from portal import request_wizard
        from portal.models.requests import AssessmentRequestDraft as Draft

        draft = Draft.objects.get(public_id=args[0])
        return _persona(allowed), [
            reverse(name, args=[args[0], s.key]) for s in request_wizard.steps_for(draft)
        ]
    return _persona(allowed), [reverse(name, args=args)]


def main_text(html: str) -> list[str]:
    """The visible text of the page's title and main content, one block (paragraph, heading, list
    item, cell, label) per item; what families typed themselves (`data-user-text`) is left out."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main")
    for hidden in main.select("script, style, template, textarea, [data-user-text], [hidden]"):
        hidden.decompose()
    for br in main.find_all("br"):
        br.replace_with(" ")
    for inline in main.find_all(INLINE):
        inline.unwrap()
    main.smooth()
    blocks = [soup.title.get_text(" ", strip=True)]
    blocks += [" ".join(text.split()) for text in main.get_text("\n").split("\n")]
    return [block for block in blocks if re.search(r"[A-Za-z]", block)]
