"""The review lists: due in the next weeks, overdue, in progress; filters, search, export; the same
number of queries for 3 reviews or 30; the backlog now and a week ago."""

import io
from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import Action, AuditEvent
from core.tests.list_export_helpers import csv_lines, exported
from people.tests.factories import ChildFactory
from reviews import decisions, meetings, queries
from reviews.models import Invitee
from reviews.tests.factories import at, held, quick_review, review_for, scheduled

pytestmark = pytest.mark.django_db
TODAY = date(2027, 6, 1)


@pytest.fixture
def reviews(area):
    """Due in 4 weeks at Alder Lane (the caseworker's), overdue at Beckside, due in 4 months, and
    one whose meeting was held."""
    worker = area.users["caseworker"]
    with at(TODAY):
        made = {
            "due": quick_review(
                ChildFactory(setting=area.school, legal_last_name="Due"), date(2026, 7, 1), worker
            ),
            "overdue": quick_review(
                ChildFactory(setting=area.other_school, legal_last_name="Late"), date(2026, 5, 1)
            ),
            "later": quick_review(
                ChildFactory(setting=area.school, legal_last_name="Later"), date(2026, 10, 1)
            ),
            "held": quick_review(ChildFactory(setting=area.school, legal_last_name="Held"), date(2026, 9, 1)),
        }
    with at(date(2027, 5, 1)):
        meetings.schedule(
            None, made["held"], meeting_on=date(2027, 5, 20), place="School", late_reason="Backlog"
        )
    with at(date(2027, 5, 20)):
        decisions.meeting_held(None, made["held"], date(2027, 5, 20))
    return made


def names(soup):
    return [a.get_text(strip=True).split(",")[0] for a in soup.select("#reviews tbody tr td:first-child a")]


def page(client, **params):
    return client.page(
        reverse("reviews:review_list") + ("?" + "&".join(f"{k}={v}" for k, v in params.items()))
    )


def test_each_list_shows_its_reviews(area, login, reviews):
    with at(TODAY):
        client = login("caseworker")
        assert names(page(client)) == ["Due"]  # the next 8 weeks
        assert names(page(client, weeks=26)) == ["Due", "Later"]
        assert names(page(client, show="overdue")) == ["Late"]
        assert names(page(client, show="in_progress")) == ["Held"]
        assert sorted(names(page(client, show="all"))) == ["Due", "Held", "Late", "Later"]


def test_filters_by_school_and_caseworker_and_search(area, login, reviews):
    with at(TODAY):
        client = login("manager")
        school = area.other_school.public_id
        assert names(page(client, show="all", school=school)) == ["Late"]
        assert names(page(client, show="all", caseworker=area.users["caseworker"].pk)) == ["Due"]
        assert sorted(names(page(client, show="all", caseworker="none"))) == ["Held", "Late", "Later"]
        response = client.post(reverse("reviews:review_list") + "?show=all", {"q": "Later"})
        assert "Later" not in response["Location"]  # names stay out of URLs
        assert names(client.page(response["Location"])) == ["Later"]
        response = client.post(reverse("reviews:review_list") + "?show=all", {"q": reviews["due"].reference})
        assert names(client.page(response["Location"])) == ["Due"]
    assert AuditEvent.objects.filter(action=Action.SEARCH, actor=area.users["manager"]).count() == 2


def test_the_lists_export_as_csv_and_xlsx(area, login, reviews):
    with at(TODAY):
        client = login("caseworker")
        lines = csv_lines(exported(client, reverse("reviews:review_list") + "?show=all&format=csv"))
        xlsx = exported(client, reverse("reviews:review_list") + "?show=overdue&format=xlsx")
        panel = login("panel").get(reverse("reviews:review_list") + "?format=csv")
    assert lines[0].startswith("Reference,Last name,First name")
    assert len(lines) == 5
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    # The due date is a spreadsheet date (it sorts and filters as one), shown as dd/mm/yyyy.
    assert sheet.cell(row=2, column=8).number_format == "dd/mm/yyyy"
    assert rows[1][1] == "Late" and rows[1][7] == datetime(2027, 4, 30) and rows[1][12] == "Overdue"
    assert panel["Content-Type"].startswith("text/html")  # the panel reads lists but does not export
    assert AuditEvent.objects.filter(action=Action.EXPORT).count() == 2


