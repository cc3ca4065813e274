"""Who acts for a school (people.SchoolMembership): the only code that adds, ends or changes a
membership. Access to pupils follows the school: a SENCo's active membership is what opens its
pupils to them, so each change is audited against the school (and, when the area's administrator
makes it on the account's page, against the account)."""

from django.db import transaction

from accounts.roles import ProfessionalType
from audit.models import Action
from audit.services import record
from people.models import SchoolMembership

REMOVED = "Removed a person from a school's staff"


class MembershipRefused(Exception):
    """The change is not allowed; the message says why in plain English."""


def _actor(request):
    return request.user if request is not None and request.user.is_authenticated else None


@transaction.atomic
def add_senco(request, setting, account) -> SchoolMembership:
    """The school's (or the area's) administrator adds an existing SENCo account to its staff."""
    if account.professional_type != ProfessionalType.SENCO or not account.is_active:
        raise MembershipRefused("Only an open SENCo account can be added to a school's staff")
    membership, created = SchoolMembership.objects.select_for_update().get_or_create(
        setting=setting, user=account, defaults={"is_active": True, "created_by": _actor(request)}
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.modified_by = _actor(request)
        membership.save(update_fields=["is_active", "modified_at", "modified_by"])
    record(request, Action.UPDATE, obj=setting, summary="Added a SENCo to a school's staff")
    return membership


@transaction.atomic
def remove(request, membership) -> None:
    """Take away a person's access to the school's pupils at once; nobody else's changes."""
    if membership.user_id == getattr(_actor(request), "pk", None):
        raise MembershipRefused("You cannot remove yourself. Ask the area's SEND administrator")
    membership.is_active = False
    membership.is_school_admin = False
    membership.modified_by = _actor(request)
    membership.save(update_fields=["is_active", "is_school_admin", "modified_at", "modified_by"])
    record(request, Action.UPDATE, obj=membership.setting, summary=REMOVED)


@transaction.atomic
def set_administrator(request, membership, make_admin: bool) -> None:
    """The area's administrator chooses who administers a school's staff (active members only)."""
    if not membership.is_active:
        raise MembershipRefused("Only a current member of staff can administer the school's staff")
    membership.is_school_admin = make_admin
    membership.modified_by = _actor(request)
    membership.save(update_fields=["is_school_admin", "modified_at", "modified_by"])
    record(request, Action.UPDATE, obj=membership.setting, summary="Changed a school's administrator")


@transaction.atomic
def set_account_school(request, account, school) -> bool:
    """The area's administrator sets an account's school on its page: a SENCo is a member of that
    school only; anyone else (or a SENCo with no school) of none. Returns whether anything changed."""
    keep = school if account.professional_type == ProfessionalType.SENCO else None
    ended = list(
        SchoolMembership.objects.select_for_update()
        .filter(user=account, is_active=True)
        .exclude(setting=keep)
        .select_related("setting")
    )
    for membership in ended:
        membership.is_active = False
        membership.modified_by = _actor(request)
        membership.save(update_fields=["is_active", "modified_at", "modified_by"])
        record(request, Action.UPDATE, obj=account, summary=f"No longer a SENCo of {membership.setting}")
        record(request, Action.UPDATE, obj=membership.setting, summary=REMOVED)
    started = False
    if keep is not None:
        membership, created = SchoolMembership.objects.select_for_update().get_or_create(
            user=account, setting=keep, defaults={"is_active": True, "created_by": _actor(request)}
        )
        started = created or not membership.is_active
        if not membership.is_active:
            membership.is_active = True
            membership.modified_by = _actor(request)
            membership.save(update_fields=["is_active", "modified_at", "modified_by"])
        if started:
            record(request, Action.UPDATE, obj=account, summary=f"Made a SENCo of {keep}")
            record(request, Action.UPDATE, obj=keep, summary="Added a SENCo to a school's staff")
    return bool(ended) or started
