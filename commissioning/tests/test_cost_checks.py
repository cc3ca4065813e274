"""Money entered with a sanity check: a cost per week, month or year is shown back as a yearly
figure to confirm before it is saved, and a wrong cost is corrected with its history kept."""

from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from commissioning import services
from commissioning.models import CostCorrection, PlacementCost
from commissioning.tests.factories import placement_for

pytestmark = pytest.mark.django_db
TOKEN = "6a1f0e42-5c1b-4c47-9b55-1f5e3f4c2a10"


def _add(client, placement, **data):
    url = reverse("commissioning:cost_create", args=[placement.public_id])
    return client.post(url, {"form_token": TOKEN} | data)


def test_a_weekly_typo_of_a_yearly_sum_is_shown_as_millions_a_year_before_anything_is_saved(area, login):
    placement = placement_for(area)
    client = login("commissioner")
    before = PlacementCost.objects.count()
    shown = _add(client, placement, period="weekly", education="62000")
    assert shown.status_code == 200 and PlacementCost.objects.count() == before
    text = shown.content.decode()
    assert "£62,000.00 a week is <strong>£3,224,000 a year</strong>" in text
    assert "This is more than £500,000 a year" in text
    assert 'name="confirmed_yearly" value="3224000.00"' in text

    # Changing the amount after seeing the figure asks again, with the new figure.
    again = _add(client, placement, period="weekly", education="620", confirmed_yearly="3224000.00")
    assert PlacementCost.objects.count() == before
    assert "£620.00 a week is <strong>£32,240 a year</strong>" in again.content.decode()
    assert "This is more than" not in again.content.decode()

    saved = _add(client, placement, period="weekly", education="620", confirmed_yearly="32240.00")
    assert saved.status_code == 302 and PlacementCost.objects.count() == before + 1
    assert PlacementCost.objects.latest("created_at").annual() == Decimal(32240)


def test_a_monthly_cost_counts_twelve_times_a_year(area, login):
    placement = placement_for(area)
    client = login("manager")
    assert "£5,000.00 a month is <strong>£60,000 a year</strong>" in (
        _add(client, placement, period="monthly", education="5000").content.decode()
    )
    _add(client, placement, period="monthly", education="5000", confirmed_yearly="60000.00")
    cost = PlacementCost.objects.latest("created_at")
    assert cost.get_period_display() == "A month" and cost.annual() == Decimal(60000)


def test_a_placement_with_its_first_cost_is_confirmed_too(area, login):
    from commissioning.tests.test_pages import _post_placement

    client = login("commissioner")
    shown = _post_placement(client, area.own_child, confirmed_yearly="")
    assert shown.status_code == 200 and "£2,500.00 a week is <strong>£130,000 a year</strong>" in (
        shown.content.decode()
    )
    assert not PlacementCost.objects.exists()
    assert _post_placement(client, area.own_child).status_code == 302
    assert PlacementCost.objects.count() == 1


def test_correcting_a_cost_keeps_who_when_the_old_and_new_figures_and_why(area, login):
    placement = placement_for(area)
    cost = placement.costs.get()  # 1,500 + 400 + 600 a week
    manager = area.users["manager"]
    with pytest.raises(services.Refused) as no_reason:
        services.correct_cost(None, manager, cost, {"period": "annual", "education": "1500"}, " ")
    assert ("reason", "Enter why the cost is being corrected") in no_reason.value.problems
    same = {"period": "weekly", "education": "1500", "health": "400", "social_care": "600"}
    with pytest.raises(services.Refused):
        services.correct_cost(None, manager, cost, same, "No change")
    assert not CostCorrection.objects.exists()

    correction = services.correct_cost(
        None, manager, cost, same | {"period": "monthly"}, "The rates are monthly, not weekly"
    )
    cost.refresh_from_db()
    assert cost.period == "monthly" and cost.annual() == Decimal(30000)
    assert (correction.old_period, correction.old_education) == ("weekly", 1500)
    assert correction.new_period == "monthly"
    assert correction.corrected_by == manager and correction.old_yearly() == Decimal(130000)
    event = AuditEvent.objects.get(action="update", object_type="placementcost")
    assert event.child == area.own_child and "from £130,000 a year to £30,000 a year" in event.summary


def test_a_manager_corrects_a_cost_on_its_page_after_confirming_the_yearly_figure(area, login):
    placement = placement_for(area)
    cost = placement.costs.get()
    client = login("manager")
    url = reverse("commissioning:cost_correct", args=[cost.public_id])
    form = client.page(url)
    assert form.find("input", attrs={"name": "education"})["value"] == "1500.00"
    data = {"form_token": TOKEN, "period": "annual", "education": "1500", "health": "400"}
    data["social_care"] = "600"
    missing = client.post(url, data)
    assert "Enter why the cost is being corrected" in missing.content.decode()
    data["reason"] = "Entered as weekly by mistake"
    shown = client.post(url, data)
    assert "£2,500.00 a year is <strong>£2,500 a year</strong>" in shown.content.decode()
    assert not CostCorrection.objects.exists()
    done = client.post(url, data | {"confirmed_yearly": "2500.00"})
    assert done.status_code == 302
    assert client.post(url, data | {"confirmed_yearly": "2500.00"}).status_code == 302  # a double submit
    assert CostCorrection.objects.count() == 1
    detail = client.page(done["Location"])
    history = detail.find(id="cost-corrections").get_text(" ", strip=True)
    assert "£2,500.00 a week (£130,000 a year)" in history and "£2,500.00 a year (£2,500 a year)" in history
    assert "Entered as weekly by mistake" in history and manager_name(area) in history
    assert "Corrected" in detail.find(id="costs-table").get_text()


def manager_name(area):
    user = area.users["manager"]
    return user.get_full_name() or user.username


def test_people_who_cannot_see_costs_cannot_correct_them(area, login):
    cost = placement_for(area).costs.get()
    response = login("caseworker").post(
        reverse("commissioning:cost_correct", args=[cost.public_id]),
        {"period": "annual", "education": "1", "reason": "x", "confirmed_yearly": "1.00"},
    )
    assert response.status_code == 403
    assert not CostCorrection.objects.exists()
