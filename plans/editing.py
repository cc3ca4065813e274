"""Writing a draft: its sections' own fields and its items. Every change claims the draft first:
one conditional UPDATE that succeeds only if the version is still a draft and still at the edit
number the form was opened on. So an issued version is never changed, and of two people editing
one draft the second is told to reload instead of overwriting the first (core.concurrency).

Items are saved as they are written, even incomplete (a provision item with no frequency): the
quality checks say what is missing, and nothing typed is lost.
"""

from django.db import transaction
from django.db.models import Max

from audit.models import Action
from audit.services import record
from core.concurrency import StaleEditError
from plans.codes import PlanStatus
from plans.errors import IssuedVersionError, PlanError
from plans.models import AdviceEntry, Need, Outcome, PlanVersion, Provision

# Which of the version's own fields each section's form may change.
SECTION_FIELDS = {
    "A": ("child_views", "child_interests", "child_aspirations", "parent_views", "parent_aspirations"),
    "E": ("pfa_reason",),
    "I": ("named_setting", "setting_type", "residential", "work_based_learning", "placement_notes"),
    "J": (
        "personal_budget",
        "personal_budget_amount",
        "direct_payments",
        "organised_arrangements",
        "personal_budget_notes",
    ),
}
ITEM_NAMES = {Need: "need", Outcome: "outcome", Provision: "provision item", AdviceEntry: "piece of advice"}


def _actor(request):
    return request.user if request is not None and request.user.is_authenticated else None


def claim(request, version, expected_version=None) -> None:
    """Take the next edit number of a draft, or refuse: issued, or changed since the form opened."""
    try:
        version.claim_edit(expected_version, _actor(request), status=PlanStatus.DRAFT)
    except StaleEditError:
        status = PlanVersion.objects.filter(pk=version.pk).values_list("status", flat=True).first()
        if status == PlanStatus.ISSUED:
            raise IssuedVersionError() from None
        raise


def _audit(request, version, summary) -> None:
    plan = version.plan
    record(
        request,
        Action.UPDATE,
        child=plan.child,
        obj=plan,
        summary=f"Plan version {version.number}: {summary}",
    )


@transaction.atomic
def update_section(request, version, section, expected_version=None, **values) -> PlanVersion:
    allowed = SECTION_FIELDS[section]
    unknown = set(values) - set(allowed)
    if unknown:
        raise PlanError(f"Section {section} has no {', '.join(sorted(unknown))}")
    claim(request, version, expected_version)
    for name, value in values.items():
        setattr(version, name, value)
    version.save(update_fields=[*values, "modified_at"])
    _audit(request, version, f"changed section {section}")
    return version


def _check_links(version, linked) -> None:
    """Links stay within one version: an outcome cannot point at another version's need."""
    for item in linked:
        if item.version_id != version.pk:
            raise PlanError("A link points at an item of another version of the plan")


@transaction.atomic
def save_item(request, version, model, item=None, *, expected_version=None, links=None, **values):
    """Add (item None) or change one need, outcome, provision item or piece of advice. `links`
    maps a many-to-many name ("needs", "outcomes") to the items it should link to."""
    claim(request, version, expected_version)
    adding = item is None
    if adding:
        last = model.objects.filter(version=version).aggregate(n=Max("order"))["n"]
        item = model(version=version, order=(last or 0) + 1)
    elif item.version_id != version.pk:
        raise PlanError("That item belongs to another version of the plan")
    for name, value in values.items():
        setattr(item, name, value)
    item.save()
    for name, linked in (links or {}).items():
        _check_links(version, linked)
        getattr(item, name).set(linked)
    _audit(request, version, f"{'added' if adding else 'changed'} a {ITEM_NAMES[model]}")
    return item


@transaction.atomic
def remove_item(request, version, item, expected_version=None) -> None:
    if item.version_id != version.pk:
        raise PlanError("That item belongs to another version of the plan")
    claim(request, version, expected_version)
    item.delete()
    _audit(request, version, f"removed a {ITEM_NAMES[type(item)]}")
