"""Demo data: Brookfield's specialist provision, high-needs placements and their costs, the year's
high-needs budget and the commissioning intentions, shaped on seeds 002 and 004.

- Provision: every in-area special school, resourced base, PRU / alternative provision and college
  is commissioned for the children it holds now (the roll, by need) with a little headroom, and
  autism places run almost full, as in Bradford's sufficiency work (seed 004: "school places
  available in district for all needs"); new places open next year, as the 289 places of seed
  002's expansion did, at the same share of the roll (289 of Bradford's ~1,900 special places).
- Placements: children with plans in specialist, independent and out-of-area settings get a
  current placement with a cost at typical 2025 rates; some independent placements are residential
  and jointly funded by health and social care (seed 002's out-of-district review).
- Budget: this financial year's high-needs budget a little under the forecast spend (the pressure
  every area reports), last year's a little over.

Bulk inserts (no audit events): the demo is built by the seeding command, not by a person.
"""

from collections import Counter
from datetime import date
from decimal import Decimal

from django.conf import settings as django_settings

from clock.dates import financial_year
from commissioning.models import (
    CostPeriod,
    HighNeedsBudget,
    Intention,
    Placement,
    PlacementCost,
    PlacementKind,
    Provision,
    ProvisionKind,
    ProvisionPlaces,
)
from commissioning.places import budget
from core.demo import make_uuid
from improvement.models import Action

PROVISION_FOR = {
    "special": ProvisionKind.SPECIAL,
    "resourced": ProvisionKind.RESOURCED,
    "pru": ProvisionKind.ALTERNATIVE,
    "post16": ProvisionKind.POST16,
}
# seed 002: 289 new places against Bradford's special and resourced places of about 1,900.
NEW_PLACES_SHARE = 289 / 1900
# A year's cost by type (education, health, social care), pounds; "weekly" rows are per week.
RATES = {
    PlacementKind.MAINTAINED: ("annual", 23000, 0, 0),
    PlacementKind.ACADEMY: ("annual", 24000, 0, 0),
    PlacementKind.POST16: ("annual", 13500, 0, 0),
    PlacementKind.OUT_OF_AREA: ("annual", 31000, 0, 0),
    PlacementKind.INDEPENDENT: ("annual", 56000, 0, 0),
    PlacementKind.RESIDENTIAL: ("weekly", 1750, 550, 1300),
}
INTENTIONS = [
    (
        "Commission more autism places in district",
        "Special school and resourced places for autistic children and young people, so that fewer are "
        "placed out of district (seed 004: school places available in district for all needs).",
        "ASD",
        3,
        ["5.2.3", "5.2.6"],
    ),
    (
        "Bring children placed out of district back into area",
        "Review every out-of-district and independent placement with the family at the annual review; "
        "individual funding agreements and contracts for every one (seed 002, action 12).",
        "",
        2,
        ["5.2.4", "5.2.6"],
    ),
    (
        "Joint commissioning review of speech, language and communication and emotional wellbeing services",
        "With the ICB: a commissioning review of provision for ASD, speech and language and CAMHS "
        "(seed 004, priority 6).",
        "SLCN",
        2,
        ["5.1.2", "5.2.1"],
    ),
]


def _kind(setting, rng):
    if setting.setting_type == "out_of_area":
        return PlacementKind.OUT_OF_AREA
    if setting.setting_type == "independent":
        return PlacementKind.RESIDENTIAL if rng.random() < 0.2 else PlacementKind.INDEPENDENT
    if setting.setting_type == "post16":
        return PlacementKind.POST16
    if "Academy" in setting.establishment_type:
        return PlacementKind.ACADEMY
    return PlacementKind.MAINTAINED


