from datetime import date

import pytest

from audit.models import Action, AuditEvent
from audit.services import record_read
from core.concurrency import StaleEditError
from people.tests.factories import ChildFactory
from waiting.models import Referral
from waiting.services import ReferralRefused, create_referral, update_referral
from waiting.tests.factories import ReferralFactory, pathways

pytestmark = pytest.mark.django_db

TODAY = date(2025, 7, 1)


def values(**changes):
    base = {
        "nhs_number": "4000630008",
        "date_of_birth": date(2015, 5, 14),
        "pathway": pathways()["camhs"],
        "provider_reference": "C-1",
        "referral_date": date(2025, 3, 3),
    }
    return base | changes


def refused(user, **changes):
    with pytest.raises(ReferralRefused) as caught:
        create_referral(None, user, values(**changes), today=TODAY)
    assert not Referral.objects.exists()
    return dict(caught.value.problems)


def test_the_seed_pathways_carry_seed_000s_targets_and_local_offer_link():
    found = pathways()
    assert set(found) == {"autism", "adhd", "camhs", "salt", "equipment", "wheelchairs"}
    camhs = found["camhs"]
    assert camhs.measure == "treatment" and camhs.stop_field == "treatment_start"
    assert camhs.target_within_18_weeks == 90
    assert camhs.support_term.code == "camhs"
    autism = found["autism"].trajectory.filter(measure="average_wait")
    assert [(t.label, float(t.value)) for t in autism] == [
        ("Mar 23", 31.0),
        ("Sept 23", 29.0),
        ("Mar 24", 27.0),
        ("Sept 24", 26.0),
    ]


def test_a_referral_is_linked_to_the_childs_record_and_the_change_audited(area):
    child = ChildFactory(nhs_number="4000630008")
    referral = create_referral(None, area.users["health_officer"], values(), today=TODAY)
    assert referral.child == child
    event = AuditEvent.objects.get(action=Action.CREATE)
    assert event.child == child and event.object_id == str(referral.public_id)


def test_a_future_referral_date_is_refused(area):
    problems = refused(area.users["health_officer"], referral_date=date(2025, 7, 2))
    assert problems["referral_date"] == "Referral date must be today or in the past"


def test_treatment_before_referral_is_refused(area):
    problems = refused(area.users["health_officer"], treatment_start=date(2025, 3, 2))
    assert problems["treatment_start"] == "Treatment start must be on or after the referral date"


def test_a_missing_pathway_and_a_bad_nhs_number_are_refused(area):
    problems = refused(area.users["health_officer"], pathway=None, nhs_number="", date_of_birth=None)
    assert problems["pathway"] == "Select the pathway"
    assert problems["date_of_birth"] == "Enter the date of birth"


def test_a_discharge_needs_its_reason(area):
    problems = refused(area.users["health_officer"], ended_on=date(2025, 4, 1))
    assert problems["end_reason"] == "Select why the child came off the list"


def test_a_duplicate_referral_for_the_same_child_pathway_and_date_is_refused(area):
    create_referral(None, area.users["health_officer"], values(), today=TODAY)
    with pytest.raises(ReferralRefused) as caught:
        create_referral(None, area.users["health_officer"], values(provider_reference="C-2"), today=TODAY)
    assert caught.value.problems == [
        ("referral_date", "This child already has a referral to CAMHS on 3 March 2025")
    ]
    assert Referral.objects.count() == 1


def test_an_edit_is_versioned_and_audited_with_the_fields_changed(area):
    user = area.users["health_officer"]
    referral = create_referral(None, user, values(), today=TODAY)
    update_referral(None, user, referral, 1, values(treatment_start=date(2025, 5, 1)), today=TODAY)
    referral.refresh_from_db()
    assert referral.treatment_start == date(2025, 5, 1) and referral.version == 2
    assert AuditEvent.objects.get(action=Action.UPDATE).detail["fields"] == ["treatment_start"]
    with pytest.raises(StaleEditError):
        update_referral(None, user, referral, 1, values(), today=TODAY)


def test_an_edit_cannot_make_a_duplicate(area):
    user = area.users["health_officer"]
    create_referral(None, user, values(), today=TODAY)
    other = create_referral(
        None, user, values(provider_reference="C-2", referral_date=date(2025, 3, 4)), today=TODAY
    )
    with pytest.raises(ReferralRefused):
        update_referral(None, user, other, 1, values(provider_reference="C-2"), today=TODAY)


def test_reading_a_referral_is_audited(area, rf):
    referral = ReferralFactory(child=ChildFactory())
    request = rf.get("/waiting/")
    request.user = area.users["health_officer"]
    record_read(request, referral, f"Viewed {referral}")
    event = AuditEvent.objects.get(action=Action.VIEW)
    assert event.child == referral.child and event.actor == area.users["health_officer"]
