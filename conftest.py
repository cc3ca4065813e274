"""Shared test fixtures: named personas for every role, and a client that checks every page.

Personas are made with factories (people/tests/factories.py); staff personas are signed in with
their second factor already verified, as a real session would be after the TOTP step.
"""

import os
from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from accounts.roles import ProfessionalType, Role

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# beside a running loop unless told it is safe (it is: the loop is Playwright's, not ours).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_and_safe_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "documents"
    settings.SECURE_SSL_REDIRECT = False


class PageChecker(HTMLParser):
    """Fails on unbalanced tags, the way notifications-admin's client_request checks pages."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "path",
        "circle",
        "rect",
        "line",
        "polygon",
        "use",
    }

    def __init__(self):
        super().__init__()
        self.stack = []
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"unexpected </{tag}> at {self.getpos()}; open: {self.stack[-3:]}")
            return
        self.stack.pop()


def check_page(response):
    """A full HTML page must be well formed, have a title, one h1, and forms that post safely."""
    content = response.content.decode()
    checker = PageChecker()
    checker.feed(content)
    assert not checker.problems, checker.problems[:3]
    assert not checker.stack, f"unclosed tags: {checker.stack[-3:]}"
    soup = BeautifulSoup(content, "html.parser")
    assert soup.title and soup.title.get_text(strip=True), "page has no title"
    assert len(soup.find_all("h1")) == 1, "page must have exactly one h1"
    for form in soup.find_all("form"):
        if form.get("method", "get").lower() == "post":
            assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}), "POST form without CSRF"
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), f"duplicate ids: {sorted({i for i in ids if ids.count(i) > 1})}"
    return soup


class CheckingClient(Client):
    """A test client whose `page()` fetches a page, asserts it is well made, and returns it parsed."""

    def page(self, url, status=200, **kwargs):
        response = self.get(url, **kwargs)
        assert response.status_code == status, (url, response.status_code)
        return check_page(response)


def _signed_in_client(user):
    client = CheckingClient()
    client.force_login(user)
    if user.requires_two_factor:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


PERSONA_ROLES = {
    "caseworker": (Role.CASEWORKER, ""),
    "manager": (Role.MANAGER, ""),
    "panel": (Role.PANEL, ""),
    "parent": (Role.PARENT, ""),
    "young_person": (Role.YOUNG_PERSON, ""),
    "ep": (Role.PROFESSIONAL, ProfessionalType.EDUCATIONAL_PSYCHOLOGIST),
    "health": (Role.PROFESSIONAL, ProfessionalType.HEALTH),
    "social_care": (Role.PROFESSIONAL, ProfessionalType.SOCIAL_CARE),
    "senco": (Role.PROFESSIONAL, ProfessionalType.SENCO),
    "dco": (Role.DCO, ""),
    "dsco": (Role.DSCO, ""),
    "auditor": (Role.AUDITOR, ""),
    "service_owner": (Role.SERVICE_OWNER, ""),
    "action_lead": (Role.ACTION_LEAD, ""),
    "board_member": (Role.BOARD_MEMBER, ""),
    "administrator": (Role.ADMINISTRATOR, ""),
    "health_officer": (Role.HEALTH_OFFICER, ""),
    "commissioner": (Role.COMMISSIONER, ""),
}


@pytest.fixture
def area(db):
    """A small area: two schools, children with and without families, and one persona per role
    (the parent is linked to `area.own_child`; the SENCo works at `area.school`)."""
    from people.tests.factories import build_area

    return build_area()


@pytest.fixture
def login(area):
    """login("parent") -> a CheckingClient signed in as that persona."""

    def sign_in(persona):
        return _signed_in_client(area.users[persona])

    return sign_in