def build(context):
    rng, today = context.rng, context.today
    area_code = django_settings.AREA_LA_CODE
    by_pk = {s.pk: s for s in context.data.get("settings", [])}
    children = [c for c in context.data.get("children_with_plans", []) if c.setting_id in by_pk]

    # Provision and places: the roll is the children there now, by need.
    rolls = Counter()
    for child in children:
        setting = by_pk[child.setting_id]
        if setting.la_code == area_code and setting.setting_type in PROVISION_FOR:
            rolls[(setting.pk, child.primary_need or "OTH")] += 1
    provisions = {}
    for setting_pk in sorted({pk for pk, _ in rolls}):
        setting = by_pk[setting_pk]
        provisions[setting_pk] = Provision(
            public_id=make_uuid(rng),
            name=setting.name,
            kind=PROVISION_FOR[setting.setting_type],
            setting=setting,
        )
    Provision.objects.bulk_create(provisions.values())
    places = []
    for (setting_pk, need), roll in sorted(rolls.items()):
        headroom = 0.02 if need == "ASD" else rng.uniform(0.05, 0.15)
        provision = provisions[setting_pk]
        places.append(
            ProvisionPlaces(
                provision=provision, need=need, commissioned=round(roll * (1 + headroom)), roll=roll
            )
        )
        if need == "ASD" and provision.kind == ProvisionKind.SPECIAL:
            extra = round(roll * NEW_PLACES_SHARE / 2)
            if extra:
                places.append(
                    ProvisionPlaces(
                        provision=provision, need=need, commissioned=extra, roll=0, from_year=today.year + 1
                    )
                )
    ProvisionPlaces.objects.bulk_create(places)

    # Placements (one current placement each) and their costs.
    placements, costs = [], []
    for child in children:
        setting = by_pk[child.setting_id]
        if setting.setting_type not in (
            "special",
            "resourced",
            "pru",
            "post16",
            "independent",
            "out_of_area",
        ):
            continue
        kind = _kind(setting, rng)
        start = child.setting_started_on or date(today.year - rng.randint(0, 4), 9, 1)
        placement = Placement(
            public_id=make_uuid(rng),
            child=child,
            kind=kind,
            provider=setting,
            start_on=min(start, today),
            contract_reference=(
                f"OOD-{today.year % 100:02d}-{len(placements) + 1:04d}"
                if kind in (PlacementKind.OUT_OF_AREA, PlacementKind.INDEPENDENT, PlacementKind.RESIDENTIAL)
                else ""
            ),
        )
        placements.append(placement)
        period, education, health, social = RATES[kind]
        spread = Decimal(str(round(rng.uniform(0.85, 1.2), 2)))
        if kind == PlacementKind.INDEPENDENT and rng.random() < 0.3:
            health = 6000  # a jointly funded therapy package
        costs.append(
            PlacementCost(
                public_id=make_uuid(rng),
                placement=placement,
                period=CostPeriod.WEEKLY if period == "weekly" else CostPeriod.ANNUAL,
                education=(education * spread).quantize(Decimal("1")),
                health=Decimal(health),
                social_care=(social * spread).quantize(Decimal("1")),
            )
        )
    Placement.objects.bulk_create(placements, batch_size=1000)
    PlacementCost.objects.bulk_create(costs, batch_size=1000)

    # The budget: this year a little under the forecast education spend, last year a little over.
    year = financial_year(today)
    spend = budget(year).totals["education"]
    HighNeedsBudget.objects.bulk_create(
        [
            HighNeedsBudget(year=year, amount=(spend * Decimal("0.96")).quantize(Decimal("1000"))),
            HighNeedsBudget(year=year - 1, amount=(spend * Decimal("1.02")).quantize(Decimal("1000"))),
        ]
    )


    actions = {a.number: a for a in Action.objects.filter(number__startswith="5.")}
    for title, detail, need, years, numbers in INTENTIONS:
        intention = Intention.objects.create(
            public_id=make_uuid(rng), title=title, detail=detail, need=need, by_year=today.year + years
        )
        intention.actions.set([actions[n] for n in numbers if n in actions])
    return {"provisions": len(provisions), "placements": len(placements), "intentions": len(INTENTIONS)}
