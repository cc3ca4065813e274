"""The Local Offer in Chromium against the live server, with axe-core on every page: a parent finds
a service and reports a problem with it, a provider's change waits for an editor, confirming an
entry moves the freshness figure, and every public page is accessible and searchable by keyboard.

Each journey builds its own Local Offer with directory/tests/factories.py (the migrations' taxonomy
terms, postcodes from the shipped sample). Run: `pytest -q e2e/test_local_offer.py` (SQLite) or
`scripts/with-postgres.sh pytest -q e2e/test_local_offer.py`.
"""

import pytest
from dateutil.relativedelta import relativedelta
from playwright.sync_api import Page, expect

from accounts.models import User
from directory.choices import FeedbackKind, FeedbackStatus, ServiceStatus
from directory.models import Feedback, ProposedChange, Service, YouSaidWeDid
from directory.tests.factories import make_service, owner
from e2e.local_offer_pages import (
    FAR_POSTCODE,
    HOME_POSTCODE,
    NEAR_POSTCODE,
    banner,
    days_from_today,
    freshness_figures,
    local_offer_editor,
    long_date,
    overdue_names,
    reference_data,
    refine_search,
    result_count,
    result_names,
    search_from_box,
    service_at,
    service_owner,
    service_section,
    short_date,
    sign_in_to_local_offer,
    today,
)
from e2e.pages import check_page, follow, heading, visit

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

SPEECH = "Chatterbox Speech and Language Service"
DALES = "Dales Speech and Language Clinic"
TALKING = "Talking Futures"
OLD_DESCRIPTION = "Speech and language therapists help children to talk and to understand others."


def speech_services(provider: User) -> dict[str, Service]:
    """Three speech and language services and one for another need, each (but the first) out of
    a search for a 7-year-old within 3 miles of HOME_POSTCODE for exactly one reason."""
    return {
        "match": service_at(
            NEAR_POSTCODE,  # 1.1 miles away
            name=SPEECH,
            description=OLD_DESCRIPTION,
            minimum_age=4,
            maximum_age=11,
            owner=provider,
            tags=["speech-language", "speech-therapy", "health", "wait-support"],
            funding_type="health",
            last_checked=days_from_today(-20),
            review_due=days_from_today(160),
            phone="01632 960123",
        ),
        "too_old": service_at(
            HOME_POSTCODE,
            name=TALKING,
            description="Speech and language support for young people aged 16 to 25 at college.",
            minimum_age=16,
            maximum_age=25,
            tags=["speech-language"],
        ),
        "too_far": service_at(
            FAR_POSTCODE,  # about 14 miles away
            name=DALES,
            description="Speech and language therapy for children in the Dales.",
            minimum_age=0,
            maximum_age=18,
            tags=["speech-language"],
        ),
        "other_need": service_at(
            HOME_POSTCODE,
            name="Saturday Sensory Club",
            description="Messy play and quiet rooms for children who find noise hard.",
            minimum_age=5,
            maximum_age=11,
            tags=["sensory", "short-breaks"],
        ),
    }


# 1 ------------------------------------------------------------------------------------------


