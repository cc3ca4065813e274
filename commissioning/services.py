"""The only code that changes commissioning records. Each write checks its rules first (a refused write
saves nothing and says why, against the field), runs in one transaction and is audited."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from audit.models import Action
from audit.services import record
from commissioning.models import (
    CostCorrection,
    CostPeriod,
    HighNeedsBudget,
    Intention,
    Placement,
    PlacementCost,
    PlacementKind,
    Provision,
    ProvisionKind,
    ProvisionPlaces,
    yearly,
)
from people import codelists

PARTS = ("education", "health", "social_care")
PART_LABELS = {"education": "Education", "health": "Health", "social_care": "Social care"}


class Refused(ValueError):
    """The write breaks a rule; `problems` is a list of (field, message)."""

    def __init__(self, problems):
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


def _day(value) -> str:
    return f"{value.day} {value:%B %Y}"


def placement_problems(child, values: dict, exclude_pk=None) -> list[tuple[str, str]]:
    problems = []
    kind, start, end = values.get("kind"), values.get("start_on"), values.get("end_on")
    if kind not in PlacementKind.values:
        problems.append(("kind", "Select the type of placement"))
    if start is None:
        problems.append(("start_on", "Enter the start date"))
    if start and end and end < start:
        problems.append(("end_on", "The end date must be the same as or after the start date"))
    if problems:
        return problems
    # Two placements overlap when each starts before (or on the day) the other ends; no end is open.
    clash = (
        Placement.objects.filter(child=child)
        .exclude(pk=exclude_pk)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=start))
    )
    if end is not None:
        clash = clash.filter(start_on__lte=end)
    other = clash.order_by("start_on").first()
    if other:
        until = f"to {_day(other.end_on)}" if other.end_on else "with no end date"
        problems.append(
            (
                "start_on",
                f"This child already has a placement from {_day(other.start_on)} {until}: "
                "end that placement first, or choose dates that do not overlap it",
            )
        )
    return problems


def cost_problems(placement_provider, values: dict) -> list[tuple[str, str]]:
    problems = []
    if placement_provider is None:
        problems.append(("provider", "Select the provider: a cost must say who is paid"))
    if values.get("period") not in CostPeriod.values:
        problems.append(("period", "Select whether the cost is for a week, a month or a year"))
    amounts = {}
    for part in PARTS:
        raw = values.get(part)
        amount = Decimal(0) if raw in (None, "") else Decimal(str(raw))
        if amount < 0:
            problems.append((part, f"{PART_LABELS[part]} cost must be 0 or more"))
        amounts[part] = amount
    if not problems and sum(amounts.values()) == 0:
        problems.append(("education", "Enter the cost: at least one of education, health or social care"))
    return problems


def _cost_values(values):
    return {part: Decimal(str(values.get(part) or 0)) for part in PARTS}


def record_placement(request, user, child, values: dict, cost: dict | None = None) -> Placement:
    """Record a child's placement (and its first cost, when `cost` is given), or Refused."""
    problems = placement_problems(child, values)
    if cost is not None:
        problems += cost_problems(values.get("provider"), cost)
    if problems:
        raise Refused(problems)
    with transaction.atomic():
        placement = Placement.objects.create(
            child=child,
            kind=values["kind"],
            provider=values.get("provider"),
            start_on=values["start_on"],
            end_on=values.get("end_on"),
            contract_reference=(values.get("contract_reference") or "").strip(),
            created_by=user,
            modified_by=user,
        )
        record(
            request,
            Action.CREATE,
            child=child,
            obj=placement,
            user=user,
            summary=f"Recorded a {placement.get_kind_display().lower()} placement",
        )
        if cost is not None:
            _create_cost(request, user, placement, cost)
    return placement


