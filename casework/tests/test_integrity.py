"""The record integrity report (issue 19): each check finds what it is for, links to the page that
puts it right, runs in a fixed number of queries, and the weekly check emails managers."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from casework import integrity
from casework.jobs import record_integrity
from casework.models import AssessmentCase
from casework.tests.factories import case_at, open_case
from core.tests.menus import menu_within_two_clicks
from people.models import Child
from people.tests.factories import ChildFactory
from plans.tests.factories import issued_plan
from reviews.models import AnnualReview, Stage

pytestmark = pytest.mark.django_db

REPORT = reverse("casework:record_integrity")
MONDAY, TUESDAY = date(2026, 11, 23), date(2026, 11, 24)


def counts():
    return {r.key: r.count for r in integrity.run()}


@pytest.fixture
def broken(area):
    """One record wrong in each way the report looks for."""
    Child.objects.update(sen_provision="K")  # the factory marks every child "E"
    marked = ChildFactory(legal_first_name="Noor", legal_last_name="Planless", sen_provision="E")
    finished = case_at(ChildFactory(sen_provision="K"), "withdrawn")
    AssessmentCase.objects.filter(pk=finished.pk).update(next_deadline=date(2026, 7, 1), is_overdue=True)
    closed = case_at(ChildFactory(sen_provision="K"), "assessing")
    # Closed the old way: advice left waiting (its deadline columns already cleared).
    closed_rows = AssessmentCase.objects.filter(pk=closed.pk)
    closed_rows.update(stage="withdrawn", next_deadline=None, is_overdue=False)
    twice = ChildFactory(legal_first_name="Ola", legal_last_name="Twice", sen_provision="K")
    first = open_case(twice, date(2026, 6, 1))
    AssessmentCase.objects.create(  # a second case opened beside the first (before issue 19)
        reference="EHC-999999", child=twice, source=first.source, received_on=date(2026, 6, 8), reasons="2nd"
    )
    unreviewed, _ = issued_plan(ChildFactory(setting=area.school))
    AnnualReview.objects.filter(plan=unreviewed).update(stage=Stage.COMPLETED)
    stuck_plan, version = issued_plan(ChildFactory(setting=area.school))
    AnnualReview.objects.filter(plan=stuck_plan).update(stage=Stage.AMENDING, amendment=version)
    return {
        "marked": marked,
        "finished": finished,
        "closed": closed,
        "twice": twice,
        "unreviewed": unreviewed,
        "stuck": AnnualReview.objects.get(plan=stuck_plan),
    }


def test_a_clean_record_has_no_findings(area):
    Child.objects.update(sen_provision="K")  # the factory marks every child "E"; give plans to some
    issued_plan(area.own_child)  # marked "E", with its plan and its first review cycle
    case_at(area.other_child, "withdrawn")
    case_at(ChildFactory(sen_provision="K"), "consulting")
    assert counts() == dict.fromkeys(counts(), 0)


def test_each_check_finds_its_record_and_links_to_the_page_that_fixes_it(area, login, broken):
    assert counts() == {
        "plan_status_no_plan": 1,
        "finished_case_with_deadline": 1,
        "advice_open_on_closed_case": 1,
        "two_open_cases": 1,
        "plan_without_review_cycle": 1,
        "stuck_review": 1,
    }
    page = login("manager").page(REPORT)
    links = {a["href"] for a in page.select("main table a")}
    assert reverse("people:child_detail", args=[broken["marked"].public_id]) in links
    assert reverse("casework:case_detail", args=[broken["finished"].public_id]) in links
    assert reverse("casework:case_detail", args=[broken["closed"].public_id]) in links
    assert reverse("people:child_detail", args=[broken["twice"].public_id]) in links
    assert reverse("plans:plan_detail", args=[broken["unreviewed"].public_id]) in links
    assert reverse("reviews:review_detail", args=[broken["stuck"].public_id]) in links
    assert "6 findings to put right" in page.get_text()


def test_the_report_runs_in_a_fixed_number_of_queries(area, broken, django_assert_max_num_queries):
    with django_assert_max_num_queries(2 * len(integrity.CHECKS) + 6):
        integrity.run()


def test_managers_find_the_report_in_their_menu_and_others_do_not(area, login):
    Child.objects.update(sen_provision="K")
    # The menu is grouped by job: the report sits in Casework's second level, two clicks away.
    assert menu_within_two_clicks(login("manager")).get(REPORT) == "Record integrity"
    assert "No findings" in login("manager").page(REPORT).get_text()
    assert REPORT not in menu_within_two_clicks(login("caseworker"))


def test_the_weekly_check_emails_managers_the_counts_without_names(area, broken):
    assert record_integrity(TUESDAY) == "not the weekly day" and mail.outbox == []
    outcome = record_integrity(MONDAY)
    assert outcome.startswith("6 record integrity findings; emailed")
    assert {m.to[0] for m in mail.outbox} == {area.users["manager"].email}
    message = mail.outbox[0]
    assert message.subject == "Record integrity: 6 record integrity findings"
    assert "- Children with more than one open request: 1" in message.body
    assert REPORT in message.body
    assert "Planless" not in message.body and "Twice" not in message.body
