"""Linking a family's account to a child: the only code that makes or verifies those links.

Two ways, both verified by the area: a caseworker invites a parent, carer or young person (a
single-use, expiring token sent by email, stored only as a hash), or a parent asks for a link and a
caseworker approves it after checking who they are. Each change is audited; single use is enforced
with a conditional UPDATE, so two tabs or two clicks cannot use one invitation twice.
"""

import secrets
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import security_messages
from accounts.models import PendingFamilyAccount, User
from accounts.roles import Role
from audit.models import Action
from audit.services import record
from clock import dates
from people import services as people_services
from people.models import Child, ChildRelationship, ParentCarer
from people.search import fold
from portal import linking_messages
from portal.models import Invitation, InvitationFor, LinkRequest, LinkRequestStatus, hash_token

INVITATION_DAYS = 14  # long enough for a family to find the email; short enough to limit a leak
SESSION_KEY = "portal_invitation_token"


class LinkError(Exception):
    """The link cannot be made; the message says why, in words a family understands."""


@transaction.atomic
def invite(request, child, *, invited, email, parent_carer=None) -> Invitation:
    """Make an invitation for `child` and email its link; earlier unused invitations for the same
    person are withdrawn, so only the newest link works."""
    now = timezone.now()
    same_person = Invitation.objects.filter(
        child=child, invited=invited, parent_carer=parent_carer, accepted_at__isnull=True, withdrawn_at=None
    )
    same_person.update(withdrawn_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        child=child,
        parent_carer=parent_carer,
        invited=invited,
        email=email,
        token_hash=hash_token(token),
        expires_at=now + timedelta(days=INVITATION_DAYS),
        created_by=request.user,
    )
    record(request, Action.CREATE, child=child, obj=invitation, summary="Invited to the family portal")
    link = reverse("portal:follow_invitation", args=[token])
    transaction.on_commit(
        lambda: linking_messages.send_invitation(invitation, link, person=parent_carer or None)
    )
    return invitation


def find_invitation(token: str | None) -> Invitation | None:
    """The usable invitation with this token, or None (unknown, used, withdrawn or expired)."""
    if not token:
        return None
    invitation = Invitation.objects.select_related("child", "parent_carer").filter(
        token_hash=hash_token(token)
    )
    invitation = invitation.first()
    return invitation if invitation is not None and invitation.is_usable else None


def _claim(invitation, user):
    # The conditional UPDATE is the single-use guarantee: only one request can flip it.
    claimed = Invitation.objects.filter(
        pk=invitation.pk, accepted_at=None, withdrawn_at=None, expires_at__gt=timezone.now()
    ).update(accepted_at=timezone.now(), accepted_by=user)
    if not claimed:
        raise LinkError(_("This invitation has already been used or has expired."))


@transaction.atomic
def accept_invitation(request, invitation, *, first_name, last_name, password) -> User:
    """Make the invited person's account, link it to the child (verified), and use up the invitation."""
    role = _role_invited(invitation)
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=invitation.email.lower(),
                email=invitation.email,
                password=password,
                first_name=first_name,
                last_name=last_name,
                role=role,
                email_verified_at=timezone.now(),  # the emailed invitation link proves the address
            )
    except IntegrityError as error:
        raise LinkError(_("There is already an account for this email address. Sign in instead.")) from error
    _claim(invitation, user)
    _link_invited(request, invitation, user)
    return user


def _role_invited(invitation) -> str:
    return Role.YOUNG_PERSON if invitation.invited == InvitationFor.YOUNG_PERSON else Role.PARENT


@transaction.atomic
def accept_invitation_for_account(request, invitation, user) -> User:
    """An existing family account uses an invitation sent to its own address (signing in through
    GOV.UK One Login with that address). The caller has checked the addresses match; here the
    account must be the kind invited, and a young person's account the only one for their record."""
    if invitation.email.lower() != user.email.lower() or user.email_verified_at is None:
        raise LinkError(_("This invitation was sent to a different email address."))
    if user.role != _role_invited(invitation):  # a parent's invitation is not a young person's account
        raise LinkError(
            _("This invitation is for a different kind of account. Ask the person who invited you.")
        )

    if user.role == Role.YOUNG_PERSON and Child.objects.filter(own_account=user).exclude(
        pk=invitation.child_id
    ).exists():
        raise LinkError(_("Your account is already linked to another record."))
    _claim(invitation, user)
    _link_invited(request, invitation, user)
    return user


