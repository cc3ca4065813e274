"""Sufficiency, placements, costs, the high-needs budget, out-of-district and intentions pages."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from clock import dates
from commissioning import places, services
from commissioning.models import Intention, Placement, PlacementCost, Provision
from commissioning.tests.factories import out_of_area_school, placement_for
from core.tests.list_export_helpers import csv_lines, exported
from improvement.tests.factories import action_for
from people.tests.factories import ChildFactory
from plans.models import EHCPlan

pytestmark = pytest.mark.django_db


def _autism_area(area):
    """20 autism plans in force (4 new a year lately), 10 of them in a special school with 12 places."""
    EHCPlan.objects.all().delete()
    year = dates.today().year
    for index in range(20):
        child = ChildFactory(primary_need="ASD", date_of_birth=date(year - 8, 3, 1))
        EHCPlan.objects.create(child=child, first_issued_on=date(year - 4 + index % 5, 4, 1))
    services.add_provision(
        None, area.users["commissioner"], "Oak Bank School", "special", {"ASD": 12}, roll={"ASD": 10}
    )


def _shortfalls(soup, need="ASD"):
    return [
        int(td["data-shortfall"]) for td in soup.find(id=f"sufficiency-{need}").select("td[data-shortfall]")
    ]


def test_growth_assumption_moves_the_autism_shortfall(area, login):
    _autism_area(area)
    client = login("commissioner")
    flat = client.page(reverse("commissioning:sufficiency"))
    grown = client.page(reverse("commissioning:sufficiency") + "?growth_ASD=50")
    assert _shortfalls(flat)[0] == 0  # now: 10 on roll, 12 places
    EHCPlan.objects.create(
        child=ChildFactory(primary_need="SEMH"), first_issued_on=date(dates.today().year, 2, 1)
    )
    # Only the autism rate in the address: the other needs keep no growth.
    assert _shortfalls(client.page(reverse("commissioning:sufficiency") + "?growth_ASD=50")) == _shortfalls(
        grown
    )
    assert sum(_shortfalls(grown)) > sum(_shortfalls(flat))
    assert _shortfalls(grown)[-1] > 0
    assert "Shortfall" in grown.find(id="shortfall-table").get_text()
    assert grown.find("svg", class_="app-chart") is not None
    refused = client.page(reverse("commissioning:sufficiency") + "?growth_ASD=900")
    assert (
        refused.find(class_="govuk-error-summary") is not None and refused.find(id="sufficiency-ASD") is None
    )


def test_sufficiency_export_suppresses_small_numbers(area, login):
    _autism_area(area)
    response = login("commissioner").get(reverse("commissioning:sufficiency") + "?format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Primary need", "Year", "Forecast demand", "Commissioned places", "Shortfall"]
    assert all(cell not in {"1", "2", "3", "4"} for row in rows[1:] for cell in row[2:])


def _post_placement(client, child, **extra):
    data = {
        "form_token": "5d3ab7a0-5a36-4a4e-9b39-0c0f0f3c1a11",
        "kind": "out_of_area",
        "provider": out_of_area_school().pk,
        "start_on_day": "1",
        "start_on_month": "9",
        "start_on_year": "2025",
        "contract_reference": "OOA-77",
        "period": "weekly",
        "education": "1500",
        "health": "400",
        "social_care": "600",
        "confirmed_yearly": "130000.00",  # the yearly figure shown back and confirmed
    } | extra
    return client.post(reverse("commissioning:placement_create", args=[child.public_id]), data)


def test_recording_an_out_of_area_placement_with_a_joint_cost_shows_in_budget_and_out_of_district(
    area, login
):
    client = login("commissioner")
    response = _post_placement(client, area.own_child)
    placement = Placement.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"{placement.public_id}/")
    assert _post_placement(client, area.own_child).status_code == 302  # a double submit
    assert Placement.objects.count() == 1 and PlacementCost.objects.count() == 1
    detail = client.page(response["Location"])
    assert "£130,000" in detail.find(id="costs-table").get_text()
    year = dates.financial_year(dates.today())
    budget = client.page(reverse("commissioning:budget") + f"?year={year}")
    row = budget.find(id="kind-out_of_area").get_text(" ", strip=True)
    assert row.startswith("Out of area") and "78,000" in row and "20,800" in row and "31,200" in row
    ood = client.page(reverse("commissioning:out_of_district"))
    assert area.own_child.full_name in ood.find(id="ood-table").get_text()
    assert "£130,000 a year" in ood.find(id="ood-count").get_text()
    assert AuditEvent.objects.filter(child=area.own_child, action="view", object_type="placement").exists()


def test_bad_placement_input_shows_errors_and_saves_nothing(area, login):
    client = login("commissioner")
    response = _post_placement(client, area.own_child, health="-10", provider="")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Health cost must be 0 or more" in text and "a cost must say who is paid" in text
    response = _post_placement(
        client, area.own_child, form_token="", end_on_day="1", end_on_month="8", end_on_year="2025"
    )
    assert "The end date must be the same as or after the start date" in response.content.decode()
    assert not Placement.objects.exists() and not PlacementCost.objects.exists()


def test_overlapping_placement_refused_on_the_form(area, login):
    placement_for(area)
    response = _post_placement(login("commissioner"), area.own_child, kind="maintained")
    assert "This child already has a placement from 1 September 2025" in response.content.decode()
    assert Placement.objects.count() == 1


def test_costs_are_for_managers_and_commissioners_only(area, login):
    placement_for(area)
    for persona, sees in (("commissioner", True), ("manager", True), ("caseworker", False)):
        client = login(persona)
        listing = client.page(reverse("commissioning:placements"))
        assert ("Cost a year" in listing.find(id="placements-table").get_text()) is sees, persona
        detail = client.page(reverse("commissioning:placement_detail", args=[placement_for(area).public_id]))
        assert (detail.find(id="costs-table") is not None) is sees, persona
        # The export runs on the job queue (issue 22), built as the person who asked.
        export = exported(client, reverse("commissioning:placements") + "?format=csv")
        lines = csv_lines(export)
        header = next(csv.reader(lines))
        assert ("Education" in header) is sees, persona
        assert len(lines) == 2, persona


def test_placements_list_filters_and_constant_queries(area, login, django_assert_max_num_queries):
    placement_for(area)
    user = area.users["commissioner"]
    for _ in range(5):
        child = ChildFactory()
        services.record_placement(
            None,
            user,
            child,
            {"kind": "maintained", "provider": area.school, "start_on": date(2024, 9, 1)},
            {"period": "annual", "education": "9000"},
        )
    client = login("commissioner")
    ood = client.page(reverse("commissioning:placements") + "?ood=1")
    assert "1 placement found" in ood.find(id="result-count").get_text()
    maintained = client.page(reverse("commissioning:placements") + "?kind=maintained")
    assert "5 placements found" in maintained.find(id="result-count").get_text()
    with django_assert_max_num_queries(20):
        client.get(reverse("commissioning:placements"))


def test_out_of_district_export_for_publication_has_no_names_and_suppresses(area, login):
    placement_for(area)
    response = login("manager").get(reverse("commissioning:out_of_district") + "?format=csv")
    body = b"".join(response.streaming_content).decode()
    assert list(csv.reader(io.StringIO(body))) == [
        ["Primary need", "Children placed out of district"],
        ["Autistic spectrum disorder", "[c]"],
    ]
    assert area.own_child.legal_last_name not in body


def test_administrator_sets_the_budget_and_the_commissioner_sees_it_against_spend(area, login):
    placement_for(area)
    year = dates.financial_year(dates.today())
    admin = login("administrator")
    refused = admin.post(reverse("commissioning:budget_set"), {"year": year, "amount": "-5"})
    assert "The budget must be 0 or more" in refused.content.decode()
    assert (
        admin.post(reverse("commissioning:budget_set"), {"year": year, "amount": "50000"}).status_code == 302
    )
    budget = login("commissioner").page(reverse("commissioning:budget") + f"?year={year}")
    assert "£50,000" in budget.find(id="budget-figure").get_text()
    assert "Over budget by" in budget.find(id="remaining-figure").get_text()  # education 78,000
    assert "£28,000" in budget.find(id="remaining-figure").get_text()
    export = login("commissioner").get(reverse("commissioning:budget") + f"?year={year}&format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert [
        "Out of area (another local authority's school)",
        "[c]",
        "78000",
        "20800",
        "31200",
        "130000",
    ] in rows


def test_intentions_link_to_improvement_actions_for_the_board(area, login):
    action = action_for(area)
    client = login("commissioner")
    response = client.post(
        reverse("commissioning:intention_create"),
        {
            "form_token": "0b8e5a52-6c1e-4a8a-9a56-5b0c8e7d2f10",
            "title": "Commission 40 more autism places",
            "need": "ASD",
            "by_year": "2028",
            "actions": [action.pk],
        },
    )
    assert response.status_code == 302
    assert list(Intention.objects.get().actions.all()) == [action]
    board = login("board_member").page(reverse("commissioning:intentions"))
    text = board.get_text(" ", strip=True)
    assert (
        "Commission 40 more autism places" in text and f"Action {action.number}" in text and "Amber" in text
    )
    # And from the improvement plan's side: the action's own page names the intention it delivers.
    action_page = login("board_member").page(reverse("improvement:action_detail", args=[action.public_id]))
    assert "Commission 40 more autism places (by 2028)" in action_page.select_one("#intentions").get_text()
    assert client.post(reverse("commissioning:intention_create"), {"title": ""}).status_code == 200
    assert Intention.objects.count() == 1


def test_child_search_posts_the_name_and_audits(area, login):
    client = login("commissioner")
    response = client.post(reverse("commissioning:placement_search"), {"q": area.own_child.legal_last_name})
    assert (
        reverse("commissioning:placement_create", args=[area.own_child.public_id])
        in response.content.decode()
    )
    assert AuditEvent.objects.filter(action="search", summary__contains="placement").exists()
    short = client.post(reverse("commissioning:placement_search"), {"q": "a"})
    assert "Enter at least 2 letters" in short.content.decode()


def test_cost_added_to_an_existing_placement(area, login):
    placement = placement_for(area)
    client = login("manager")
    url = reverse("commissioning:cost_create", args=[placement.public_id])
    bad = client.post(url, {"period": "annual", "education": "-1"})
    assert "Education cost must be 0 or more" in bad.content.decode()
    assert not PlacementCost.objects.filter(education__lt=0).exists()
    good = client.post(
        url,
        {
            "form_token": "2f0c3e0e-0c1d-4f8c-8a63-0c3b9b8f6a01",
            "period": "annual",
            "education": "60000",
            "confirmed_yearly": "60000.00",
        },
    )
    assert good.status_code == 302
    assert places.latest_cost(Placement.objects.get()).annual() == Decimal(60000)


def test_ending_a_placement_takes_the_child_off_the_out_of_district_list(
    area, login, django_assert_max_num_queries
):
    placement = placement_for(area)
    client = login("commissioner")
    with django_assert_max_num_queries(20):
        client.get(reverse("commissioning:out_of_district"))
    with django_assert_max_num_queries(20):
        client.get(reverse("commissioning:budget"))
    url = reverse("commissioning:placement_end", args=[placement.public_id])
    bad = client.post(
        url, {"version": placement.version, "end_on_day": "1", "end_on_month": "1", "end_on_year": "2020"}
    )
    assert "The end date must be the same as or after the start date" in bad.content.decode()
    ended = client.post(
        url, {"version": placement.version, "end_on_day": "1", "end_on_month": "10", "end_on_year": "2025"}
    )
    assert ended.status_code == 302
    stale = client.post(
        url, {"version": placement.version, "end_on_day": "2", "end_on_month": "10", "end_on_year": "2025"}
    )
    assert "Someone else saved a change" in stale.content.decode()
    assert (
        area.own_child.full_name not in client.get(reverse("commissioning:out_of_district")).content.decode()
    )


def test_commissioner_adds_places_and_the_shortfall_falls(area, login):
    _autism_area(area)
    client = login("commissioner")
    before = _shortfalls(client.page(reverse("commissioning:sufficiency") + "?growth_ASD=50"))
    url = reverse("commissioning:places_create")
    refused = client.post(url, {"need": "ASD", "commissioned": "-3", "roll": "0"})
    text = refused.content.decode()
    assert "Commissioned places must be 0 or more" in text
    refused = client.post(url, {"need": "ASD", "commissioned": "10", "roll": "0"})
    assert "Choose the provision, or enter the name of a new one" in refused.content.decode()
    provision = Provision.objects.get()
    added = client.post(
        url,
        {
            "form_token": "8c3f7a1e-1b7e-4b43-9f52-3d2a8f0e6b11",
            "provision": provision.pk,
            "need": "ASD",
            "commissioned": "30",
            "roll": "0",
            "from_year": str(dates.today().year + 1),
        },
    )
    assert added.status_code == 302
    again = client.post(
        url,
        {
            "provision": provision.pk,
            "need": "ASD",
            "commissioned": "30",
            "roll": "0",
            "from_year": str(dates.today().year + 1),
        },
    )
    assert "already recorded" in again.content.decode()
    after = _shortfalls(client.page(reverse("commissioning:sufficiency") + "?growth_ASD=50"))
    assert after[0] == before[0] and sum(after) < sum(before)


@pytest.mark.parametrize("query, field", [("kind=nonsense", "kind"), ("status=maybe", "status")])
def test_a_bad_placement_filter_is_a_govuk_error_and_lists_nothing(area, login, query, field):
    placement_for(area)
    page = login("commissioner").page(reverse("commissioning:placements") + "?" + query)
    assert page.select_one(f".govuk-error-summary a[href='#{field}']")
    assert "0 placements found" in page.find(id="result-count").get_text()
    assert (
        login("commissioner").get(reverse("commissioning:placements") + f"?{query}&format=csv").status_code
        == 200
    )
