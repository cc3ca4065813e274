"""Helpers for the Local Offer journeys: a small Local Offer built with the directory's own
factories (taxonomy terms as the migrations load them, postcode centres from the shipped ONS
sample), its staff accounts, and the search and results pages as a family uses them.

Built on e2e/pages.py, so every page opened through these helpers is axe-checked.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from playwright.sync_api import Page

from accounts.models import User
from accounts.roles import Role
from clock import dates
from conftest import PERSONA_ROLES
from directory import postcodes
from directory.models import Postcode, Service
from directory.tests.factories import make_service, owner, terms
from e2e.casework_pages import with_authenticator
from e2e.pages import PASSWORD, follow, open_nav, sign_in
from people.tests.factories import UserFactory

# The parent's postcode and places around it, all from directory/data/postcodes_sample.csv.
HOME_POSTCODE = "BF1 1SL"
NEAR_POSTCODE = "BF1 6DE"  # about 1.1 miles from HOME_POSTCODE
FAR_POSTCODE = "BF20 3YT"  # about 14 miles from HOME_POSTCODE


@dataclass
class Staff:
    user: User
    secret: str  # base32 TOTP secret, as an authenticator app holds it

    @property
    def username(self) -> str:
        return self.user.username


def today() -> date:
    return dates.today()


def long_date(day: date) -> str:
    """As the service page and messages show dates (Django "j F Y"): 5 June 2026."""
    return f"{day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    """As tables show dates (Django "j M Y"): 5 Jun 2026."""
    return f"{day.day} {day:%b %Y}"


def reference_data() -> None:
    """The taxonomy terms (the migration's, reloaded if a transactional test flushed them) and
    the sample postcode centres."""
    terms()
    if not Postcode.objects.exists():
        postcodes.load()


def service_at(postcode: str, **fields) -> Service:
    """A service (indexed for search) whose one place is at the centre of a sample postcode."""
    centre = Postcode.objects.get(pk=postcode)
    return make_service(
        postcode=postcode, latitude=centre.latitude, longitude=centre.longitude, town="Brookfield", **fields
    )


def service_owner(username: str = "provider") -> Staff:
    """A provider who keeps their services' entries true (role as the service_owner persona)."""
    user = owner(username, first_name="Priya", last_name="Shah")
    assert user.role == PERSONA_ROLES["service_owner"][0]
    return Staff(user, with_authenticator(user))


def local_offer_editor(username: str = "lo.manager") -> Staff:
    """A SEND manager: managers are the Local Offer's editors (directory.rules)."""
    role, kind = PERSONA_ROLES["manager"]
    assert role == Role.MANAGER
    user = UserFactory(username=username, role=role, professional_type=kind, first_name="Dan")
    return Staff(user, with_authenticator(user))


def sign_in_to_local_offer(page: Page, live_server, staff: Staff) -> None:
    """Password, then the authenticator's code, then the Local Offer in the menu."""
    sign_in(page, live_server, staff.username, PASSWORD, staff.secret)
    open_nav(page, "Local Offer")


# --- the public pages ----------------------------------------------------------------------


def result_names(page: Page) -> list[str]:
    return [name.strip() for name in page.locator("#results h2 a").all_inner_texts()]


def result_count(page: Page):
    return page.locator("#result-count")


def banner(page: Page):
    return page.locator(".govuk-notification-banner")


def search_from_box(page: Page, words: str) -> None:
    """The search box on the home page and the front doors."""
    page.get_by_role("search").get_by_role("searchbox").fill(words)
    follow(page, page.get_by_role("search").get_by_role("button", name="Search"))


def refine_search(page: Page, *, age: str = "", postcode: str = "", distance: str = "") -> None:
    """The filters beside the results: age, postcode and how far from it."""
    form = page.get_by_role("search")
    form.get_by_label("Age of the child or young person").fill(age)
    form.get_by_label("Postcode").fill(postcode)
    if distance:
        form.get_by_label("Distance").select_option(label=distance)
    follow(page, form.get_by_role("button", name="Search"))


def service_section(page: Page, heading: str) -> str:
    """The text under an h2 of the service page, up to the next h2."""
    return page.evaluate(
        """(heading) => {
            const h2 = [...document.querySelectorAll('main h2')].find(h => h.textContent.trim() === heading);
            if (!h2) return null;
            const parts = [];
            for (let el = h2.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
                parts.push(el.textContent.trim());
            }
            return parts.join('\\n');
        }""",
        heading,
    )


def freshness_figures(page: Page) -> dict:
    card = page.locator("#freshness")
    return {
        "percent": card.locator(".opensend-figure").inner_text().strip(),
        "sentence": card.locator("p").inner_text().strip(),
        "overdue_heading": page.get_by_role("heading", level=2).first.inner_text().strip(),
    }


def overdue_names(page: Page) -> list[str]:
    return [name.strip() for name in page.locator("#overdue tbody tr td:first-child a").all_inner_texts()]


def days_from_today(days: int) -> date:
    return today() + timedelta(days=days)