def _link_invited(request, invitation, user) -> None:
    """Link the invited child to `user` (verified: the invitation came from a caseworker)."""
    child = invitation.child
    if user.role == Role.YOUNG_PERSON:
        if child.own_account_id and child.own_account_id != user.pk:
            raise LinkError(_("This young person already has an account. Sign in instead."))
        child.own_account = user
        child.save(update_fields=["own_account"])
    else:
        relationship = "other_carer"
        parent = ParentCarer.objects.filter(user=user).first()  # an existing account's own record
        named = invitation.parent_carer
        if parent is not None and named is not None and named.pk != parent.pk and named.user_id is None:
            # The record on file and the account's own are one person: one record of them stays,
            # with what the caseworker recorded (relationship, contact details).
            people_services.merge_carer_for_child(request, child, duplicate=named, into=parent, user=user)
        elif parent is not None and named is not None:
            # The account's own record is linked; the relationship the caseworker recorded stands.
            on_record = ChildRelationship.objects.filter(child=child, parent_carer=named)
            relationship = next(iter(on_record.values_list("relationship", flat=True)), relationship)
        if parent is None:
            parent = invitation.parent_carer
            if parent is None or parent.user_id:
                parent = ParentCarer.objects.create(
                    first_name=user.first_name, last_name=user.last_name, email=user.email
                )
            parent.user = user
            parent.save(update_fields=["user"])
        _verify(child, parent, relationship=relationship)
    # Not signed in yet: the account is the actor.
    record(
        request,
        Action.CREATE,
        child=child,
        obj=invitation,
        summary="Accepted a family portal invitation",
        user=user,
    )


def _verify(child, parent_carer, *, relationship):
    link, created = ChildRelationship.objects.get_or_create(
        child=child,
        parent_carer=parent_carer,
        defaults={"relationship": relationship, "verified": True},
    )
    if not created and not link.verified:
        link.verified = True
        link.save(update_fields=["verified", "modified_at"])
    return link


VERIFY_HOURS = 24
VERIFY_SESSION_KEY = "portal_verify_email_token"


@transaction.atomic
def register_family(*, first_name, last_name, email, password, role=Role.PARENT) -> None:
    """A parent (or a young person, for themselves) asks for their own account, with no child yet.
    Nothing is made that can sign in: the account exists only when the emailed link is followed
    (verify_family_email). The answer is the same whether or not the address is known: its owner
    is emailed either way."""
    if User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
        transaction.on_commit(lambda: security_messages.send_already_registered(email))
        return
    token = secrets.token_urlsafe(32)
    pending = PendingFamilyAccount.objects.create(
        email=email,
        first_name=first_name,
        last_name=last_name,
        password=make_password(password),
        token_hash=hash_token(token),
        expires_at=timezone.now() + timedelta(hours=VERIFY_HOURS),
        role=role,
    )
    transaction.on_commit(lambda: security_messages.send_verification(pending, token))


def find_pending_account(token: str | None) -> PendingFamilyAccount | None:
    if not token:
        return None
    pending = PendingFamilyAccount.objects.filter(token_hash=hash_token(token)).first()
    usable = pending is not None and pending.used_at is None and pending.expires_at > timezone.now()
    return pending if usable else None


@transaction.atomic
def verify_family_email(request, pending) -> User:
    """Follow the verification link: make the family's account, its email verified."""
    # The conditional UPDATE is the single-use guarantee, as for invitations.
    claimed = PendingFamilyAccount.objects.filter(
        pk=pending.pk, used_at=None, expires_at__gt=timezone.now()
    ).update(used_at=timezone.now())
    if not claimed:
        raise LinkError(_("This link has already been used or has expired."))
    try:
        with transaction.atomic():
            user = User(
                username=pending.email.lower(),
                email=pending.email,
                password=pending.password,
                first_name=pending.first_name,
                last_name=pending.last_name,
                role=pending.role,
                email_verified_at=timezone.now(),
            )
            user.save()
    except IntegrityError as error:
        # The address's owner followed the link, so telling them is no leak.
        raise LinkError(_("There is already an account for this email address. Sign in instead.")) from error
    if user.role == Role.PARENT:
        ParentCarer.objects.create(
            first_name=pending.first_name, last_name=pending.last_name, email=pending.email, user=user
        )
    record(
        request, Action.CREATE, obj=user, summary="Made a family portal account (email verified)", user=user
    )
    return user


@transaction.atomic
def make_family_account(request, *, email, first_name="", last_name="", role=Role.PARENT) -> User:
    """A family account (a parent's or carer's, or a young person's own, as they chose) for an
    email address an identity provider has verified (GOV.UK One Login): like a followed
    verification link, it has no child until a caseworker approves a link request. It has no
    password: the person signs in through the provider."""
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=email.lower(), email=email, password=None, first_name=first_name,
                last_name=last_name, role=role, email_verified_at=timezone.now(),
            )
    except IntegrityError as error:
        raise LinkError(_("There is already an account for this email address. Sign in instead.")) from error
    if role == Role.PARENT:
        ParentCarer.objects.create(first_name=first_name, last_name=last_name, email=email, user=user)
    record(request, Action.CREATE, obj=user, summary="Made a family portal account (GOV.UK One Login)",
           user=user)
    return user


def ask_for_link(request, *, first_name, last_name, date_of_birth, relationship, note="") -> LinkRequest:
    return LinkRequest.objects.create(
        requested_by=request.user,
        child_first_name=first_name,
        child_last_name=last_name,
        child_date_of_birth=date_of_birth,
        relationship=relationship,
        note=note,
        created_by=request.user,
    )


