"""The SENCo's lists are worklists: overdue reviews first and tagged, paperwork dates marked
"overdue" once passed, the paperwork page saying its deadline has passed, and one count of pupils
with plans on every page."""

from datetime import date

import pytest
from django.urls import reverse

from core.home import figures_for
from people.tests.factories import ChildFactory
from reviews import meetings
from reviews.tests.factories import at, quick_review, review_for

pytestmark = pytest.mark.django_db
TODAY = date(2027, 6, 14)


@pytest.fixture
def worklist(area):
    """At the SENCo's school: Ben's review overdue (due 30 April 2027), Amira's due 26 July with a
    meeting on 21 June whose paperwork was due 7 June and not sent, and Cara with no plan at all
    (her record still says EHC plan, as a stale census field might)."""
    amira = review_for(area.own_child)
    with at(date(2027, 5, 24)):
        meetings.schedule(
            None,
            amira,
            meeting_on=date(2027, 6, 21),
            place="School",
            invitations=meetings.default_invitations(area.own_child),
        )
    ben = quick_review(
        ChildFactory(setting=area.school, legal_first_name="Ben", legal_last_name="Zane"), date(2026, 5, 1)
    )
    ChildFactory(setting=area.school, legal_first_name="Cara", legal_last_name="Nolan", sen_provision="E")
    return {"amira": amira, "ben": ben}


def _first_cells(rows):
    return [row.select_one("td").get_text(" ", strip=True) for row in rows]


def test_reviews_coming_up_show_overdue_reviews_first_and_tagged(area, login, worklist):
    with at(TODAY):
        soup = login("senco").page(reverse("portal:professional_home"))
    rows = soup.select("#coming-up tbody tr")
    names = _first_cells(rows)
    assert names[0].startswith("Zane, Ben") and names[1].startswith("Hussain, Amira")
    assert "Overdue" in rows[0].select("td")[2].get_text()
    assert "Overdue" not in rows[1].select("td")[2].get_text()
    paperwork = rows[1].select("td")[4].get_text(" ", strip=True)
    assert "Due by 7 Jun 2027" in paperwork and "overdue" in paperwork


def test_the_paperwork_list_is_a_worklist(area, login, worklist):
    with at(TODAY):
        soup = login("senco").page(reverse("reviews:paperwork_list"))
    rows = soup.select("#reviews tbody tr")
    names = _first_cells(rows)
    assert names[0].startswith("Zane, Ben") and names[1].startswith("Hussain, Amira")
    assert "Overdue" in rows[0].get_text()
    amira = rows[1].get_text(" ", strip=True)
    assert "Due by 7 Jun 2027 overdue" in amira
    with at(date(2027, 6, 1)):
        soup = login("senco").page(reverse("reviews:paperwork_list"))
    amira = soup.select("#reviews tbody tr")[1].get_text(" ", strip=True)
    assert "Due by 7 Jun 2027" in amira and "overdue" not in amira


def test_the_paperwork_page_says_when_its_deadline_has_passed(area, login, worklist):
    url = reverse("reviews:paperwork", args=[worklist["amira"].public_id])
    with at(date(2027, 6, 7)):
        soup = login("senco").page(url)
    assert soup.select_one("#deadline-passed") is None
    assert "Please send this by 7 June 2027" in soup.get_text(" ", strip=True)
    with at(TODAY):
        soup = login("senco").page(url)
    assert "The deadline for this paperwork, 7 June 2027, has passed" in soup.select_one(
        "#deadline-passed"
    ).get_text(" ", strip=True)


def test_the_home_page_and_your_work_count_the_same_pupils_with_plans(area, login, worklist):
    senco = area.users["senco"]
    with at(TODAY):
        home = figures_for(senco)
        work = login("senco").page(reverse("portal:professional_home"))
    plans = next(f["value"] for f in home if f["label"] == "Pupils on roll with an EHC plan")
    assert plans == 2  # Amira and Ben: Cara has no live plan
    assert work.select_one("#pupils-link").get_text(strip=True).startswith("2 pupils")
