"""The only code that changes "You said, we did" themes and the youth forum's sessions and
proposals. Each change is saved and audited together."""

from django.db import transaction

from audit.models import Action
from audit.services import record
from clock import dates
from engagement.models import ForumProposal, ForumSession, ProposalOutcome, YouSaid
from engagement.services import Refused


def _not_future(field, day, what):
    if day is not None and day > dates.today():
        raise Refused(field, f"{what} must be today or in the past")


def _theme_rules(theme):
    _not_future("heard_on", theme.heard_on, "The date we heard it")
    if theme.published and not theme.we_did.strip():
        raise Refused("we_did", "Say what we did before publishing the theme")


def add_theme(request, user, **fields) -> YouSaid:
    theme = YouSaid(**fields)
    _theme_rules(theme)
    with transaction.atomic():
        theme.created_by = theme.modified_by = user
        theme.save()
        record(request, Action.CREATE, obj=theme, user=user, summary="Added a 'You said, we did' theme")
    return theme


def update_theme(request, user, theme, expected_version: int, **fields) -> YouSaid:
    for name, value in fields.items():
        setattr(theme, name, value)
    _theme_rules(theme)
    with transaction.atomic():
        theme.save_edit(expected_version, user)
        record(request, Action.UPDATE, obj=theme, user=user, summary="Changed a 'You said, we did' theme")
    return theme


def record_session(request, user, **fields) -> ForumSession:
    _not_future("held_on", fields.get("held_on"), "The date of the session")
    with transaction.atomic():
        session = ForumSession.objects.create(created_by=user, modified_by=user, **fields)
        record(request, Action.CREATE, obj=session, user=user, summary="Recorded a youth forum session")
    return session


def add_proposal(request, user, session, proposal: str) -> ForumProposal:
    with transaction.atomic():
        made = ForumProposal.objects.create(
            session=session, proposal=proposal.strip(), created_by=user, modified_by=user
        )
        record(request, Action.CREATE, obj=made, user=user, summary="Recorded a youth forum proposal")
    return made


def decide_proposal(request, user, proposal, expected_version: int, **fields) -> ForumProposal:
    for name, value in fields.items():
        setattr(proposal, name, value)
    decided = proposal.outcome != ProposalOutcome.WAITING
    if decided and proposal.decided_on is None:
        raise Refused("decided_on", "Enter the date of the decision")
    if proposal.decided_on is not None and proposal.decided_on < proposal.session.held_on:
        raise Refused("decided_on", "The date of the decision must be on or after the session")
    _not_future("decided_on", proposal.decided_on, "The date of the decision")
    with transaction.atomic():
        proposal.save_edit(expected_version, user)
        record(request, Action.UPDATE, obj=proposal, user=user, summary="Recorded a proposal's outcome")
    return proposal