def test_a_parent_finds_speech_and_language_support_and_reports_a_problem_the_owner_sees(
    new_page, live_server
):
    reference_data()
    provider = service_owner()
    speech = speech_services(provider.user)["match"]

    page = new_page()
    visit(page, live_server, "/local-offer/")
    expect(heading(page)).to_contain_text("Local Offer")
    follow(page, page.get_by_role("link", name="For parents and carers", exact=True))
    expect(heading(page)).to_have_text("For parents and carers")

    search_from_box(page, "speech and language")
    expect(heading(page)).to_have_text("Search the Local Offer")
    expect(result_count(page)).to_have_text("3 services found")
    assert sorted(result_names(page)) == sorted([SPEECH, DALES, TALKING])
    expect(page.get_by_label("Search the Local Offer")).to_have_value("speech and language")

    # 25 miles out the clinic in the Dales is found too, but not the service for 16 to 25s.
    refine_search(page, age="7", postcode=HOME_POSTCODE, distance="25 miles")
    expect(result_count(page)).to_have_text(f"2 services found within 25 miles of {HOME_POSTCODE}")
    assert sorted(result_names(page)) == sorted([SPEECH, DALES])  # best match first, not nearest

    refine_search(page, age="7", postcode=HOME_POSTCODE.lower().replace(" ", ""), distance="3 miles")
    assert "age=7" in page.url and "distance=3" in page.url
    expect(result_count(page)).to_have_text(f"1 service found within 3 miles of {HOME_POSTCODE}")
    assert result_names(page) == [SPEECH]  # not the 16 to 25 service, nor the clinic 14 miles away
    first = page.locator("#results > li").first
    expect(first).to_contain_text("4 to 11 years old")
    expect(first).to_contain_text("1.1 miles away")
    expect(page.get_by_label("Age of the child or young person")).to_have_value("7")
    expect(page.get_by_label("Distance")).to_have_value("3")

    follow(page, page.get_by_role("link", name=SPEECH))
    assert page.url == f"{live_server.url}/local-offer/services/{speech.pk}/"
    expect(heading(page)).to_have_text(SPEECH)
    assert OLD_DESCRIPTION in service_section(page, "What it is")
    assert "4 to 11 years old" in service_section(page, "Who it is for")
    expect(page.locator("#last-checked")).to_have_text(f"Last checked on {long_date(speech.last_checked)}.")
    expect(page.locator("#out-of-date")).to_have_count(0)

    follow(page, page.get_by_role("link", name="Report a problem with this page"))
    expect(heading(page)).to_have_text("Report a problem with this page")
    follow(page, page.get_by_role("button", name="Send"))  # nothing typed: explained, not sent
    expect(page.locator(".govuk-error-summary")).to_contain_text("Tell us what is wrong with this page")
    assert not Feedback.objects.exists()
    problem = "The phone number 01632 960123 rings out. Nobody answered on three days."
    page.get_by_label("What is wrong with this page?").fill(problem)
    follow(page, page.get_by_role("button", name="Send"))
    assert page.url == f"{live_server.url}/local-offer/services/{speech.pk}/"
    expect(banner(page)).to_contain_text("Thank you for your feedback. We will pass it to the people")
    report = Feedback.objects.get()
    assert (report.kind, report.service, report.text) == (FeedbackKind.PROBLEM, speech, problem)

    desk = new_page()
    sign_in_to_local_offer(desk, live_server, provider)
    expect(heading(desk)).to_have_text("Your Local Offer services")
    expect(desk.locator("#owned-services tbody tr", has_text=SPEECH)).to_contain_text("1 new feedback")
    follow(desk, desk.get_by_role("link", name="Feedback about your services"))
    expect(heading(desk)).to_have_text("Feedback from the Local Offer")
    rows = desk.locator("#feedback tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.get_by_role("link", name=SPEECH)).to_be_visible()
    expect(rows).to_contain_text(problem)
    follow(desk, rows.get_by_role("button", name="Mark as dealt with"))
    expect(desk.locator("#feedback")).to_have_count(0)
    assert Feedback.objects.get().status == FeedbackStatus.DONE


# 2 ------------------------------------------------------------------------------------------


def category_inputs(page: Page) -> dict:
    """{code: (input type, ticked)} of the "Type of service" options ticked or the service has."""
    found = page.evaluate(
        """() => [...document.querySelectorAll('input[name="categories"]')]
            .map(i => [i.value, i.type, i.checked])"""
    )
    return {
        code: (kind, ticked) for code, kind, ticked in found if ticked or code in ("health", "wait-support")
    }


def test_a_providers_change_goes_live_only_when_the_editor_approves_it(new_page, live_server):
    reference_data()
    provider, editor = service_owner(), local_offer_editor()
    speech = speech_services(provider.user)["match"]
    new_description = "Speech and language therapists now run drop-in sessions every Tuesday morning."
    public_path = f"/local-offer/services/{speech.pk}/"

    page = new_page()
    sign_in_to_local_offer(page, live_server, provider)
    follow(page, page.get_by_role("link", name=f"Propose a change to {SPEECH}"))
    expect(heading(page)).to_have_text("Propose a change")
    expect(page.get_by_label("What it is")).to_have_value(OLD_DESCRIPTION)
    # The service has two types; the form must offer them as checkboxes, both ticked. Checked at
    # the end, so the rest of the journey runs while this is wrong (see the report).
    categories_offered = category_inputs(page)
    page.get_by_label("What it is").fill(new_description)
    page.get_by_label("Why are you making this change?").fill("We have started drop-in sessions.")
    follow(page, page.get_by_role("button", name="Send for approval"))
    expect(heading(page)).to_have_text("Your Local Offer services")
    expect(banner(page)).to_contain_text("Your change has been sent to the Local Offer team")
    expect(page.locator("#my-changes tbody tr")).to_contain_text("Waiting for a decision")
    change = ProposedChange.objects.get()
    assert change.changes["description"] == {"old": OLD_DESCRIPTION, "new": new_description}

    public = new_page()
    visit(public, live_server, public_path)
    assert OLD_DESCRIPTION in service_section(public, "What it is")
    expect(public.locator("main")).not_to_contain_text(new_description)

    desk = new_page()
    sign_in_to_local_offer(desk, live_server, editor)
    expect(heading(desk)).to_have_text("Local Offer")
    follow(desk, desk.get_by_role("link", name="Changes waiting for a decision"))
    expect(desk.locator("#pending-changes caption")).to_have_text("1 waiting")
    follow(desk, desk.locator("#pending-changes").get_by_role("link", name=SPEECH))
    expect(heading(desk)).to_have_text(f"Proposed change to {SPEECH}")
    expect(desk.locator(".govuk-summary-list")).to_contain_text("We have started drop-in sessions.")
    row = desk.locator("#difference tbody tr", has=desk.locator("th", has_text="What it is"))
    expect(row.locator("del")).to_have_text(OLD_DESCRIPTION)
    expect(row.locator("ins")).to_have_text(new_description)
    desk.get_by_label("Approve and publish").check()
    follow(desk, desk.get_by_role("button", name="Save decision"))
    expect(heading(desk)).to_have_text("Changes waiting for a decision")
    expect(banner(desk)).to_contain_text(f"Change approved. {SPEECH} has been updated.")
    expect(desk.locator("#pending-changes")).to_have_count(0)

    visit(public, live_server, public_path)
    assert new_description in service_section(public, "What it is")
    expect(public.locator("main")).not_to_contain_text(OLD_DESCRIPTION)
    expect(public.locator("#last-checked")).to_have_text(f"Last checked on {long_date(today())}.")
    visit(public, live_server, "/local-offer/search/?q=drop-in+Tuesday")  # the index follows it
    assert result_names(public) == [SPEECH]

    # Only the description was changed, so nothing else may change.
    assert categories_offered == {"health": ("checkbox", True), "wait-support": ("checkbox", True)}, (
        "the propose-change form offers the service's types as radios, so all but one are dropped",
        categories_offered,
    )
    assert list(change.changes) == ["description"], change.changes
    kept = speech.taxonomy_terms.filter(taxonomy__code="categories").values_list("code", flat=True)
    assert sorted(kept) == ["health", "wait-support"]


# 3 ------------------------------------------------------------------------------------------


def test_confirming_an_out_of_date_service_raises_the_freshness_figure(new_page, live_server):
    reference_data()
    provider, editor = service_owner(), local_offer_editor()
    stale = make_service(name="Little Voices Group", owner=provider.user, review_due=days_from_today(-10))
    make_service(name="Brookfield Toy Library", owner=provider.user, review_due=days_from_today(90))
    make_service(name="Swim Club", owner=owner("swim.provider"), review_due=today())  # due today: in time
    make_service(name="Holiday Scheme", owner=owner("holiday.provider"), review_due=days_from_today(-200))
    # Not open services, so not counted, however overdue.
    make_service(name="Closed Youth Club", status=ServiceStatus.DEFUNCT, review_due=days_from_today(-30))
    make_service(
        name="Paused Playscheme", status=ServiceStatus.TEMPORARILY_CLOSED, review_due=days_from_today(-30)
    )
    # By hand: 4 open services, of which the toy library and the swim club are in time: 2 of 4.

    desk = new_page()
    sign_in_to_local_offer(desk, live_server, editor)
    expect(desk.locator("#editor-figures .opensend-figure").first).to_have_text("50%")
    follow(desk, desk.get_by_role("link", name="How up to date the Local Offer is"))
    expect(heading(desk)).to_have_text("How up to date the Local Offer is")
    assert freshness_figures(desk) == {
        "percent": "50%",
        "sentence": "2 of 4 open services were reviewed in time. The target is 95%.",
        "overdue_heading": "2 services overdue for review",
    }
    expect(desk.locator("#freshness")).to_contain_text("Below target")
    assert overdue_names(desk) == ["Holiday Scheme", "Little Voices Group"]  # longest overdue first

    page = new_page()
    sign_in_to_local_offer(page, live_server, provider)
    row = page.locator("#owned-services tbody tr", has_text="Little Voices Group")
    expect(row).to_contain_text("Review overdue")
    expect(row).to_contain_text(short_date(stale.review_due))
    follow(page, row.get_by_role("button", name="Confirm still correct"))
    next_review = today() + relativedelta(months=6)
    assert Service.objects.get(pk=stale.pk).review_due == next_review
    expect(banner(page)).to_contain_text(
        f"You confirmed Little Voices Group is correct. Next review: {long_date(next_review)}"
    )
    row = page.locator("#owned-services tbody tr", has_text="Little Voices Group")
    expect(row).to_contain_text("Up to date")
    expect(row).to_contain_text(short_date(today()))  # last checked

    visit(desk, live_server, "/local-offer/manage/freshness/")
    # By hand: the confirmed group joins the two in time: 3 of 4.
    assert freshness_figures(desk) == {
        "percent": "75%",
        "sentence": "3 of 4 open services were reviewed in time. The target is 95%.",
        "overdue_heading": "1 service overdue for review",
    }
    assert overdue_names(desk) == ["Holiday Scheme"]


# 4 ------------------------------------------------------------------------------------------


def focused(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent.trim(),
                    inMain: !!el.closest('main')};
        }"""
    )


def test_every_public_page_passes_axe_and_the_search_works_from_the_keyboard(page, live_server):
    reference_data()
    speech = speech_services(service_owner().user)["match"]
    YouSaidWeDid.objects.create(
        you_said="It was hard to find speech therapy.",
        we_did="We added speech and language to the needs you can search by.",
        published=True,
        published_on=today(),
    )
    service_page = f"/local-offer/services/{speech.pk}/"
    pages = {
        "/local-offer/": "Local Offer",
        "/local-offer/for/children-and-young-people/": "For children and young people",
        "/local-offer/for/parents-and-carers/": "For parents and carers",
        "/local-offer/for/professionals/": "For professionals",
        f"/local-offer/search/?q=speech&age=7&postcode={HOME_POSTCODE}&distance=3": "Search the Local Offer",
        service_page: SPEECH,
        "/local-offer/while-you-wait/": "Support while you wait",
        "/local-offer/while-you-wait/speech-therapy/": "Speech and language therapy",
        "/local-offer/you-said-we-did/": "You said, we did",
        f"/local-offer/feedback/problem/?page={service_page}": "Report a problem with this page",
    }
    for path, title in pages.items():
        visit(page, live_server, path)  # axe-core runs on each
        expect(heading(page)).to_contain_text(title)
        if path.endswith("/speech-therapy/"):
            expect(page.locator("main ul.govuk-list").get_by_role("link", name=SPEECH)).to_be_visible()
        if path.endswith("/you-said-we-did/"):
            expect(page.locator("main")).to_contain_text("We added speech and language")
        if path.startswith("/local-offer/search/"):
            assert result_names(page) == [SPEECH]

    visit(page, live_server, "/local-offer/")
    page.keyboard.press("Tab")
    reached = [focused(page)]
    while not reached[-1]["inMain"] and len(reached) < 10:
        page.keyboard.press("Tab")
        reached.append(focused(page))
    assert reached[0]["text"] == "Skip to main content", reached
    assert reached[-1]["id"] == "q", reached  # the search box is the first thing in the content
    page.keyboard.type("speech and language")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page(page)
    expect(heading(page)).to_have_text("Search the Local Offer")
    assert sorted(result_names(page)) == sorted([SPEECH, DALES, TALKING])
    expect(page.get_by_label("Search the Local Offer")).to_have_value("speech and language")
