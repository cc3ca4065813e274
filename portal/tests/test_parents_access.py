"""Parents' access follows the young person's decision (SEND Code of Practice 8.13-8.17): over
compulsory school age a parent sees the plan, documents and messages only with the young person's
agreement, or when a caseworker has recorded that the young person lacks mental capacity (the
parent then acts for them). The rule is people.access.parent_may_see."""

from datetime import date

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from clock import dates
from messaging.tests import family_pages
from people.access import children_visible_to, parent_may_see
from people.history import changes_for
from people.models import Child, ChildRelationship, ParentCarer
from portal.tests.test_family_plan import plan_without_case
from portal.tests.test_reading_age import MAX_GRADE, grade, sentences

pytestmark = pytest.mark.django_db


@pytest.fixture
def leo(area):
    """The young person persona's record (born 2006), with the parent persona linked and verified."""
    parent = ParentCarer.objects.get(user=area.users["parent"])
    ChildRelationship.objects.create(
        child=area.young_person_child, parent_carer=parent, relationship="mother", verified=True
    )
    return area.young_person_child


def _child_page(leo):
    return reverse("portal:child", args=[leo.public_id])


def test_a_parent_without_the_young_persons_agreement_is_told_why_and_how_to_ask(area, login, leo):
    plan = plan_without_case(leo)
    parent = login("parent")
    home = parent.page(reverse("portal:home"))
    waiting = home.find(id="waiting-1")
    assert "Leo is now a young person" in waiting.get_text()
    assert waiting.find("a", href=_child_page(leo))
    page = parent.page(_child_page(leo), status=403)
    assert page.h1.get_text(strip=True) == "You need Leo's agreement"
    assert "only if they say yes" in page.get_text()
    assert not page.find("a", href=reverse("portal:plan", args=[plan.public_id]))  # nothing of theirs shown
    # Written for families: the same reading-age limit as every family page.
    lines = sentences(family_pages.main_text(str(page)))
    assert grade(lines) <= MAX_GRADE, lines
    # Every other door to their records stays shut: the plan, the messages, the staff record.
    assert parent.get(reverse("portal:plan", args=[plan.public_id])).status_code == 404
    assert parent.get(reverse("messaging:child_thread", args=[leo.public_id])).status_code == 404
    assert not children_visible_to(area.users["parent"]).filter(pk=leo.pk).exists()
    assert AuditEvent.objects.filter(
        action=Action.DENIED, child=leo, summary="Parent waiting for the young person's agreement"
    ).exists()


def test_the_young_person_says_yes_then_no_and_the_parents_access_follows(area, login, leo):
    young, parent = login("young_person"), login("parent")
    about_me = young.page(_child_page(leo))
    assert "Only you can see your plan" in about_me.find(id="parents-access").get_text()
    url = reverse("portal:parents_access", args=[leo.public_id])
    assert about_me.find("a", href=url)
    young.page(url)

    assert young.post(url, {"may_see": "yes"})["Location"] == _child_page(leo)
    assert parent.get(_child_page(leo)).status_code == 200
    assert parent.get(reverse("messaging:child_thread", args=[leo.public_id])).status_code == 200

    young.post(url, {"may_see": "no"})
    assert parent.get(_child_page(leo)).status_code == 403
    assert parent.get(reverse("messaging:child_thread", args=[leo.public_id])).status_code == 404
    summaries = list(
        AuditEvent.objects.filter(child=leo, action=Action.UPDATE).values_list("summary", flat=True)
    )
    assert "The young person said: parents may see their records" in summaries
    assert "The young person said: parents may not see their records" in summaries
    # And in the record's change history, as the young person's own changes.
    answers = [
        (change["who"], entry["new"])
        for change in changes_for(leo)
        for entry in change["entries"] or []
        if entry["field"] == "Parents may see"
    ]
    assert answers == [(str(area.users["young_person"]), "False"), (str(area.users["young_person"]), "True")]


def test_no_answer_is_an_error_and_changes_nothing(area, login, leo):
    young = login("young_person")
    page = young.post(reverse("portal:parents_access", args=[leo.public_id]), {})
    assert page.status_code == 200
    assert "Select yes if your parents or carers can see them" in page.content.decode()
    leo.refresh_from_db()
    assert leo.parents_may_see is None


def test_only_the_young_person_decides_on_their_own_record(area, login, leo):
    url = reverse("portal:parents_access", args=[leo.public_id])
    assert login("parent").post(url, {"may_see": "yes"}).status_code == 404
    assert login("caseworker").post(url, {"may_see": "yes"}).status_code == 404
    leo.refresh_from_db()
    assert leo.parents_may_see is None


def test_a_caseworker_records_a_lack_of_capacity_with_a_reason_and_the_parent_acts_for_them(area, login, leo):
    caseworker, parent = login("caseworker"), login("parent")
    url = reverse("portal:capacity", args=[leo.public_id])
    record_page = caseworker.page(reverse("people:child_detail", args=[leo.public_id]))
    assert record_page.find("a", href=url)
    caseworker.page(url)
    refused = caseworker.post(url, {"lacks_capacity": "yes", "reason": "   "})
    assert refused.status_code == 200 and "Enter the reason" in refused.content.decode()
    assert parent.get(_child_page(leo)).status_code == 403

    reason = "Capacity assessment by Dr Ahmed, 2 March 2026: cannot weigh the choices, even with help."
    saved = caseworker.post(url, {"lacks_capacity": "yes", "reason": reason})
    assert saved["Location"] == reverse("people:child_detail", args=[leo.public_id])
    assert parent.get(_child_page(leo)).status_code == 200
    event = AuditEvent.objects.get(child=leo, summary__startswith="Recorded that the young person lacks")
    assert reason in str(event.detail)
    # The young person is told plainly, and is not offered a choice the law does not give them.
    about_me = login("young_person").page(_child_page(leo))
    assert "Your parent or carer helps you make decisions" in about_me.find(id="parents-access").get_text()

    caseworker.post(url, {"lacks_capacity": "no", "reason": "Reassessed: can decide with support."})
    assert parent.get(_child_page(leo)).status_code == 403
    # Both decisions are in the record's change history, with who made them and the reason.
    changed = [
        (change["who"], entry["field"], entry["new"])
        for change in changes_for(leo)
        for entry in change["entries"] or []
    ]
    who = str(area.users["caseworker"])
    assert (who, "Lacks capacity", "True") in changed and (who, "Capacity reason", reason) in changed
    assert (who, "Lacks capacity", "False") in changed


def test_a_child_of_compulsory_school_age_needs_no_agreement(area):
    child = Child.objects.get(pk=area.own_child.pk)
    assert parent_may_see(child)
    assert children_visible_to(area.users["parent"]).filter(pk=child.pk).exists()


@pytest.mark.parametrize(
    ("born", "leaves"),
    [
        (date(2009, 9, 1), date(2026, 6, 26)),  # the oldest of the year group
        (date(2010, 8, 31), date(2026, 6, 26)),  # the youngest: leaves before turning 16
        (date(2010, 9, 1), date(2027, 6, 25)),
    ],
)
def test_the_school_leaving_date_is_the_last_friday_in_june_of_year_11(born, leaves):
    assert dates.school_leaving_date(born) == leaves
    assert not dates.over_compulsory_school_age(born, leaves)
    assert dates.over_compulsory_school_age(born, date.fromordinal(leaves.toordinal() + 1))
    latest = dates.latest_birth_date_over_compulsory_school_age(date.fromordinal(leaves.toordinal() + 1))
    assert latest >= born
    assert dates.latest_birth_date_over_compulsory_school_age(leaves) < born
