"""Role changes: the one place a role is changed by a person.

No one changes their own role. Raising someone to manager or administrator takes a second
administrator (four eyes): the first asks, the second approves or refuses; both are audited, and
the role changes only on approval. Every change of role is emailed to its holder."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import security_messages
from accounts.models import RoleChangeRequest, User
from accounts.roles import Role
from audit.models import Action
from audit.services import record
from core.permissions import permission_required

# Roles that see or change everything: raising someone to one needs a second administrator.
RAISED_ROLES = frozenset({Role.MANAGER, Role.ADMINISTRATOR})


class RoleChangeRefused(Exception):
    pass


def needs_second_administrator(old_role, new_role) -> bool:
    return new_role != old_role and new_role in RAISED_ROLES


def announce(request, account, old_role, *, approved=False) -> None:
    """`account` has a new role: audit it and tell its holder."""
    summary = f"Changed role from {old_role} to {account.role}"
    if approved:
        summary += " (approved by a second administrator)"
    record(request, Action.UPDATE, obj=account, summary=summary, from_role=old_role, to_role=account.role)
    transaction.on_commit(
        lambda: security_messages.send_security_change(account, "role", role=account.get_role_display())
    )


def apply(request, account, new_role) -> None:
    """Give `account` the approved role now (audited, and the holder told)."""
    old_role = account.role
    account.role = new_role
    if new_role != Role.PROFESSIONAL:
        account.professional_type = ""
    # A new version: a details form opened before the change cannot put the old role back.
    account.save_edit(update_fields=["role", "professional_type"])
    announce(request, account, old_role, approved=True)


def ask(request, account, new_role) -> RoleChangeRequest:
    """First administrator: ask for `account` to be raised to `new_role`."""
    if account == request.user:
        raise RoleChangeRefused("You cannot change your own role")
    waiting = RoleChangeRequest.objects.filter(user=account, status=RoleChangeRequest.Status.WAITING)
    # A newer request replaces any waiting one, so only one can be approved.
    waiting.update(
        status=RoleChangeRequest.Status.REFUSED, decided_by=request.user, decided_at=timezone.now()
    )
    change = RoleChangeRequest.objects.create(
        user=account, from_role=account.role, to_role=new_role, requested_by=request.user
    )
    record(request, Action.CREATE, obj=account, summary=f"Asked for a role change to {new_role}",
           from_role=account.role, to_role=new_role)
    return change


@transaction.atomic
def decide(request, change, approve: bool) -> None:
    """Second administrator: approve or refuse. Neither the asker nor the person raised may."""
    if request.user.pk in (change.requested_by_id, change.user_id):
        raise RoleChangeRefused(
            "A second administrator must decide: not the one who asked, nor the person whose role it is"
        )
    status = RoleChangeRequest.Status.APPROVED if approve else RoleChangeRequest.Status.REFUSED
    decided = RoleChangeRequest.objects.filter(pk=change.pk, status=RoleChangeRequest.Status.WAITING).update(
        status=status, decided_by=request.user, decided_at=timezone.now()
    )
    if not decided:
        raise RoleChangeRefused("Someone has already decided this request")
    account = User.objects.select_for_update().get(pk=change.user_id)
    if approve:
        if account.role != change.from_role:
            raise RoleChangeRefused("Their role has changed since this was asked: ask again")
        apply(request, account, change.to_role)
    else:
        record(request, Action.UPDATE, obj=account, summary=f"Refused a role change to {change.to_role}")


@permission_required("accounts.manage_users")
def request_list(request):
    changes = RoleChangeRequest.objects.filter(status=RoleChangeRequest.Status.WAITING).select_related(
        "user", "requested_by"
    )
    return render(request, "accounts/role_change_list.html", {"changes": changes})


@require_POST
@permission_required("accounts.manage_users")
def decide_view(request, pk):
    change = RoleChangeRequest.objects.filter(pk=pk).select_related("user").first()
    if change is None:
        raise Http404
    approve = request.POST.get("decision") == "approve"
    try:
        decide(request, change, approve)
    except RoleChangeRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, f"{'Approved' if approve else 'Refused'} the role change for {change.user}"
        )
    return redirect("accounts:role_change_list")
