"""The plan quality page reads stored results (QualityResult), judged when a plan or its child
changes: a few out of date are judged as the page opens, many on the job queue behind a progress
page, and all of them nightly. The stored figures are the ones judging every plan afresh gives."""

from datetime import date

import pytest
from django.urls import reverse

from jobs import services as jobs
from jobs.models import Job, Status
from people.tests.factories import ChildFactory
from plans import measures, stored_checks
from plans.jobs import CHECK_QUALITY_JOB, check_quality_nightly
from plans.models import QualityResult
from plans.tests.factories import issued_plan
from plans.views import lists

pytestmark = pytest.mark.django_db
TODAY = date(2026, 9, 14)
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def plans(area):
    issued_plan(area.own_child)
    older = ChildFactory(setting=area.school, date_of_birth=date(2011, 3, 1))  # Year 10
    issued_plan(older)
    return older


def test_stored_results_give_the_figures_judging_afresh_gives_and_follow_a_change(area, plans):
    assert stored_checks.check_and_store(stored_checks.stale(TODAY), TODAY) == 2
    assert not stored_checks.stale(TODAY).exists()
    assert measures.measure_stored(TODAY) == measures.measure(TODAY)

    plans.social_care_status = "CIN"  # known to social care: the plan now needs social care advice
    plans.save()
    assert list(stored_checks.stale(TODAY)) == [plans.ehc_plans.get().latest_issued]
    assert measures.measure_stored(TODAY) != measures.measure(TODAY), "not judged again yet"
    stored_checks.check_and_store(stored_checks.stale(TODAY), TODAY)
    assert measures.measure_stored(TODAY) == measures.measure(TODAY)
    assert measures.measure_stored(TODAY).social_care_advice.count == 1
    # A new school year moves year groups on: every result is judged again.
    assert stored_checks.stale(date(2027, 9, 1)).count() == 2


def test_the_page_judges_a_few_out_of_date_at_once(area, plans, login, settings):
    settings.TASKS = DATABASE_QUEUE
    page = login("manager").page(reverse("plans:quality"))
    assert page.select_one("#checks") is not None and QualityResult.objects.count() == 2
    assert not Job.objects.exists()


def test_many_out_of_date_go_to_the_job_queue_behind_a_progress_page(
    area, plans, login, settings, monkeypatch
):
    settings.TASKS = DATABASE_QUEUE
    monkeypatch.setattr(lists, "JUDGE_HERE", 1)
    client = login("manager")
    page = client.page(reverse("plans:quality"))
    job = Job.objects.get(kind=CHECK_QUALITY_JOB)
    assert page.select_one("progress") is not None and page.select_one("#checks") is None
    assert not QualityResult.objects.exists(), "nothing judged in the request"
    client.page(reverse("plans:quality"))
    assert Job.objects.count() == 1, "a refresh follows the same job"

    assert jobs.execute(str(job.public_id)) == Status.SUCCEEDED  # the worker
    page = client.page(reverse("plans:quality"))
    assert QualityResult.objects.count() == 2 and page.select_one("#checks") is not None
    assert "2 live plans" in page.get_text()


def test_the_nightly_task_judges_what_is_out_of_date(area, plans):
    assert check_quality_nightly(TODAY) == "2 plans checked"
    assert check_quality_nightly(TODAY) == "0 plans checked"
