"""Copy one version's content into another (an amendment starts as a copy of the issued plan).
Items keep their keys, so the two versions can be compared item by item afterwards."""

from plans.content import OUTCOME_NEEDS, PROVISION_NEEDS, PROVISION_OUTCOMES
from plans.models import AdviceEntry, Need, Outcome, Provision

# The version's own fields that carry over (sections A, E's reason, I and J).
VERSION_FIELDS = (
    "child_views",
    "child_interests",
    "child_aspirations",
    "parent_views",
    "parent_aspirations",
    "pfa_reason",
    "named_setting_id",
    "setting_type",
    "placement_notes",
    "residential",
    "work_based_learning",
    "personal_budget",
    "personal_budget_amount",
    "direct_payments",
    "organised_arrangements",
    "personal_budget_notes",
)
ITEM_FIELDS = {
    Need: ("key", "order", "section", "area", "sen_type", "rank", "description"),
    Outcome: ("key", "order", "description", "target_date", "key_stage", "pfa_area"),
    Provision: ("key", "order", "section", "what", "who", "frequency", "duration", "group_size"),
    AdviceEntry: ("key", "order", "adviser_type", "adviser", "received_on", "summary", "advice_request_id"),
}


def copy_fields(source, target) -> None:
    for name in VERSION_FIELDS:
        setattr(target, name, getattr(source, name))


def _copy_items(model, source, target) -> dict[int, int]:
    """Copy `model` items from source to target; old pk -> new pk."""
    fields = ITEM_FIELDS[model]
    old = list(model.objects.filter(version=source))
    # bulk_create: the target is a draft, and one insert per kind of item keeps this quick.
    new = model.objects.bulk_create(
        [model(version=target, **{name: getattr(item, name) for name in fields}) for item in old]
    )
    return {a.pk: b.pk for a, b in zip(old, new, strict=True)}


def _copy_links(through, left, right, source, left_map, right_map) -> None:
    rows = through.objects.filter(**{f"{left[:-3]}__version": source}).values_list(left, right)
    through.objects.bulk_create(
        [through(**{left: left_map[a], right: right_map[b]}) for a, b in rows if b in right_map]
    )


def copy_content(source, target) -> None:
    needs = _copy_items(Need, source, target)
    outcomes = _copy_items(Outcome, source, target)
    provision = _copy_items(Provision, source, target)
    _copy_items(AdviceEntry, source, target)
    _copy_links(OUTCOME_NEEDS, "outcome_id", "need_id", source, outcomes, needs)
    _copy_links(PROVISION_NEEDS, "provision_id", "need_id", source, provision, needs)
    _copy_links(PROVISION_OUTCOMES, "provision_id", "outcome_id", source, provision, outcomes)
