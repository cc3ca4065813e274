"""The public pages: three front doors to one search, service pages, "Support while you wait"."""

from datetime import timedelta

import pytest
from django.urls import reverse

from clock import dates
from conftest import check_page
from directory import pathways
from directory.tests.factories import make_service

pytestmark = pytest.mark.django_db


def test_home_has_three_front_doors_that_lead_to_the_same_search(client):
    soup = check_page(client.get(reverse("directory:home")))
    doors = [a["href"] for a in soup.select(".opensend-card h3 a")]
    assert doors == [
        reverse("directory:audience", args=[slug])
        for slug in ("children-and-young-people", "parents-and-carers", "professionals")
    ]
    for door in doors:
        page = check_page(client.get(door))
        assert page.find("form", action=reverse("directory:search"))
        assert page.find("a", href=lambda h: h and h.startswith(reverse("directory:search") + "?"))


def test_each_front_door_speaks_to_its_audience(client):
    young = check_page(
        client.get(reverse("directory:audience", args=["children-and-young-people"]))
    ).get_text()
    assert "If you feel worried or low" in young and "call 999" in young
    parents = check_page(client.get(reverse("directory:audience", args=["parents-and-carers"]))).get_text()
    assert "Search by your child's needs" in parents and "Autism" in parents
    professionals = check_page(client.get(reverse("directory:audience", args=["professionals"]))).get_text()
    assert "Open Referral UK" in professionals and "Autistic spectrum disorder" in professionals
    assert client.get(reverse("directory:audience", args=["nobody"])).status_code == 404


def test_the_service_page_answers_what_who_how_cost_when_where_and_contact(client):
    service = make_service(
        name="Saturday Club",
        description="Games and crafts.",
        eligibility="Disabled children.",
        minimum_age=5,
        maximum_age=11,
        is_free=False,
        fees="£3 a session.",
        when_available="Saturdays",
        languages="English, Polish",
        accessibility="Step-free entrance.",
        postcode="BF1 1AA",
        latitude=53.8,
        longitude=-1.75,
        phone="01632 960001",
        tags=["autism", "autism-assessment"],
    )
    soup = check_page(client.get(reverse("directory:service_detail", args=[service.pk])))
    text = soup.get_text(" ", strip=True)
    for expected in (
        "Games and crafts.",
        "5 to 11 years old",
        "Disabled children.",
        "Contact them yourself",
        "£3 a session.",
        "Saturdays",
        "BF1 1AA",
        "01632 960001",
        "English, Polish",
        "Step-free entrance.",
        "Autism",
        f"Last checked on {service.last_checked:%-d %B %Y}",
    ):
        assert expected in text, expected
    assert soup.find("a", href=lambda h: h and h.startswith("https://www.openstreetmap.org/?mlat=53.80000"))
    assert soup.find("a", href=reverse("directory:waiting_support", args=["autism-assessment"]))
    assert not soup.select("#out-of-date")


def test_every_pathway_has_a_support_while_you_wait_page(client):
    helper = make_service(name="Parent group", tags=["wait-support", "camhs"])
    make_service(name="CAMHS itself", tags=["camhs"])
    for code in pathways.PAGES:
        soup = check_page(client.get(reverse("directory:waiting_support", args=[code])))
        assert "Things you can do now" in soup.get_text()
        assert "999" in soup.get_text()
    soup = check_page(client.get(reverse("directory:waiting_support", args=["camhs"])))
    assert [a.get_text() for a in soup.select("main ul.govuk-list a[href^='/local-offer/services/']")] == [
        helper.name
    ]
    assert client.get(reverse("directory:waiting_support", args=["autism"])).status_code == 404


def test_out_of_date_services_are_flagged_in_the_results(client):
    make_service(name="Stale club", review_due=dates.today() - timedelta(days=1))
    soup = check_page(client.get(reverse("directory:search"), {"q": "club"}))
    assert "May be out of date" in soup.select_one("#results").get_text()


def test_the_search_page_does_the_same_work_for_one_result_or_many(client, django_assert_max_num_queries):
    for n in range(30):
        make_service(name=f"Club {n}", postcode="BF1 1AA", latitude=53.8, longitude=-1.75, tags=["leisure"])
    with django_assert_max_num_queries(20):
        check_page(client.get(reverse("directory:search"), {"q": "club", "category": "leisure"}))
