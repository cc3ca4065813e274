from datetime import timedelta

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from clock import dates
from clock.dates import last_month_end
from directory.tests.factories import make_service
from waiting.measures import typical_waits
from waiting.tests.factories import ReferralFactory, pathways

pytestmark = pytest.mark.django_db


def test_typical_wait_is_the_median_completed_wait_in_the_year():
    camhs = pathways()["camhs"]
    on = last_month_end(dates.today())
    for number, weeks in enumerate([4, 10, 30]):
        seen = on - timedelta(days=10 * number)
        ReferralFactory(pathway=camhs, referral_date=seen - timedelta(days=7 * weeks), treatment_start=seen)
    # Seen more than a year ago, and still waiting: neither counts.
    ReferralFactory(
        pathway=camhs, referral_date=on - timedelta(days=800), treatment_start=on - timedelta(days=400)
    )
    ReferralFactory(pathway=camhs, referral_date=on - timedelta(days=100))
    assert typical_waits(on, [camhs]) == {camhs.pk: 10}


def test_a_parent_sees_their_own_childs_camhs_wait_and_the_support(
    area, login, django_assert_max_num_queries
):
    camhs = pathways()["camhs"]
    today = dates.today()
    mine = ReferralFactory(pathway=camhs, child=area.own_child, referral_date=today - timedelta(days=70))
    ReferralFactory(pathway=camhs, child=area.other_child, referral_date=today - timedelta(days=30))
    # Seen already: no longer on the list.
    ReferralFactory(
        pathway=pathways()["salt"],
        child=area.own_child,
        referral_date=today - timedelta(days=90),
        assessment_start=today - timedelta(days=5),
    )
    make_service(name="Kooth online counselling", tags=["camhs", "wait-support"])
    make_service(name="CAMHS itself", tags=["camhs"])
    client = login("parent")
    with django_assert_max_num_queries(25):
        page = client.page(reverse("waiting:family_lists"))
    text = page.get_text(" ", strip=True)
    assert "Amira" in text and "Jacob" not in text
    wait = page.find(id="wait-camhs")
    assert wait is not None and page.find(id="wait-salt") is None
    wait_text = wait.get_text(" ", strip=True)
    assert f"{mine.referral_date:%-d %B %Y} (10 weeks so far)" in wait_text
    assert "Kooth online counselling" in wait_text and "CAMHS itself" not in wait_text
    assert AuditEvent.objects.filter(action=Action.VIEW, child=area.own_child).count() == 1


def test_a_family_with_no_waits_is_told_so(area, login):
    pathways()
    text = login("young_person").page(reverse("waiting:family_lists")).get_text(" ", strip=True)
    assert "not on an NHS waiting list we know about" in text
