"""plans.services and plans.editing: the plan's life, guarded steps, immutability once issued,
stale edits, and nothing lost when a draft is incomplete."""

from datetime import date

import pytest
from django.db import transaction

from audit.models import Action, AuditEvent
from casework import services as casework_services
from casework.models import AdviserType
from casework.tests.factories import case_at
from clock.case_events import EventKind as K
from clock.case_events import OutOfOrder
from core.concurrency import StaleEditError
from plans import editing, services
from plans.errors import IssuedVersionError, PlanError
from plans.models import Need, Outcome, PlanVersion, Provision
from plans.tests.factories import ISSUED_ON, SERVED_ON, add_need, add_provision, draft_plan, fill, issued_plan

pytestmark = pytest.mark.django_db


def test_start_plan_needs_the_decision_to_issue(area):
    case = case_at(area.own_child, "assessing")
    with pytest.raises(PlanError, match="after the decision to issue"):
        services.start_plan(None, case)
    assert isinstance(PlanError("x"), OutOfOrder)  # callers handling OutOfOrder handle plans too


def test_start_plan_fills_section_k_from_the_advice_received(area):
    version = draft_plan(area.own_child)
    entry = version.advice.get()
    assert entry.adviser_type == AdviserType.EDUCATIONAL_PSYCHOLOGIST
    assert entry.received_on == date(2026, 6, 22) and entry.advice_request is not None
    assert "educational psychologist" in entry.summary
    plan = version.plan
    assert (plan.child, plan.case, version.number, version.kind, version.status) == (
        area.own_child, version.case, 1, "draft", "draft",
    )  # fmt: skip
    assert plan.current_version is None and plan.first_issued_on is None
    with pytest.raises(PlanError, match="already been started"):
        services.start_plan(None, version.case)
    assert AuditEvent.objects.filter(
        child=area.own_child, action=Action.CREATE, object_type="ehcplan"
    ).exists()


def test_serving_and_issuing_an_assessment_draft_records_the_case_events(area):
    version = draft_plan(area.own_child)
    fill(version)
    with pytest.raises(PlanError, match="Send the draft to the family"):
        services.issue(None, version, ISSUED_ON)
    services.serve_draft(None, version, SERVED_ON)
    editing.update_section(None, version, "I", named_setting=area.school)
    assert version.served_on == SERVED_ON
    case = version.case
    assert case.events.filter(kind=K.DRAFT_SERVED, on=SERVED_ON).exists()
    with pytest.raises(PlanError, match="before the draft was sent"):
        services.issue(None, version, date(2026, 7, 1))
    issued = services.issue(None, version, ISSUED_ON)
    assert (issued.status, issued.kind, issued.issued_on) == ("issued", "final", ISSUED_ON)
    case.refresh_from_db()
    assert case.stage == "final" and case.events.filter(kind=K.FINAL_ISSUED, on=ISSUED_ON).exists()
    plan = issued.plan
    plan.refresh_from_db()
    assert plan.first_issued_on == ISSUED_ON and plan.current_version == issued
    with pytest.raises(PlanError, match="already issued"):
        services.issue(None, issued, ISSUED_ON)


def test_a_draft_recorded_as_sent_on_the_case_page_is_the_plans_draft_sent_once(area):
    version = draft_plan(area.own_child)
    casework_services.record_event(None, version.case, K.DRAFT_SERVED, SERVED_ON)
    version.refresh_from_db()
    assert version.served_on == SERVED_ON  # the case page's door sends the plan's own draft
    with pytest.raises(PlanError, match="already sent"):
        services.serve_draft(None, version, SERVED_ON)
    assert version.case.events.filter(kind=K.DRAFT_SERVED).count() == 1


def test_an_issued_version_cannot_be_changed_by_any_route(area):
    plan, version = issued_plan(area.own_child)
    need = version.needs.get()
    with pytest.raises(IssuedVersionError):
        editing.update_section(None, version, "A", child_views="Changed")
    with pytest.raises(IssuedVersionError):
        add_need(version)
    with pytest.raises(IssuedVersionError):
        editing.remove_item(None, version, need)
    # The model refuses too, whoever calls it.
    version.child_views = "Changed"
    with pytest.raises(IssuedVersionError):
        version.save()
    with pytest.raises(IssuedVersionError):
        version.delete()
    need.description = "Changed"
    with pytest.raises(IssuedVersionError):
        need.save()
    with pytest.raises(IssuedVersionError), transaction.atomic():  # Django relinks without a savepoint
        version.outcomes.get().needs.clear()
    with pytest.raises(IssuedVersionError):
        Need(version=version, description="New").save()
    with pytest.raises(IssuedVersionError):
        Need.objects.filter(version=version).update(description="Changed")
    with pytest.raises(IssuedVersionError):
        Provision.objects.filter(version=version).delete()
    with pytest.raises(IssuedVersionError):
        PlanVersion.objects.filter(plan=plan).update(child_views="Changed")
    version.refresh_from_db()
    assert version.child_views == "I like trains and drawing."
    assert Need.objects.get(pk=need.pk).description != "Changed"


