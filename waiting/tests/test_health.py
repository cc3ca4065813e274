from datetime import date

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from clock.health import next_review_due
from core.tests.list_export_helpers import csv_lines, export_job, exported
from people.tests.factories import ChildFactory
from waiting import health
from waiting.models import AssessmentKind, CareEpisode, HealthAssessment

pytestmark = pytest.mark.django_db


def test_the_initial_assessment_is_due_20_working_days_after_coming_into_care():
    child = ChildFactory(date_of_birth=date(2015, 6, 1))
    # Wed 1 April 2026: Good Friday (3rd) and Easter Monday (6th) are not working days.
    episode = health.start_episode(None, None, child, date(2026, 4, 1), today=date(2026, 4, 2))
    assert (episode.next_kind, episode.next_due) == (AssessmentKind.INITIAL, date(2026, 5, 1))


def test_reviews_are_six_monthly_under_5_then_yearly_and_stop_at_18():
    assert next_review_due(date(2022, 1, 1), date(2026, 5, 1)) == date(2026, 10, 31)
    assert next_review_due(date(2012, 1, 1), date(2026, 5, 1)) == date(2027, 4, 30)
    assert next_review_due(date(2008, 9, 1), date(2026, 5, 1)) is None


def test_recording_an_assessment_moves_the_clock_on_and_counts_on_time():
    child = ChildFactory(date_of_birth=date(2023, 2, 1))
    episode = health.start_episode(None, None, child, date(2026, 1, 5), today=date(2026, 1, 5))
    assert episode.next_due == date(2026, 2, 2)
    late = health.record_assessment(None, None, episode, date(2026, 2, 9), today=date(2026, 2, 9))
    assert (late.kind, late.due_on, late.on_time) == ("initial", date(2026, 2, 2), False)
    assert (episode.next_kind, episode.next_due) == ("review", date(2026, 8, 8))
    with pytest.raises(health.AssessmentRefused, match="after the last one"):
        health.record_assessment(None, None, episode, date(2026, 2, 9), today=date(2026, 3, 1))
    assert HealthAssessment.objects.count() == 1
    other = health.start_episode(None, None, ChildFactory(), date(2026, 1, 5), today=date(2026, 1, 5))
    health.record_assessment(None, None, other, date(2026, 1, 20), today=date(2026, 1, 20))
    overdue = health.start_episode(None, None, ChildFactory(), date(2026, 1, 12), today=date(2026, 1, 12))
    figures = health.on_time(date(2026, 1, 1), date(2026, 3, 31), date(2026, 3, 1), "initial")
    assert (figures.due, figures.on_time, figures.percent) == (3, 1, 33.3)
    assert overdue.next_due < date(2026, 3, 1)


def test_a_future_date_or_a_second_open_episode_is_refused():
    child = ChildFactory()
    with pytest.raises(health.AssessmentRefused, match="today or in the past"):
        health.start_episode(None, None, child, date(2026, 5, 1), today=date(2026, 4, 1))
    health.start_episode(None, None, child, date(2026, 3, 1), today=date(2026, 4, 1))
    with pytest.raises(health.AssessmentRefused, match="already recorded as in care"):
        health.start_episode(None, None, child, date(2026, 3, 2), today=date(2026, 4, 1))
    assert CareEpisode.objects.count() == 1


def test_the_due_list_shows_overdue_first_and_filters(area, login, django_assert_max_num_queries):
    health.start_episode(None, None, area.own_child, date(2025, 1, 6), today=date(2025, 1, 6))
    client = login("dsco")
    with django_assert_max_num_queries(30):
        page = client.page(reverse("waiting:health_list") + "?status=overdue")
    row = page.find(id="due").find("tbody").find("tr")
    assert area.own_child.full_name in row.get_text() and "Overdue" in row.get_text()
    # Due more than a year ago: outside the KPI's 12 months.
    assert "None due" in page.find(id="on-time").get_text()
    empty = client.page(reverse("waiting:health_list") + "?kind=review")
    assert empty.find(id="result-count").get_text(strip=True) == "0 children found"
    # The export runs on the job queue (issue 22): filtered as the page, each row audited as read,
    # and the file is the officer's alone.
    before = AuditEvent.objects.filter(action=Action.VIEW).count()
    job = export_job(client, reverse("waiting:health_list") + "?status=overdue&format=csv")
    lines = csv_lines(client.get(reverse("jobs:download", args=[job.public_id])))
    assert lines[0].startswith("Name,NHS number") and len(lines) == 2
    assert area.own_child.full_name in lines[1] and lines[1].endswith(",Yes")
    assert AuditEvent.objects.filter(action=Action.VIEW).count() == before + 1
    assert csv_lines(exported(client, reverse("waiting:health_list") + "?kind=review&format=csv"))[1:] == []
    assert login("dco").get(reverse("jobs:download", args=[job.public_id])).status_code == 404


@pytest.mark.parametrize("query, field", [("kind=nonsense", "kind"), ("status=late", "status")])
def test_a_bad_health_assessment_filter_is_a_govuk_error_and_lists_no_one(area, login, query, field):
    health.start_episode(None, None, area.own_child, date(2025, 1, 6), today=date(2025, 1, 6))
    page = login("dsco").page(reverse("waiting:health_list") + "?" + query)
    assert page.select_one(f".govuk-error-summary a[href='#{field}']")
    assert page.find(id="result-count").get_text(strip=True) == "0 children found"
