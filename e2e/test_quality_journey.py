"""The plan quality audit cycle in the browser, with axe-core on every page.

A manager draws this month's random sample and a thematic one of children in care, and gives the
in-care plan to an auditor. The auditor reads the plan beside the rubric, is told by the error
summary that every criterion needs a grade, grades each one (a grade chosen by keyboard alone),
finds the outcomes, and the plan overall, require improvement and submits. A second auditor
moderates and disagrees on the outcomes and on the overall grade; the manager sees both auditors'
grades side by side and resolves each with a reason (the plan is agreed good overall). The plan's
caseworker sees the resulting action and completes it, and KPI 2.5 ("% of audited plans good or
better") moves on the scorecard when the manager refreshes it: it counts the agreed overall grade.
Last, the manager finds the audit on "All audits" by the child's name (never put in the address)
and narrows it to agreed audits.
"""

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from e2e.casework_pages import banner, with_authenticator
from e2e.pages import PASSWORD, check_page, error_messages, follow, heading, open_nav, sign_in, sign_out
from people.tests.factories import UserFactory
from performance import services as performance
from performance.data.bradford_wsa import KPIS
from plans.tests.factories import issued_plan
from quality import services
from quality.data import rubric as default_rubric
from quality.tests.factories import grades_for

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

REASON = "Outcomes have no dates or measures: they are not SMART, so the first auditor's grade stands"
OVERALL_REASON = "Apart from the outcomes every section is specific and the family's views are clear"


def staff(username, first, last, role):
    user = UserFactory(username=username, first_name=first, last_name=last, role=role)
    return user, with_authenticator(user)


def the_area():
    from clock import dates
    from people.tests.factories import ChildFactory

    rubric = default_rubric.load()
    performance.load_definitions(KPIS)
    people = {
        "manager": staff("manager", "Mark", "Evans", Role.MANAGER),
        "auditor": staff("auditor", "Aisha", "Khan", Role.AUDITOR),
        "moderator": staff("moderator", "Owen", "Price", Role.AUDITOR),
        "caseworker": staff("caseworker", "Cathy", "Lowe", Role.CASEWORKER),
    }
    manager, caseworker, moderator = (people[p][0] for p in ("manager", "caseworker", "moderator"))
    # Earlier this month one plan was audited and found to require improvement: KPI 2.5 is 0%.
    issued_plan(ChildFactory(legal_first_name="Dan", legal_last_name="Ellis"), caseworker)
    earlier = services.draw_sample(None, manager, cycle=dates.today(), kind="random", size=1)
    audit = earlier.audits.get()
    services.assign(None, audit, moderator, manager)
    audit.refresh_from_db()
    services.save_audit(
        None,
        audit,
        moderator,
        audit.version,
        grades_for(audit, "A"),
        "requires_improvement",
        submit=True,
    )
    performance.snapshot(dates.today())
    for first, last, care in (("Ava", "Brook", "LAC"), ("Ben", "Cole", "LAC"), ("Cara", "Dunn", "")):
        issued_plan(
            ChildFactory(legal_first_name=first, legal_last_name=last, social_care_status=care), caseworker
        )
    return people, list(rubric.criteria.all())


SIGN_INS: dict[str, int] = {}


def as_staff(page, live_server, people, who):
    """Sign in; a person's second sign-in uses the authenticator's next code (a code is used once)."""
    user, secret = people[who]
    steps = SIGN_INS.get(who, 0)
    SIGN_INS[who] = steps + 1
    sign_in(page, live_server, user.username, PASSWORD, secret, steps_ahead=steps)
    expect(heading(page)).to_have_text(f"Hello, {user.first_name}")