def end_placement(request, user, placement: Placement, expected_version: int, end_on) -> Placement:
    """Set the placement's end date (a child coming back into area, say), or Refused; a stale form
    raises core.concurrency.StaleEditError."""
    if end_on is None:
        raise Refused([("end_on", "Enter the end date")])
    problems = placement_problems(
        placement.child,
        {"kind": placement.kind, "start_on": placement.start_on, "end_on": end_on},
        exclude_pk=placement.pk,
    )
    if problems:
        raise Refused([("end_on", message) for _, message in problems])
    with transaction.atomic():
        placement.end_on = end_on
        placement.save_edit(expected_version, user)
        record(
            request,
            Action.UPDATE,
            child=placement.child,
            obj=placement,
            user=user,
            summary="Ended a placement",
            end_on=end_on.isoformat(),
        )
    return placement


def _create_cost(request, user, placement, values):
    cost = PlacementCost.objects.create(
        placement=placement,
        period=values["period"],
        created_by=user,
        modified_by=user,
        **_cost_values(values),
    )
    funders = [PART_LABELS[p].lower() for p in PARTS if getattr(cost, p)]
    record(
        request,
        Action.CREATE,
        child=placement.child,
        obj=cost,
        user=user,
        summary=f"Added a placement cost ({', '.join(funders)})",
    )
    return cost


def add_cost(request, user, placement: Placement, values: dict) -> PlacementCost:
    """Add a cost to a placement, or Refused (no provider, negative or no amount)."""
    problems = cost_problems(placement.provider, values)
    if problems:
        raise Refused(problems)
    with transaction.atomic():
        return _create_cost(request, user, placement, values)


# A placement costing more than this a year is rare enough that the confirmation says so: a cost
# typed "a week" instead of "a year" (62,000 a week is 3.2 million a year) lands far above it.
UNUSUAL_YEARLY_COST = Decimal(500_000)


def yearly_total(values: dict) -> Decimal | None:
    """The cost in `values` (period and the three parts) for a whole year, or None if it has no
    valid period: what the cost pages show back to confirm before saving."""
    if values.get("period") not in CostPeriod.values:
        return None
    return yearly(sum(_cost_values(values).values()), values["period"])


def correct_cost(request, user, cost: PlacementCost, values: dict, reason: str) -> CostCorrection:
    """Correct a wrong cost in place, keeping what it said in its history (who, when, the old and
    new figures and why), audited; or Refused (the cost rules, no reason, nothing changed)."""
    problems = cost_problems(cost.placement.provider, values)
    if not (reason or "").strip():
        problems.append(("reason", "Enter why the cost is being corrected"))
    if not problems and {"period": values["period"], **_cost_values(values)} == cost.amounts():
        problems.append(("education", "The corrected cost is the same as the cost recorded: change it"))
    if problems:
        raise Refused(problems)
    with transaction.atomic():
        cost = PlacementCost.objects.select_for_update().select_related("placement__child").get(pk=cost.pk)
        old, new = cost.amounts(), {"period": values["period"], **_cost_values(values)}
        correction = CostCorrection.objects.create(
            cost=cost,
            corrected_by=user,
            reason=reason.strip(),
            **{f"old_{k}": v for k, v in old.items()},
            **{f"new_{k}": v for k, v in new.items()},
        )
        for field, value in new.items():
            setattr(cost, field, value)
        cost.modified_by = user
        cost.save(update_fields=[*new, "modified_by", "modified_at"])
        record(
            request,
            Action.UPDATE,
            child=cost.placement.child,
            obj=cost,
            user=user,
            summary=(
                f"Corrected a placement cost from £{correction.old_yearly():,.0f} a year "
                f"to £{correction.new_yearly():,.0f} a year"
            ),
            correction=correction.pk,
        )
    return correction


def set_budget(request, user, year: int, amount) -> HighNeedsBudget:
    amount = None if amount in (None, "") else Decimal(str(amount))
    if amount is None:
        raise Refused([("amount", "Enter the budget in pounds")])
    if amount < 0:
        raise Refused([("amount", "The budget must be 0 or more")])
    with transaction.atomic():
        budget, created = HighNeedsBudget.objects.get_or_create(
            year=year, defaults={"amount": amount, "created_by": user, "modified_by": user}
        )
        previous = None if created else budget.amount
        if not created:
            budget.amount, budget.modified_by = amount, user
            budget.save()
        record(
            request,
            Action.CREATE if created else Action.UPDATE,
            obj=budget,
            user=user,
            summary=f"Set the high-needs budget for {budget.year}",
            amount=str(amount),
            previous=None if previous is None else str(previous),
        )
    return budget


