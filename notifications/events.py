"""Who is told what when something happens on a case.

`notify_case_event` is called once an event is committed (signals.py). Families hear about
requests, decisions and plans; an adviser hears when their advice is asked for. Telling people
about one event twice is refused, so a second call for the same event sends nothing.
"""

from django.conf import settings

from casework import services as casework_services
from casework.letters import DECISION_LETTER_JOB
from casework.models import AdviceRequest, CaseDocument
from clock.case_events import EventKind
from jobs.models import Job
from jobs.services import UNFINISHED
from notifications.defaults import DECISION_LETTER_TITLE, long_date
from notifications.links import advice_path, family_path
from notifications.models import MessageType, Notification
from notifications.services import tell
from people.family import family_for

K = EventKind
M = MessageType

FAMILY_MESSAGES = {
    K.REQUEST_RECEIVED: M.REQUEST_RECEIVED,
    K.DECIDED_TO_ASSESS: M.DECIDED_TO_ASSESS,
    K.DECIDED_NOT_TO_ASSESS: M.DECIDED_NOT_TO_ASSESS,
    K.DECIDED_TO_ISSUE: M.DECIDED_TO_ISSUE,
    K.DECIDED_NOT_TO_ISSUE: M.DECIDED_NOT_TO_ISSUE,
    K.DRAFT_SERVED: M.DRAFT_SERVED,
    K.FINAL_ISSUED: M.FINAL_ISSUED,
}
DECISIONS = {K.DECIDED_TO_ASSESS, K.DECIDED_NOT_TO_ASSESS, K.DECIDED_TO_ISSUE, K.DECIDED_NOT_TO_ISSUE}
def case_context(case) -> dict:
    area = settings.AREA_NAME
    worker = case.caseworker
    contact = f"{worker}, the caseworker, in the {area} SEND team" if worker else f"the {area} SEND team"
    return {"reference": case.reference, "area_name": area, "contact": contact}


def notify_case_event(case, event) -> list[Notification]:
    """Tell the people who need to know about `event` on `case`; returns what was sent."""
    if Notification.objects.filter(case_event=event).exists():
        return []
    kind = K(event.kind)
    if kind == K.ADVICE_REQUESTED:
        return _tell_adviser(case, event)
    if kind == K.ADVICE_CANCELLED:
        return _tell_adviser(case, event, M.ADVICE_CANCELLED)
    if kind not in FAMILY_MESSAGES:
        return []
    context = case_context(case)
    if kind == K.DRAFT_SERVED:
        context["respond_by"] = _respond_by(case)
    document = decision_letter(case, event) if kind in DECISIONS else None
    if kind in DECISIONS and document is None and letter_on_its_way(event):
        return []  # the letter's job tells the family once the letter is made (casework.jobs)
    return [
        tell(
            person,
            FAMILY_MESSAGES[kind],
            context,
            family_path(case),
            case=case,
            case_event=event,
            document=document,
        )
        for person in family_for(case.child)
    ]


def _tell_adviser(case, event, message_type=M.ADVICE_REQUESTED):
    """The adviser asked (or told their advice is no longer needed), once per event."""
    advice = AdviceRequest.objects.filter(case=case, ref=event.ref).select_related("professional").first()
    if advice is None or advice.professional is None:
        return []  # an adviser without an account is asked by the caseworker directly
    context = case_context(case) | advice_context(advice)
    context["cancelled_reason"] = (advice.cancelled_reason or "the case was closed").rstrip(".").lower()
    return [
        tell(advice.professional, message_type, context, advice_path(advice), case=case, case_event=event)
    ]


def advice_context(advice) -> dict:
    return {"adviser": advice.get_adviser_type_display().lower(), "due_on": long_date(advice.due_on)}


def letter_on_its_way(event) -> bool:
    """The decision's letter is still being made on the job queue."""
    return Job.objects.filter(
        kind=DECISION_LETTER_JOB, params__event=event.pk, status__in=UNFINISHED
    ).exists()


def _respond_by(case) -> str:
    # The clock engine owns the 15-day rule; ask it rather than count here.
    step = casework_services.case_timeline(case).step("family_response")
    return long_date(step.due) if step and step.due else "15 days after you received it"


def decision_letter(case, event):
    """The letter made with this decision (casework.letters), if there is one."""
    return (
        CaseDocument.objects.filter(
            case=case, title__startswith=DECISION_LETTER_TITLE, created_at__gte=event.recorded_at
        )
        .order_by("-created_at")
        .first()
    )
