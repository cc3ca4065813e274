"""Providers propose, editors decide: nothing a provider types reaches the public pages until a
Local Offer editor approves it. The only code that changes a service's published content."""

from django.db import transaction
from django.utils import timezone

from clock import dates
from clock.local_offer import next_review_due
from core.concurrency import StaleEditError
from directory import search
from directory.choices import ChangeStatus, FundingType, ReferralRoute, ServiceStatus
from directory.models import Contact, Phone, ProposedChange, Service, TaxonomyTerm

# Fields of the service a provider may change, in the order the difference table shows them.
SERVICE_FIELDS = [
    "name",
    "description",
    "status",
    "eligibility",
    "minimum_age",
    "maximum_age",
    "referral_route",
    "how_to_access",
    "when_available",
    "is_free",
    "fees",
    "funding_type",
    "url",
    "email",
    "languages",
    "accessibility",
]
# Term lists by taxonomy, and the main phone number (on the service's first contact).
TERM_FIELDS = {"categories": "Categories", "needs": "Needs", "pathways": "Health pathways"}
PHONE_FIELD = "phone"
CHOICES = {"status": ServiceStatus, "referral_route": ReferralRoute, "funding_type": FundingType}


class ChangeAlreadyDecided(Exception):
    message = "Someone has already approved or rejected this change."


STALE_PROPOSAL = (
    "The service has changed since this was proposed, so approving it would undo the newer change. "
    "Reject it and ask the provider to propose it again."
)


def current_values(service: Service) -> dict:
    """The service's editable content as JSON values (term lists as sorted codes)."""
    values = {name: getattr(service, name) for name in SERVICE_FIELDS}
    codes = {code: [] for code in TERM_FIELDS}
    for term in service.taxonomy_terms.select_related("taxonomy"):
        if term.taxonomy.code in codes:
            codes[term.taxonomy.code].append(term.code)
    values.update({code: sorted(found) for code, found in codes.items()})
    values[PHONE_FIELD] = _main_phone(service)
    return values


def _main_phone(service) -> str:
    phone = Phone.objects.filter(contact__service=service).order_by("contact__name", "number").first()
    return phone.number if phone else ""


def difference(service: Service, proposed: dict) -> dict:
    """{field: {"old": ..., "new": ...}} for each field whose proposed value differs."""
    before = current_values(service)
    changes = {}
    for name, old in before.items():
        if name not in proposed:
            continue
        new = sorted(proposed[name]) if name in TERM_FIELDS else proposed[name]
        if new != old:
            changes[name] = {"old": old, "new": new}
    return changes


def propose(service: Service, user, proposed: dict, reason: str = "") -> ProposedChange | None:
    """Record a provider's edit for approval; None if it changes nothing."""
    changes = difference(service, proposed)
    if not changes:
        return None
    return ProposedChange.objects.create(
        service=service, proposed_by=user, changes=changes, base_version=service.version, reason=reason
    )


def approve(change: ProposedChange, editor, note: str = "") -> Service:
    """Publish the change. Refused if it was decided already or the service moved on since."""
    with transaction.atomic():
        service = change.service
        try:  # the service must still be at the version the provider proposed against
            service.claim_edit(change.base_version, editor)
        except StaleEditError:
            raise StaleEditError(STALE_PROPOSAL) from None
        _claim(change, ChangeStatus.APPROVED, editor, note)
        for name, values in change.changes.items():
            if name in SERVICE_FIELDS:
                setattr(service, name, values["new"])
        # The provider has just been through the entry, so it counts as checked.
        service.last_checked = dates.today()
        service.review_due = next_review_due(service.last_checked)
        service._change_reason = f"Approved change proposed by {change.proposed_by or 'a provider'}"
        service.modified_by = editor
        service.save()
        _apply_terms(service, change.changes)
        if PHONE_FIELD in change.changes:
            set_main_phone(service, change.changes[PHONE_FIELD]["new"])
        search.index_services([service.pk])
    return service


def confirm_still_correct(service: Service, user) -> Service:
    """The owner says the entry is still right: checked today, next review due (clock.local_offer).
    Not a content change, so it needs no approval and leaves pending proposals valid."""
    service.last_checked = dates.today()
    service.review_due = next_review_due(service.last_checked)
    service.modified_by = user
    service._change_reason = "Confirmed still correct"
    service.save(update_fields=["last_checked", "review_due", "modified_by", "modified_at"])
    return service


def reject(change: ProposedChange, editor, note: str = "") -> None:
    with transaction.atomic():
        _claim(change, ChangeStatus.REJECTED, editor, note)


def _claim(change, status, editor, note):
    """A conditional UPDATE: of two editors deciding at once, exactly one succeeds."""
    now = timezone.now()
    claimed = ProposedChange.objects.filter(pk=change.pk, status=ChangeStatus.PENDING).update(
        status=status, decided_by=editor, decided_at=now, decision_note=note
    )
    if not claimed:
        raise ChangeAlreadyDecided(ChangeAlreadyDecided.message)
    change.refresh_from_db()
    change._change_reason = f"{status.label} by {editor}"
    change.save()  # a history row for the decision


def _apply_terms(service, changes):
    for taxonomy_code in TERM_FIELDS:
        if taxonomy_code not in changes:
            continue
        keep = service.taxonomy_terms.exclude(taxonomy__code=taxonomy_code)
        chosen = TaxonomyTerm.objects.filter(
            taxonomy__code=taxonomy_code, code__in=changes[taxonomy_code]["new"]
        )
        service.taxonomy_terms.set([*keep, *chosen])


def set_main_phone(service, number):
    phone = Phone.objects.filter(contact__service=service).order_by("contact__name", "number").first()
    if phone and number:
        phone.number = number
        phone.save(update_fields=["number"])
    elif phone:
        phone.delete()
    elif number:
        contact = service.contacts.first() or Contact.objects.create(service=service, title="Enquiries")
        Phone.objects.create(contact=contact, number=number)


def describe(name: str, value) -> str:
    """A value as a person would read it in the difference table."""
    if value in (None, "", []):
        return "(blank)"
    if name in CHOICES:
        return str(dict(CHOICES[name].choices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if name in TERM_FIELDS:
        names = dict(TaxonomyTerm.objects.filter(code__in=value).values_list("code", "name"))
        return ", ".join(names.get(code, code) for code in value)
    return str(value)


def label(name: str) -> str:
    if name in TERM_FIELDS:
        return TERM_FIELDS[name]
    if name == PHONE_FIELD:
        return "Phone number"
    return str(Service._meta.get_field(name).verbose_name).capitalize()


def rows(change: ProposedChange) -> list[dict]:
    """The difference table: one row per changed field, in form order."""
    order = [*SERVICE_FIELDS, *TERM_FIELDS, PHONE_FIELD]
    return [
        {
            "label": label(name),
            "old": describe(name, change.changes[name]["old"]),
            "new": describe(name, change.changes[name]["new"]),
        }
        for name in order
        if name in change.changes
    ]
