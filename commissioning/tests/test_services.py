"""Placements, costs, budgets and provisions: the rules that refuse bad input, and the audit trail."""

from datetime import date
from decimal import Decimal

import pytest

from audit.models import AuditEvent
from commissioning import places, services
from commissioning.models import HighNeedsBudget, Placement, PlacementCost, Provision
from people.tests.factories import SettingFactory

pytestmark = pytest.mark.django_db

JOINT = {"period": "weekly", "education": "1500", "health": "400", "social_care": "600"}


def _values(**extra):
    return {
        "kind": "out_of_area",
        "provider": SettingFactory(la_code="380"),
        "start_on": date(2026, 1, 5),
    } | extra


def _refused(call, field_name):
    with pytest.raises(services.Refused) as refused:
        call()
    fields = [f for f, _ in refused.value.problems]
    assert field_name in fields, refused.value.problems
    return dict(refused.value.problems)[field_name]


def test_a_placement_with_a_jointly_funded_cost_is_saved_and_audited(area):
    child = area.own_child
    user = area.users["commissioner"]
    placement = services.record_placement(None, user, child, _values(contract_reference="OOA-1"), JOINT)
    cost = placement.costs.get()
    assert (cost.education, cost.health, cost.social_care) == (Decimal(1500), Decimal(400), Decimal(600))
    assert cost.annual() == Decimal(2500 * 52)
    assert placement.out_of_district
    events = AuditEvent.objects.filter(child=child, actor=user).values_list("object_type", flat=True)
    assert sorted(events) == ["placement", "placementcost"]


def test_end_before_start_is_refused_and_nothing_saved(area):
    message = _refused(
        lambda: services.record_placement(
            None, area.users["commissioner"], area.own_child, _values(end_on=date(2025, 12, 1)), JOINT
        ),
        "end_on",
    )
    assert message == "The end date must be the same as or after the start date"
    assert not Placement.objects.exists() and not PlacementCost.objects.exists()


@pytest.mark.parametrize(
    ("start", "end", "clashes"),
    [
        (date(2025, 9, 1), date(2026, 1, 5), True),  # ends on the day the first starts
        (date(2026, 3, 1), None, True),  # inside the open first placement
        (date(2025, 9, 1), date(2026, 1, 4), False),  # ends the day before
    ],
)
def test_overlapping_placements_for_one_child_are_refused(area, start, end, clashes):
    user, child = area.users["commissioner"], area.own_child
    services.record_placement(None, user, child, _values())
    second = _values(kind="maintained", start_on=start, end_on=end)
    if clashes:
        message = _refused(lambda: services.record_placement(None, user, child, second), "start_on")
        assert message.startswith("This child already has a placement from 5 January 2026 with no end date")
        assert Placement.objects.count() == 1
    else:
        services.record_placement(None, user, child, second)
        assert Placement.objects.count() == 2
    # Another child's placement never clashes.
    services.record_placement(None, user, area.other_child, second)


def test_a_cost_with_no_provider_is_refused_and_the_placement_is_not_saved_either(area):
    message = _refused(
        lambda: services.record_placement(
            None, area.users["commissioner"], area.own_child, _values(provider=None), JOINT
        ),
        "provider",
    )
    assert "who is paid" in message
    assert not Placement.objects.exists()
    placement = services.record_placement(
        None, area.users["commissioner"], area.own_child, _values(provider=None)
    )
    _refused(lambda: services.add_cost(None, area.users["commissioner"], placement, JOINT), "provider")
    assert not PlacementCost.objects.exists()


def test_negative_or_missing_amounts_are_refused(area):
    user = area.users["commissioner"]
    placement = services.record_placement(None, user, area.own_child, _values())
    assert _refused(lambda: services.add_cost(None, user, placement, JOINT | {"health": "-5"}), "health") == (
        "Health cost must be 0 or more"
    )
    zero = {"period": "annual", "education": "0", "health": "", "social_care": None}
    _refused(lambda: services.add_cost(None, user, placement, zero), "education")
    _refused(lambda: services.add_cost(None, user, placement, JOINT | {"period": "fortnightly"}), "period")
    assert not PlacementCost.objects.exists()
    services.add_cost(None, user, placement, {"period": "annual", "education": "52000"})
    assert PlacementCost.objects.get().annual("education") == Decimal(52000)


def test_budget_is_set_then_changed_with_the_old_figure_in_the_audit(area):
    user = area.users["commissioner"]
    services.set_budget(None, user, 2026, "1000000")
    services.set_budget(None, user, 2026, "1200000.50")
    assert HighNeedsBudget.objects.get(year=2026).amount == Decimal("1200000.50")
    change = AuditEvent.objects.filter(object_type="highneedsbudget").order_by("pk").last()
    assert change.detail == {"amount": "1200000.50", "previous": "1000000.00"}
    _refused(lambda: services.set_budget(None, user, 2026, "-1"), "amount")
    assert HighNeedsBudget.objects.get(year=2026).amount == Decimal("1200000.50")


def test_provision_places_must_be_real_needs_and_not_negative(area):
    user = area.users["commissioner"]
    _refused(lambda: services.add_provision(None, user, "Oak", "special", {"ASD": -1}), "places")
    _refused(lambda: services.add_provision(None, user, "Oak", "special", {"XYZ": 3}), "places")
    _refused(lambda: services.add_provision(None, user, "", "nursery", {}), "kind")
    assert not Provision.objects.exists()
    oak = services.add_provision(None, user, "Oak", "special", {"ASD": 40, "SLD": 10}, roll={"ASD": 38})
    assert {(p.need, p.commissioned, p.roll) for p in oak.places.all()} == {("ASD", 40, 38), ("SLD", 10, 0)}


def test_budget_spend_is_the_share_of_the_year_each_placement_covers(area):
    user = area.users["commissioner"]
    # Weekly 2,500 all year: 130,000. Annual 36,500 for the second half of the year only.
    services.record_placement(None, user, area.own_child, _values(start_on=date(2025, 1, 1)), JOINT)
    services.record_placement(
        None,
        user,
        area.other_child,
        {"kind": "independent", "provider": SettingFactory(), "start_on": date(2026, 10, 1)},
        {"period": "annual", "education": "36500"},
    )
    spend = places.budget(2026)
    out_of_area = next(r for r in spend.by_kind if r["kind"] == "out_of_area")
    independent = next(r for r in spend.by_kind if r["kind"] == "independent")
    assert out_of_area["total"] == Decimal(130000) and out_of_area["health"] == Decimal(20800)
    assert independent["education"] == Decimal(36500 * 182 // 365)
    assert spend.totals["count"] == 2 and spend.budget is None


def test_ending_a_placement_checks_dates_overlaps_and_versions(area):
    from core.concurrency import StaleEditError

    user, child = area.users["commissioner"], area.own_child
    first = services.record_placement(None, user, child, _values())
    _refused(lambda: services.end_placement(None, user, first, first.version, date(2025, 12, 1)), "end_on")
    _refused(lambda: services.end_placement(None, user, first, first.version, None), "end_on")
    services.end_placement(None, user, first, first.version, date(2026, 7, 31))
    with pytest.raises(StaleEditError):
        services.end_placement(None, user, first, first.version - 1, date(2026, 7, 30))
    # Back into area from September: no overlap now.
    services.record_placement(
        None, user, child, {"kind": "maintained", "provider": area.school, "start_on": date(2026, 9, 1)}
    )
    first.refresh_from_db()
    assert first.end_on == date(2026, 7, 31)
    assert AuditEvent.objects.filter(object_type="placement", action="update", child=child).count() == 1
