"""Who "the family" is, asked by every door: a young person whose account is closed is no longer
invited alone to their review; their parents are, as decision notices on their case go to them."""

from datetime import date, time

import pytest
from django.test import RequestFactory

from casework import services
from casework.tests.factories import open_case
from clock.case_events import EventKind as K
from notifications.models import Notification
from people.family import family_for
from people.models import ChildRelationship
from people.tests.factories import ParentCarerFactory
from reviews import meetings
from reviews.models import Invitee
from reviews.tests.factories import at, quick_review

pytestmark = pytest.mark.django_db
TODAY = date(2027, 5, 3)


def as_caseworker(area):
    request = RequestFactory().post("/cases/")
    request.user = area.users["caseworker"]
    return request


@pytest.fixture
def closed_young_person(area):
    """Leo, at the SENCo's school, whose own account has been closed; his mother has parental
    responsibility and a verified link."""
    young = area.young_person_child
    young.setting = area.school
    young.save()
    area.users["young_person"].is_active = False
    area.users["young_person"].save()
    mother = ParentCarerFactory(first_name="Maya", last_name="Young")
    ChildRelationship.objects.create(child=young, parent_carer=mother, relationship="mother")
    return young, mother


def test_review_invitations_and_decision_notices_go_to_the_same_people(
    area, closed_young_person, django_capture_on_commit_callbacks
):
    young, mother = closed_young_person
    with at(TODAY):
        review = quick_review(young, date(2026, 6, 10))
        meetings.bulk_schedule(
            None,
            school=area.school,
            due_from=date(2027, 6, 1),
            due_to=date(2027, 6, 30),
            first_day=date(2027, 5, 27),
            per_day=2,
            start_time=time(9, 30),
        )
    invited = list(Invitee.objects.filter(review=review, kind="family").values_list("user", "parent_carer"))
    assert invited == [(None, mother.pk)]

    case = open_case(young, date(2026, 6, 1), caseworker=area.users["caseworker"])
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.record_event(as_caseworker(area), case, K.DECIDED_TO_ASSESS, date(2026, 6, 20))
    told = list(Notification.objects.filter(case=case).values_list("user", "parent_carer"))
    assert told == invited
    # One rule for every door: the invitations for one meeting, letters and notices ask it too.
    assert family_for(young) == [mother]
    assert [i.person for i in meetings.default_invitations(young) if i.kind == "family"] == [mother]


def test_a_young_person_with_an_open_account_is_invited_and_told_alone(area, closed_young_person):
    young, _ = closed_young_person
    area.users["young_person"].is_active = True
    area.users["young_person"].save()
    young.refresh_from_db()
    assert family_for(young) == [area.users["young_person"]]