def add_provision(request, user, name: str, kind: str, places: dict, setting=None, roll: dict | None = None):
    """A specialist provision with its commissioned places (and current roll) by need."""
    problems = []
    if not (name or "").strip():
        problems.append(("name", "Enter the provision's name"))
    if kind not in ProvisionKind.values:
        problems.append(("kind", "Select the type of provision"))
    needs = dict(codelists.SEN_TYPE)
    roll = roll or {}
    for need, count in {**places, **roll}.items():
        if need not in needs:
            problems.append(("places", f"Unknown primary need: {need}"))
        elif count is None or int(count) < 0:
            problems.append(("places", f"Places and roll for {needs[need]} must be 0 or more"))
    if problems:
        raise Refused(problems)
    with transaction.atomic():
        provision = Provision.objects.create(
            name=name.strip(), kind=kind, setting=setting, created_by=user, modified_by=user
        )
        ProvisionPlaces.objects.bulk_create(
            ProvisionPlaces(
                provision=provision,
                need=need,
                commissioned=int(places.get(need, 0)),
                roll=int(roll.get(need, 0)),
            )
            for need in sorted(set(places) | set(roll))
        )
        record(request, Action.CREATE, obj=provision, user=user, summary=f"Added the provision {provision}")
    return provision


def add_places(request, user, values: dict) -> ProvisionPlaces:
    """Places for one need at a provision (a new provision when `provision` is not given), or Refused."""
    problems = []
    provision = values.get("provision")
    name = (values.get("name") or "").strip()
    if provision is None and not name:
        problems.append(("name", "Choose the provision, or enter the name of a new one"))
    if provision is None and values.get("kind") not in ProvisionKind.values:
        problems.append(("kind", "Select the type of the new provision"))
    if values.get("need") not in dict(codelists.SEN_TYPE):
        problems.append(("need", "Select the primary need the places are for"))
    for field_name, label in (("commissioned", "Commissioned places"), ("roll", "Current roll")):
        value = values.get(field_name)
        if value is None or int(value) < 0:
            problems.append((field_name, f"{label} must be 0 or more"))
    if not problems:
        clash = (
            ProvisionPlaces.objects.filter(
                provision=provision, need=values["need"], from_year=values.get("from_year")
            ).exists()
            if provision is not None
            else False
        )
        if clash:
            problems.append(("need", "These places are already recorded for that provision, need and year"))
    if problems:
        raise Refused(problems)
    with transaction.atomic():
        if provision is None:
            provision = Provision.objects.create(
                name=name,
                kind=values["kind"],
                setting=values.get("setting"),
                created_by=user,
                modified_by=user,
            )
        places = ProvisionPlaces.objects.create(
            provision=provision,
            need=values["need"],
            commissioned=int(values["commissioned"]),
            roll=int(values["roll"]),
            from_year=values.get("from_year"),
        )
        record(
            request,
            Action.CREATE,
            obj=provision,
            user=user,
            summary=f"Added {places.commissioned} {places.need} places at {provision}",
            from_year=places.from_year,
        )
    return places


def add_intention(request, user, values: dict, actions=()) -> Intention:
    problems = []
    if not (values.get("title") or "").strip():
        problems.append(("title", "Enter the intention"))
    if problems:
        raise Refused(problems)
    with transaction.atomic():
        intention = Intention.objects.create(
            title=values["title"].strip(),
            detail=(values.get("detail") or "").strip(),
            need=values.get("need") or "",
            by_year=values.get("by_year"),
            owner=user,
            created_by=user,
            modified_by=user,
        )
        intention.actions.set(actions)
        record(request, Action.CREATE, obj=intention, user=user, summary="Added a commissioning intention")
    return intention
