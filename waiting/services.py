"""The only code that changes referrals: by hand (create, edit) or by a provider's monthly extract
(waiting.imports). Every change and every read of a referral is written to the audit log."""

from django.db import transaction

from audit.models import Action
from audit.services import record
from clock.dates import today as local_today
from people.models import Child
from waiting import validation
from waiting.models import Referral

FIELDS = [
    "nhs_number",
    "date_of_birth",
    "pathway",
    "provider_reference",
    "referral_date",
    "first_appointment",
    "assessment_start",
    "treatment_start",
    "ended_on",
    "end_reason",
]


class ReferralRefused(ValueError):
    """The referral breaks a rule; `problems` is a list of (field, message)."""

    def __init__(self, problems):
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


def _checked(values, today, exclude_pk=None):
    problems = validation.check(values, today)
    if not problems:
        problems = validation.duplicate_problems(values, exclude_pk)
    if problems:
        raise ReferralRefused(problems)


def _child_for(nhs_number):
    return Child.objects.filter(nhs_number=nhs_number).first()


def create_referral(request, user, values: dict, today=None) -> Referral:
    """Record a referral typed in by hand, linked to the child's record where the NHS number is known."""
    today = today or local_today()
    _checked(values, today)
    with transaction.atomic():
        referral = Referral(
            created_by=user, modified_by=user, **{f: values.get(f) or _blank(f) for f in FIELDS}
        )
        referral.child = _child_for(referral.nhs_number)
        referral.save()
        record(
            request, Action.CREATE, child=referral.child, obj=referral, user=user, summary=f"Added {referral}"
        )
    return referral


def update_referral(request, user, referral: Referral, expected_version: int, values: dict, today=None):
    """Save an edit, or refuse it (ReferralRefused, core.concurrency.StaleEditError)."""
    today = today or local_today()
    _checked(values, today, exclude_pk=referral.pk)
    with transaction.atomic():
        changed = [f for f in FIELDS if getattr(referral, f) != (values.get(f) or _blank(f))]
        for f in FIELDS:
            setattr(referral, f, values.get(f) or _blank(f))
        referral.child = _child_for(referral.nhs_number)
        referral.save_edit(expected_version, user)
        record(
            request,
            Action.UPDATE,
            child=referral.child,
            obj=referral,
            user=user,
            summary=f"Changed {referral}",
            fields=changed,
        )
    return referral


def _blank(field):
    return "" if field in ("end_reason", "nhs_number", "provider_reference") else None