def test_an_amendment_copies_the_current_version_keeping_item_keys_and_links(area):
    plan, version = issued_plan(area.own_child)
    draft = services.start_amendment(None, plan)
    assert (draft.number, draft.status, draft.based_on, draft.case) == (2, "draft", version, None)
    assert draft.child_views == version.child_views and draft.named_setting == area.school
    assert set(draft.needs.values_list("key", flat=True)) == set(version.needs.values_list("key", flat=True))
    outcome = draft.outcomes.get()
    assert outcome.needs.get() == draft.needs.get()
    assert draft.provision.get().outcomes.get() == outcome
    assert draft.advice.count() == version.advice.count() == 1
    with pytest.raises(PlanError, match="already being written"):
        services.start_amendment(None, plan)
    add_provision(draft, [draft.needs.get()], what="Lego therapy with a trained teaching assistant")
    services.serve_draft(None, draft, date(2026, 10, 1))
    amended = services.issue(None, draft, date(2026, 10, 20))
    assert amended.kind == "amended"
    plan.refresh_from_db()
    assert plan.current_version == amended and plan.first_issued_on == ISSUED_ON
    assert version.provision.count() == 1 and amended.provision.count() == 2


def test_steps_out_of_order_are_refused_in_plain_words(area):
    plan, version = issued_plan(area.own_child)
    with pytest.raises(PlanError, match="in the future"):
        services.cease(None, plan, date(2099, 1, 1), "2")
    with pytest.raises(PlanError, match="Choose the reason"):
        services.cease(None, plan, date(2026, 11, 1), "0")
    with pytest.raises(PlanError, match="before it was first issued"):
        services.cease(None, plan, date(2026, 1, 1), "2")
    services.cease(None, plan, date(2026, 11, 1), "3")
    plan.refresh_from_db()
    assert (plan.ceased_on, plan.cease_reason, plan.get_cease_reason_display()) == (
        date(2026, 11, 1), "3", "Moved on to higher education",
    )  # fmt: skip
    with pytest.raises(PlanError, match="already ceased"):
        services.cease(None, plan, date(2026, 11, 2), "3")
    with pytest.raises(PlanError, match="ceased"):
        services.start_amendment(None, plan)


def test_a_provision_item_with_no_frequency_is_saved_and_the_check_says_so(area):
    from plans.content import load_content
    from plans.facts import findings_for

    version = draft_plan(area.own_child)
    need = add_need(version)
    item = add_provision(version, [need], frequency="", duration="")
    stored = Provision.objects.get(pk=item.pk)
    assert (
        stored.what == item.what and stored.frequency == "" and stored.who == "Speech and language therapist"
    )
    found = {(f.code, f.where) for f in findings_for(load_content(version), area.own_child)}
    assert ("provision_no_frequency", str(item.key)) in found
    assert ("provision_no_duration", str(item.key)) in found


def test_a_stale_edit_is_refused_and_the_first_edit_kept(area):
    version = draft_plan(area.own_child)
    opened_at = version.version
    editing.update_section(None, version, "A", opened_at, child_views="First person's words")
    stale = PlanVersion.objects.get(pk=version.pk)
    with pytest.raises(StaleEditError):
        editing.update_section(None, stale, "A", opened_at, child_views="Second person's words")
    with pytest.raises(StaleEditError):
        editing.save_item(None, stale, Need, expected_version=opened_at, description="Lost?")
    version.refresh_from_db()
    assert version.child_views == "First person's words" and not version.needs.exists()


def test_links_stay_within_one_version(area):
    plan, issued = issued_plan(area.own_child)
    draft = services.start_amendment(None, plan)
    with pytest.raises(PlanError, match="another version"):
        editing.save_item(None, draft, Outcome, description="x", links={"needs": [issued.needs.get()]})
    with pytest.raises(PlanError, match="another version"):
        editing.remove_item(None, draft, issued.needs.get())


def test_a_reassessment_of_a_child_with_a_plan_drafts_a_new_version_of_the_same_plan(area):
    plan, version = issued_plan(area.own_child)
    case = case_at(area.own_child, "drafting", received_on=date(2026, 8, 3))
    draft = services.start_plan(None, case)
    assert draft.plan == plan and draft.number == 2 and draft.based_on == version
    assert draft.advice.count() == 2  # the old plan's advice, and the new assessment's
    services.serve_draft(None, draft, date(2026, 10, 12))
    assert draft.named_setting is None  # a re-assessment's draft names no school either (s.38(5))
    assert services.issue(None, draft, date(2026, 10, 27)).kind == "final"


@pytest.mark.parametrize("reason,provision", [("2", "K"), ("3", "N")])
def test_ceasing_a_plan_updates_the_childs_record(area, reason, provision):
    plan, _ = issued_plan(area.own_child)
    services.cease(None, plan, date(2026, 11, 1), reason)
    area.own_child.refresh_from_db()
    assert area.own_child.sen_provision == provision
    assert area.own_child.history.first().sen_provision == provision  # in the change history too