def requests_with_status(status):
    """Link requests in one state, oldest first (the queue caseworkers work through)."""
    return (
        LinkRequest.objects.filter(status=status).select_related("requested_by").order_by("created_at", "pk")
    )


def matching_children(link_request):
    """Children with the date of birth given and both names in their record (legal or preferred)."""

    first = fold(link_request.child_first_name)
    last = fold(link_request.child_last_name)
    return (
        Child.objects.filter(date_of_birth=link_request.child_date_of_birth, search_name__contains=first)
        .filter(search_name__contains=last)
        .select_related("setting")
    )


def attach_carers_on_record(children) -> None:
    """Each child's parents and carers on record (as `carers_on_record`), so the caseworker can
    compare them with whoever asked before approving."""
    links = ChildRelationship.objects.filter(child__in=children).select_related("parent_carer").order_by("pk")
    by_child = {}
    for link in links:
        by_child.setdefault(link.child_id, []).append(link)
    for child in children:
        child.carers_on_record = by_child.get(child.pk, [])


def _decide(link_request, user, status, **changes) -> None:
    decided = LinkRequest.objects.filter(pk=link_request.pk, status=LinkRequestStatus.WAITING).update(
        status=status, decided_at=timezone.now(), decided_by=user, **changes
    )
    if not decided:
        raise LinkError(_("Someone has already decided this request."))
    link_request.refresh_from_db()


@transaction.atomic
def approve(request, link_request, child) -> ChildRelationship | None:
    if link_request.requested_by.role == Role.YOUNG_PERSON:
        return _approve_young_person(request, link_request, child)
    parent = ParentCarer.objects.filter(user=link_request.requested_by).first()
    if parent is None:
        raise LinkError(_("This account is not a parent or carer's account."))
    _decide(link_request, request.user, LinkRequestStatus.APPROVED, child=child)
    links = ChildRelationship.objects.filter(child=child).select_related("parent_carer")
    on_file = same_person_on_file(links, link_request.requested_by)
    if on_file is not None:
        people_services.merge_carer_for_child(request, child, duplicate=on_file, into=parent)
    relationship = _verify(child, parent, relationship=link_request.relationship)
    record(request, Action.UPDATE, child=child, obj=link_request, summary="Approved a family portal link")
    transaction.on_commit(lambda: linking_messages.send_decision(link_request, parent))
    return relationship


def same_person_on_file(links, account) -> ParentCarer | None:
    """Among a child's carer links (`links`, each with its parent_carer), the record staff made
    under the address `account` has shown is its own (verified), when there is exactly one and it
    has no account: the person asking for the link, whose record on file becomes their account's
    when the link is approved."""
    if account.email_verified_at is None or not account.email:
        return None
    on_file = [
        link.parent_carer
        for link in links
        if link.parent_carer.user_id is None and link.parent_carer.email.lower() == account.email.lower()
    ]
    return on_file[0] if len(on_file) == 1 else None


def own_account_age_refusal(child, on=None) -> str:
    """Why `child` cannot have a young person's own account ("" when they can): a young person in
    law is over compulsory school age (Children and Families Act 2014 s.83(2)); before that their
    parents act for them."""
    if dates.over_compulsory_school_age(child.date_of_birth, on or dates.today()):
        return ""
    leaves = dates.school_leaving_date(child.date_of_birth)
    return _(
        "%(name)s is still of compulsory school age (until %(day)s), so cannot have their own account: "
        "link a parent or carer instead"
    ) % {"name": child.full_name, "day": f"{leaves:%-d %B %Y}"}


def _approve_young_person(request, link_request, child) -> None:
    """A young person's own record: their account becomes the record's own account."""

    refusal = own_account_age_refusal(child)
    if refusal:
        raise LinkError(refusal)
    taken = (
        Child.objects.filter(pk=child.pk)
        .exclude(own_account__isnull=True)
        .exclude(own_account=link_request.requested_by)
    )
    if (
        taken.exists()
        or Child.objects.filter(own_account=link_request.requested_by).exclude(pk=child.pk).exists()
    ):
        raise LinkError(_("This record already has its own account."))
    _decide(link_request, request.user, LinkRequestStatus.APPROVED, child=child)
    Child.objects.filter(pk=child.pk).update(own_account=link_request.requested_by)
    record(
        request, Action.UPDATE, child=child, obj=link_request, summary="Approved a young person's own link"
    )
    transaction.on_commit(lambda: linking_messages.send_decision(link_request, None))


@transaction.atomic
def reject(request, link_request, reason) -> None:
    _decide(link_request, request.user, LinkRequestStatus.REJECTED, reason=reason)
    record(request, Action.UPDATE, obj=link_request, summary="Did not approve a family portal link")
    parent = ParentCarer.objects.filter(user=link_request.requested_by).first()
    transaction.on_commit(lambda: linking_messages.send_decision(link_request, parent))
