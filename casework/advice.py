"""Advice from professionals (reg 6(1)): who may see and answer which advice request, and the
sections an answer has, so a plan writer can find needs, outcomes and provision in each one."""

from django.db import transaction
from django.http import Http404

from accounts.roles import CASE_ROLES, Role
from audit.models import Action
from audit.services import record
from casework import services
from casework.access import OVERSEEN_ADVICE
from casework.models import AdviceRequest

SECTIONS = [
    ("about", "About the child or young person", "What you know of them, how you met them, their views"),
    ("needs", "Their special educational needs", "What they find hard, and how it affects their learning"),
    ("outcomes", "Outcomes you recommend", "What they should be able to do by the end of the key stage"),
    (
        "provision",
        "Provision you recommend",
        "What help, from whom, how often and for how long: be specific, for example "
        "'30 minutes of speech and language therapy each week in a group of 2'",
    ),
    ("other", "Anything else the plan should include", "Health, social care or other needs"),
]


def advice_requests_for(user):
    """The advice requests `user` answers or oversees."""
    requests = AdviceRequest.objects.all()
    if not user.is_authenticated or not user.is_active:
        return requests.none()
    if user.role in CASE_ROLES:
        return requests
    if user.role == Role.PROFESSIONAL:
        return requests.filter(professional=user)
    if user.role in OVERSEEN_ADVICE:
        return requests.filter(adviser_type=OVERSEEN_ADVICE[user.role])
    return requests.none()


def may_answer(user, advice) -> bool:
    """The named professional answers; the designated officer answers for their service when no
    one is named (health advice comes through the DCO's single point of contact)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if advice.professional_id:
        return advice.professional_id == user.pk
    return OVERSEEN_ADVICE.get(user.role) == advice.adviser_type


def get_advice_for_user(request, public_id):
    advice = (
        AdviceRequest.objects.select_related("case__child__setting", "case__caseworker", "professional")
        .filter(public_id=public_id)
        .first()
    )
    if advice is None:
        raise Http404("No such advice request")
    if not (
        request.user.role in CASE_ROLES
        or may_answer(request.user, advice)
        or advice_requests_for(request.user).filter(pk=advice.pk).exists()
    ):
        record(
            request,
            Action.DENIED,
            child=advice.case.child,
            obj=advice.case,
            summary="Refused: an advice request",
        )
        raise Http404("No such advice request")
    return advice


def no_longer_needed(advice) -> str:
    """Why an answer to `advice` is refused ("" if it may be sent): it was cancelled, or its case
    is closed (SEND Regulations 2014 reg 6(1): advice is sought for an assessment still running)."""
    if advice.received_on is not None:
        return ""
    if advice.cancelled_on is not None:
        reason = (advice.cancelled_reason or "").rstrip(".")
        why = f" ({reason[:1].lower()}{reason[1:]})" if reason else ""
        return f"This advice is no longer needed: it was cancelled on {advice.cancelled_on:%-d %B %Y}{why}"
    case = advice.case
    if not case.is_open:
        closed_on = f" on {case.closed_on:%-d %B %Y}" if case.closed_on else ""
        stage = case.get_stage_display().lower()
        return f"This advice is no longer needed: the case was closed{closed_on} ({stage})"
    return ""


def as_text(sections: dict) -> str:
    return "\n\n".join(f"{label}\n{sections[key]}" for key, label, _ in SECTIONS if sections.get(key))


@transaction.atomic
def submit(request, advice, sections: dict, on, document=None):
    """Record the adviser's answer: the case's advice clock stops on `on`, late or not."""
    services.receive_advice(request, advice, on, text=as_text(sections))
    AdviceRequest.objects.filter(pk=advice.pk).update(sections=sections, submitted_by=request.user)
    if document is not None:
        services.add_document(
            request,
            advice.case,
            title=f"Advice from {advice.get_adviser_type_display().lower()}",
            upload=document.upload,
            content_type=document.content_type,
        )
    advice.refresh_from_db()
    return advice
