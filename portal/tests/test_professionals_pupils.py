"""A SENCo's pupils on roll with EHC plans: next review, paperwork status, reviews coming up,
search, filters, export, and one query per page however many pupils."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import Action, AuditEvent
from core.tests.list_export_helpers import csv_lines, export_job, exported
from people.tests.factories import ChildFactory
from reviews import contributions
from reviews.tests.factories import at, quick_review, review_for, scheduled

pytestmark = pytest.mark.django_db

PUPILS = reverse("portal:pupil_list")
HOME = reverse("portal:professional_home")
IN_MAY = date(2027, 5, 20)  # the plans' first reviews are due by 26 July 2027: within 12 weeks


@pytest.fixture
def school_pupils(area):
    """At the SENCo's school: Amira (review scheduled, paperwork sent), Ben (review due, nothing
    sent), Cara (no plan). At the other school: Jacob (a plan, not the SENCo's pupil)."""
    amira = review_for(area.own_child)
    scheduled(amira)
    with at(IN_MAY):
        contributions.submit_paperwork(None, amira, views="Settled well", progress=[], proposed_changes="")
    ben = review_for(ChildFactory(setting=area.school, legal_first_name="Ben", legal_last_name="Adeyemi"))
    ChildFactory(setting=area.school, legal_first_name="Cara", legal_last_name="Nolan")
    review_for(area.other_child)
    return {"amira": amira, "ben": ben}


def _names(soup):
    return [tr.td.get_text(" ", strip=True).split(" Born")[0] for tr in soup.select("#pupils tbody tr")]


def test_the_senco_sees_only_their_pupils_with_plans_and_each_review(area, login, school_pupils):
    with at(IN_MAY):
        soup = login("senco").page(PUPILS)
    assert _names(soup) == ["Adeyemi, Ben", "Hussain, Amira"]
    rows = dict(zip(_names(soup), soup.select("#pupils tbody tr"), strict=True))
    amira = rows["Hussain, Amira"].get_text(" ", strip=True)
    assert "26 Jul 2027" in amira and "21 Jun 2027" in amira and "Sent 20 May 2027" in amira
    ben = rows["Adeyemi, Ben"]
    assert "Not sent" in ben.get_text() and "Not arranged yet" in ben.get_text()
    link = ben.select_one("a")
    assert link.get_text(" ", strip=True) == "Send the paperwork for Ben Adeyemi"
    assert link["href"] == reverse("reviews:paperwork", args=[school_pupils["ben"].public_id])


def test_filters_narrow_the_list(area, login, school_pupils):
    with at(IN_MAY):
        senco = login("senco")
        assert _names(senco.page(PUPILS + "?paperwork=not_sent")) == ["Adeyemi, Ben"]
        assert _names(senco.page(PUPILS + "?paperwork=sent")) == ["Hussain, Amira"]
        assert _names(senco.page(PUPILS + "?within=4")) == []
        assert len(_names(senco.page(PUPILS + "?within=12"))) == 2
        year = area.own_child.year_group(IN_MAY)
        assert "Hussain, Amira" in _names(senco.page(PUPILS + f"?year={year}"))


@pytest.mark.parametrize(
    "query, field", [("within=5", "within"), ("paperwork=lost", "paperwork"), ("year=abc", "year")]
)
def test_a_bad_filter_value_is_a_govuk_error_and_lists_no_pupil(area, login, school_pupils, query, field):
    with at(IN_MAY):
        soup = login("senco").page(PUPILS + "?" + query)
    assert soup.select_one(f".govuk-error-summary a[href='#{field}']")
    assert _names(soup) == []
    within = soup.select_one("select#within")
    assert [o.get_text() for o in within.select("option")][:2] == ["Any time", "In the next 4 weeks"]


def test_search_keeps_the_name_out_of_the_url(area, login, school_pupils):
    with at(IN_MAY):
        senco = login("senco")
        response = senco.post(PUPILS, {"q": "Ben"})
        assert response.status_code == 302 and "Ben" not in response["Location"]
        soup = senco.page(response["Location"])
    assert _names(soup) == ["Adeyemi, Ben"]
    assert AuditEvent.objects.filter(action=Action.SEARCH, actor=area.users["senco"]).exists()


def test_export_as_csv_and_xlsx_is_audited(area, login, school_pupils):
    with at(IN_MAY):
        senco = login("senco")
        rows = list(csv.reader(csv_lines(exported(senco, PUPILS + "?format=csv&sort=review"))))
        workbook = load_workbook(io.BytesIO(exported(senco, PUPILS + "?format=xlsx").content))
        searched = senco.post(PUPILS, {"q": "Ben"})["Location"]
        found = list(csv.reader(csv_lines(exported(senco, searched + "&format=csv"))))
        job = export_job(senco, PUPILS + "?format=csv")
        others = [
            login(p).get(reverse("jobs:download", args=[job.public_id])).status_code for p in ("caseworker",)
        ]
    # On the job queue (issue 22): the search applies, and the file is the SENCo's alone.
    assert [r[0] for r in found[1:]] == ["Adeyemi"] and others == [404]
    assert rows[0][:2] == ["Last name", "First name"]
    assert {r[0] for r in rows[1:]} == {"Hussain", "Adeyemi"}
    assert "Sent 20 May 2027" in [r[-1] for r in rows if r[0] == "Hussain"][0]
    assert workbook.active.max_row == 3
    assert AuditEvent.objects.filter(action=Action.EXPORT, actor=area.users["senco"]).count() == 4


def test_the_home_page_shows_reviews_coming_up_and_the_ask_for_an_assessment_link(area, login, school_pupils):
    quick_review(ChildFactory(setting=area.school, legal_last_name="Later"), date(2027, 3, 1))  # due 2028
    with at(IN_MAY):
        soup = login("senco").page(HOME)
    assert "3 pupils on roll with EHC plans" in soup.select_one("#pupils-link").get_text()
    coming = [tr.td.get_text(" ", strip=True) for tr in soup.select("#coming-up tbody tr")]
    assert len(coming) == 2 and not any("Later" in c for c in coming)
    assert soup.select_one("#request-link")["href"] == reverse("portal:request_start")


def test_a_page_of_pupils_costs_the_same_queries_however_many(area, login, school_pupils):
    with at(IN_MAY):
        senco = login("senco")
        senco.get(PUPILS)
        with CaptureQueriesContext(connection) as few:
            senco.get(PUPILS)
        for n in range(3):
            review_for(ChildFactory(setting=area.school, legal_last_name=f"Extra{n}"))
        with CaptureQueriesContext(connection) as more:
            soup = senco.page(PUPILS)
    assert len(_names(soup)) == 5
    assert len(more) == len(few)