def test_the_audit_cycle_from_sample_to_completed_action_moves_the_kpi(page: Page, live_server):
    people, criteria = the_area()
    SIGN_INS.clear()
    outcomes = next(c for c in criteria if c.area == "E")
    kpi_row = page.locator('#kpis tr[data-kpi="2.5"]')

    # The manager sees KPI 2.5 at 0%, then draws the month's random sample: 25% of 3 plans.
    as_staff(page, live_server, people, "manager")
    open_nav(page, "Performance")
    expect(kpi_row.locator("td").nth(1)).to_contain_text("0%")
    open_nav(page, "Plan quality")
    expect(heading(page)).to_have_text("Plan quality dashboard")
    expect(page.locator("#overall-percent")).to_have_text("0.0%")
    follow(page, page.get_by_role("link", name="Samples", exact=True))
    page.get_by_label("Monthly random sample").check()
    page.get_by_label("Percentage of plans").fill("25")
    follow(page, page.get_by_role("button", name="Draw the sample"))
    expect(banner(page)).to_contain_text("Drew 1 of 3 plans: Monthly random sample")
    expect(page.locator("#audits tbody tr")).to_have_count(1)

    # A thematic sample with no theme is refused; then one plan of a child in care.
    follow(page, page.get_by_role("link", name="All samples"))
    page.get_by_label("Thematic sample").check()
    page.get_by_label("Number of plans").fill("1")
    follow(page, page.get_by_role("button", name="Draw the sample"))
    assert error_messages(page) == ["Choose a theme for the thematic sample"]
    page.get_by_label("Children in care").check()
    follow(page, page.get_by_role("button", name="Draw the sample"))
    expect(banner(page)).to_contain_text("Children in care")
    row = page.locator("#audits tbody tr").first
    child = row.locator("th").inner_text().splitlines()[0].strip()
    assert child in ("Ava Brook", "Ben Cole")
    row.get_by_label(f"Auditor for {child}'s plan").select_option(label="Aisha Khan (Quality auditor)")
    follow(page, row.get_by_role("button", name=f"Assign the audit of {child}'s plan"))
    expect(banner(page)).to_contain_text(f"Assigned the audit of {child}'s plan")
    sign_out(page)

    # The auditor reads the plan beside the rubric; submitting ungraded is refused.
    as_staff(page, live_server, people, "auditor")
    open_nav(page, "My audits")
    expect(page.locator("#mine tbody tr")).to_have_count(1)  # only the plan given to her
    follow(page, page.get_by_role("link", name=child))
    expect(heading(page)).to_have_text(f"Audit of {child}'s plan")
    expect(page.locator("#audited-plan")).to_contain_text("Section E")
    follow(page, page.get_by_role("button", name="Submit the audit"))
    messages = error_messages(page)
    assert f"Choose a grade for {criteria[0].title}" in messages and len(messages) == len(criteria) + 1

    # The first grade by keyboard alone: focus "Good" and press Space.
    good = page.locator(f"#id_grade_{criteria[0].pk}-1")
    good.focus()
    page.keyboard.press("Space")
    expect(good).to_be_checked()
    for criterion in criteria[1:]:
        page.locator(f"#id_grade_{criterion.pk}-{2 if criterion == outcomes else 1}").check()
    page.get_by_label(f"Comment on {outcomes.title}").fill("Outcomes have no dates or measures")
    page.get_by_label("What the child or young person said (if they took part)").fill("I want to be a vet")
    page.locator("#id_overall-2").check()  # requires improvement
    submit = page.get_by_role("button", name="Submit the audit")
    submit.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page(page)
    expect(banner(page)).to_contain_text("Audit submitted")
    sign_out(page)

    # A second auditor moderates and thinks the outcomes, and the plan overall, are good.
    as_staff(page, live_server, people, "moderator")
    open_nav(page, "My audits")
    follow(page, page.get_by_role("link", name=f"Moderate the audit of {child}"))
    for criterion in criteria:
        page.locator(f"#id_grade_{criterion.pk}-1").check()
    follow(page, page.get_by_role("button", name="Submit the moderation"))
    assert error_messages(page) == ["Choose an overall grade for the plan"]
    page.locator("#id_overall-1").check()  # good
    follow(page, page.get_by_role("button", name="Submit the moderation"))
    expect(banner(page)).to_contain_text("a manager will resolve the grades you disagree on")
    sign_out(page)

    # The manager sees both disagreements side by side and resolves each with a reason.
    as_staff(page, live_server, people, "manager")
    open_nav(page, "My audits")
    follow(page, page.get_by_role("link", name=f"Resolve the disagreements about {child}"))
    disagreement = page.locator("#side-by-side tr[data-disagreement]")
    expect(disagreement).to_have_count(2)
    titles = (outcomes.title, "Overall grade for the plan")
    for row, title in ((disagreement.nth(0), titles[0]), (disagreement.nth(1), titles[1])):
        expect(row.locator("th")).to_have_text(title)
        expect(row.locator("td").nth(0)).to_contain_text("Requires improvement")
        expect(row.locator("td").nth(1)).to_contain_text("Good")
    follow(page, page.get_by_role("button", name="Save the agreed grades"))
    assert error_messages(page) == [
        f"Choose the agreed grade for {outcomes.title}",
        f"Enter why the grade for {outcomes.title} was agreed",
        "Choose the agreed overall grade for the plan",
        "Enter why the overall grade for the plan was agreed",
    ]
    page.locator(f"#id_agreed_{outcomes.pk}-2").check()
    page.get_by_label(f"Why this grade was agreed for {outcomes.title}").fill(REASON)
    page.locator("#id_agreed_overall-1").check()  # good
    page.get_by_label("Why this overall grade was agreed for the plan").fill(OVERALL_REASON)
    follow(page, page.get_by_role("button", name="Save the agreed grades"))
    expect(banner(page)).to_contain_text("the agreed grades stand")
    sign_out(page)

    # The caseworker sees the action and completes it.
    as_staff(page, live_server, people, "caseworker")
    open_nav(page, "Quality actions")
    follow(page, page.get_by_role("link", name=f"{outcomes.title} for {child}"))
    expect(page.locator("#action")).to_contain_text("Outcomes have no dates or measures")
    page.get_by_label("What was done").fill("Rewrote the outcomes with dates and measures, with the family")
    follow(page, page.get_by_role("button", name="Mark as done"))
    expect(banner(page)).to_contain_text(f"Action marked as done: {outcomes.title}")
    expect(page.locator("#actions")).not_to_contain_text(child)
    expect(page.locator("#actions")).to_contain_text("Dan Ellis")  # the earlier audit's action is still to do
    sign_out(page)

    # KPI 2.5 moves on the scorecard: 1 of the 2 audited plans is agreed good (by its first
    # auditor's grade it would still be 0%).
    as_staff(page, live_server, people, "manager")
    open_nav(page, "Performance")
    expect(kpi_row.locator("td").nth(1)).to_contain_text("0%")
    follow(page, page.get_by_role("button", name="Refresh now"))
    expect(kpi_row.locator("td").nth(1)).to_contain_text("50%")
    open_nav(page, "Plan quality")
    expect(page.locator("#overall-percent")).to_have_text("50.0%")

    # All audits: the manager searches by the child's name, which never reaches the address bar.
    follow(page, page.get_by_role("link", name="All audits"))
    page.get_by_label("Search by child's name").fill(child)
    follow(page, page.get_by_role("button", name="Search", exact=True))
    assert child.split()[0].lower() not in page.url.lower()
    expect(page.locator("#audits")).to_contain_text(child)
    expect(page.locator("#audits")).not_to_contain_text("Dan Ellis")
    page.get_by_label("Status").select_option(label="Agreed")
    follow(page, page.get_by_role("button", name="Apply filters"))
    assert "status=agreed" in page.url and child.split()[0].lower() not in page.url.lower()
    expect(page.locator("#audits tbody tr")).to_have_count(1)
    expect(page.get_by_label("Search by child's name")).to_have_value(child)