def test_the_backlog_compares_overdue_meetings_now_with_a_week_ago(area, reviews):
    with at(TODAY):
        # Due 30 April: overdue now and a week ago. Add one that fell overdue this week.
        quick_review(ChildFactory(setting=area.school), date(2026, 5, 29))
        assert queries.backlog(TODAY) == queries.Backlog(now=2, week_ago=1)
    with at(date(2027, 6, 3)):
        meetings.schedule(
            None,
            reviews["overdue"],
            meeting_on=date(2027, 6, 3),
            place="School",
            short_notice_reason="Asked",
            late_reason="Backlog",
        )
        decisions.meeting_held(None, reviews["overdue"], date(2027, 6, 3))
    backlog = queries.backlog(date(2027, 6, 8))
    assert (backlog.now, backlog.week_ago, backlog.summary) == (1, 2, "down 1 in a week")


def add_reviews(area, n):
    with at(TODAY):
        for i in range(n):
            child = ChildFactory(setting=area.school)
            review = quick_review(child, date(2026, 6, 1 + i % 28), area.users["caseworker"])
            if i % 2:
                meetings.schedule(
                    None, review, meeting_on=date(2027, 6, 20), place="School", late_reason="Backlog"
                )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "persona,url",
    [
        ("caseworker", "/reviews/?show=all"),
        ("caseworker", "/reviews/?show=due&weeks=26"),
        ("senco", "/reviews/school/"),
        ("parent", "/reviews/family/"),
    ],
)
def test_lists_use_the_same_number_of_queries_for_3_or_30_reviews(area, login, persona, url, pupil):
    add_reviews(area, 3)
    with at(TODAY):
        quick_review(pupil(), date(2026, 6, 3))  # the parent's list has one to start with
        client = login(persona)
        client.get(url)  # the school filter's cached choices: worked out once a minute, not on every page
        few = queries_for(client, url)
    add_reviews(area, 27)
    with at(TODAY):
        for _ in range(3):
            quick_review(pupil(), date(2026, 6, 3))
        assert queries_for(client, url) == few


def test_the_review_page_does_not_query_per_invitee_or_event(area, login):
    review = scheduled(review_for(area.own_child))
    url = reverse("reviews:review_detail", args=[review.public_id])
    with at(date(2027, 6, 1)):
        client = login("caseworker")
        few = queries_for(client, url)
    Invitee.objects.bulk_create(
        [
            Invitee(review=review, kind="other", name=f"Guest {n}", invited_on=date(2027, 5, 31))
            for n in range(10)
        ]
    )
    held(review)
    with at(date(2027, 6, 22)):
        client = login("caseworker")
        assert queries_for(client, url) == few


@pytest.mark.parametrize(
    "query, field",
    [
        ("caseworker=abc", "caseworker"),
        ("weeks=5", "weeks"),
        ("school=nope", "school"),
        ("phase=no", "phase"),
    ],
)
def test_a_bad_filter_value_is_a_govuk_error_and_lists_nothing(area, login, reviews, query, field):
    with at(TODAY):
        soup = login("manager").page(reverse("reviews:review_list") + "?" + query)
    assert soup.select_one(f".govuk-error-summary a[href='#{field}']")
    assert names(soup) == []


def test_an_unknown_list_is_the_reviews_due_and_the_weeks_are_drawn_as_chosen(area, login, reviews):
    with at(TODAY):
        soup = login("caseworker").page(reverse("reviews:review_list") + "?show=nonsense")
    assert names(soup) == ["Due"]
    assert soup.select_one("select#weeks option[selected]")["value"] == "8"
    assert soup.select_one("h1").get_text(strip=True) == "Reviews due in the next 8 weeks"
