"""Optimistic locking one way (core.models.Versioned): two people open the same record, the first
saves, the second is refused with the one stale-edit error and overwrites nothing. Once for each
model whose hand-written locking or `version += 1` was replaced, then through the services and
imports that now claim the record instead."""

from datetime import date

import pytest

from casework import services as casework
from casework.models import AdviserType, AssessmentCase
from casework.tests.factories import case_at
from core.concurrency import StaleEditError, editing
from directory.tests.factories import make_service
from people.models import ParentCarer, Setting
from people.tests.factories import ParentCarerFactory
from plans.models import PlanVersion
from plans.tests.factories import draft_plan
from reviews.models import Direction, Transfer
from reviews.tests.factories import review_at
from waiting.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

def _transfer(area):
    return Transfer.objects.create(
        direction=Direction.IN,
        child=area.own_child,
        other_area="Northshire",
        started_on=date(2026, 1, 5),
        due_on=date(2026, 2, 5),
    )


# Each converted model: how to make one, and a text field two people both change.
RECORDS = {
    "assessment case": (lambda area: case_at(area.own_child, "assessing"), "notices_reason"),
    "annual review": (lambda area: review_at(area.own_child, "held"), "late_meeting_reason"),
    "plan transfer": (lambda area: _transfer(area), "note"),
    "plan draft": (lambda area: draft_plan(area.own_child), "child_views"),
    "child": (lambda area: area.own_child, "preferred_name"),
    "parent or carer": (lambda area: ParentCarerFactory(), "phone"),
    "school": (lambda area: area.school, "town"),
    "Local Offer service": (lambda area: make_service(name="Saturday Club"), "description"),
    "waiting-list referral": (lambda area: ReferralFactory(), "provider_reference"),
    "user account": (lambda area: area.users["caseworker"], "job_title"),
}


@pytest.mark.parametrize("kind", RECORDS)
def test_the_second_of_two_editors_is_refused_and_overwrites_nothing(area, kind):
    make, field = RECORDS[kind]
    record = make(area)
    model = type(record)
    opened_on = model.objects.get(pk=record.pk).version
    first, second = model.objects.get(pk=record.pk), model.objects.get(pk=record.pk)

    setattr(first, field, "First")
    first.save_edit(opened_on)
    setattr(second, field, "Second")
    with pytest.raises(StaleEditError) as refusal:
        second.save_edit(opened_on)

    assert str(refusal.value) == StaleEditError.message
    stored = model.objects.get(pk=record.pk)
    assert (getattr(stored, field), stored.version) == ("First", opened_on + 1)


def test_a_claim_inside_one_edit_counts_once(area):
    """Asking for advice records an event inside the same edit: the case's version goes up by one."""
    case = case_at(area.own_child, "assessing")
    opened_on = case.version
    casework.request_advice(None, case, AdviserType.OTHER, date(2026, 6, 22), expected_version=opened_on)
    assert AssessmentCase.objects.get(pk=case.pk).version == opened_on + 1
    with pytest.raises(StaleEditError):
        casework.request_advice(None, case, AdviserType.OTHER, date(2026, 6, 22), expected_version=opened_on)
    assert case.advice_requests.filter(adviser_type=AdviserType.OTHER).count() == 1


def test_an_edit_block_is_claimed_once_and_released_after(area):
    case = case_at(area.own_child, "assessing")
    opened_on = case.version
    with editing(case, opened_on):
        AssessmentCase.claim(case.pk)  # a step inside the edit: no second claim
        AssessmentCase.claim(case.pk, opened_on)
    assert AssessmentCase.objects.get(pk=case.pk).version == opened_on + 1
    AssessmentCase.claim(case.pk)  # outside the block, a new edit
    assert AssessmentCase.objects.get(pk=case.pk).version == opened_on + 2


def test_a_case_step_on_an_older_page_is_refused(area):
    case = case_at(area.own_child, "assessing")
    opened_on = case.version
    casework.record_notice_arrangements(None, case, "The social worker", expected_version=opened_on)
    with pytest.raises(StaleEditError):
        casework.record_notice_arrangements(None, case, "The virtual school head", expected_version=opened_on)
    assert AssessmentCase.objects.get(pk=case.pk).notices_reason == "The social worker"


def test_a_plan_draft_issued_meanwhile_is_refused_as_issued_not_stale(area):
    from plans import editing as plan_editing
    from plans.codes import PlanStatus
    from plans.errors import IssuedVersionError

    version = draft_plan(area.own_child)
    PlanVersion.objects.filter(pk=version.pk).update(status=PlanStatus.ISSUED)
    with pytest.raises(IssuedVersionError):
        plan_editing.update_section(None, version, "A", expected_version=version.version, child_views="x")


def test_system_changes_make_forms_opened_before_them_stale(area):
    """Imports and jobs claim without a version: a person's form opened before is then refused."""
    parent = ParentCarerFactory()
    school = Setting.objects.get(pk=area.school.pk)
    opened = {ParentCarer: parent.version, Setting: school.version}
    ParentCarer.claim(parent.pk)
    Setting.claim_all([school.pk])
    for model, record in ((ParentCarer, parent), (Setting, school)):
        with pytest.raises(StaleEditError):
            model.objects.get(pk=record.pk).save_edit(opened[model])


def test_a_draft_must_still_be_a_draft_to_be_claimed(area):
    version = draft_plan(area.own_child)
    with pytest.raises(StaleEditError):
        PlanVersion.claim(version.pk, version.version, status="issued")
    assert PlanVersion.objects.get(pk=version.pk).version == version.version
