"""Panel meetings: scheduling, agendas, attendance and decisions. The only code that changes
them; views call these. A decision on whether to assess or to issue is also a case event, so it
goes through casework.services and the event catalogue like any other step."""

from django.db import IntegrityError, transaction
from django.db.models import Count, Q

from accounts.models import User
from accounts.roles import Role
from audit.models import Action
from audit.services import record
from casework import (
    letters,
    panel_rules,  # noqa: F401 - registers the panel permissions
    services,
)
from casework.models import PanelDecision, PanelItem, PanelMeeting, PanelQuestion
from clock import dates
from clock.case_events import EventKind, OutOfOrder

K = EventKind
Q_ = PanelQuestion
D = PanelDecision

# The case event each final answer to a statutory question records.
DECISION_EVENTS = {
    (Q_.ASSESS, D.AGREED): K.DECIDED_TO_ASSESS,
    (Q_.ASSESS, D.DECLINED): K.DECIDED_NOT_TO_ASSESS,
    (Q_.ISSUE, D.AGREED): K.DECIDED_TO_ISSUE,
    (Q_.ISSUE, D.DECLINED): K.DECIDED_NOT_TO_ISSUE,
}
FINAL_DECISIONS = (D.AGREED, D.DECLINED)


def _actor(request):
    return request.user if request is not None and request.user.is_authenticated else None


def panel_members():
    return User.objects.filter(role=Role.PANEL, is_active=True).order_by("last_name", "first_name")


def meetings_with_counts():
    return PanelMeeting.objects.annotate(
        item_count=Count("items", distinct=True),
        decided_count=Count("items", filter=~Q(items__decision=""), distinct=True),
    )


def upcoming_meetings(today):
    return meetings_with_counts().filter(meets_on__gte=today).order_by("meets_on", "pk")


def past_meetings(today):
    return meetings_with_counts().filter(meets_on__lt=today).order_by("-meets_on", "-pk")


@transaction.atomic
def schedule_meeting(request, *, meets_on, title, members) -> PanelMeeting:
    meeting = PanelMeeting.objects.create(meets_on=meets_on, title=title, created_by=_actor(request))
    meeting.members.set(members)
    record(request, Action.CREATE, obj=meeting, summary=f"Scheduled a panel meeting on {meets_on:%-d %B %Y}")
    return meeting


def add_item(request, meeting, case, question) -> PanelItem:
    """Put `case` on the meeting's agenda to decide `question`."""
    if not case.is_open:
        raise OutOfOrder(
            f"{case.reference} is closed ({case.get_stage_display().lower()}), so it cannot go to panel"
        )
    try:
        with transaction.atomic():
            item = PanelItem.objects.create(
                meeting=meeting, case=case, question=question, created_by=_actor(request)
            )
            summary = f"{case.reference}: added to the panel agenda for {meeting.meets_on:%-d %B %Y}"
            record(request, Action.UPDATE, child=case.child, obj=case, summary=summary)
    except IntegrityError as error:  # the unique constraint: one item per case and question
        raise OutOfOrder(f"{case.reference} is already on this agenda for that question") from error
    return item


@transaction.atomic
def record_attendance(request, meeting, attended) -> None:
    meeting.attended.set(attended)
    record(request, Action.UPDATE, obj=meeting, summary=f"Recorded attendance at {meeting}")


@transaction.atomic
def record_decision(request, item, decision, reasons):
    """Record the panel's decision on one agenda item. Agreeing or declining an assess or issue
    question records the case event on the meeting's date and makes the decision letter (on the job
    queue when a person decides); if the case cannot take that step, OutOfOrder is raised and
    nothing is saved. Returns the letter's job (or the letter), or None when there is no letter."""
    locked = (
        PanelItem.objects.select_for_update(of=("self",))
        .select_related("meeting", "case__child")
        .get(pk=item.pk)
    )
    _check_can_decide(locked)
    locked.decision = decision
    locked.reasons = reasons
    locked.modified_by = _actor(request)
    locked.save()
    case, meets_on = locked.case, locked.meeting.meets_on
    kind = DECISION_EVENTS.get((locked.question, decision))
    letter = None
    if kind is not None:
        event = services.record_event(
            request, case, kind, meets_on, note=f"Panel decision: {reasons}", reasons=reasons
        )
        # The case's service queues the letter for a decision by a person (a job they own); the
        # system's decision needs one too, made here.
        letter = getattr(event, "letter_job", None) or letters.save_decision_letter(
            request, case, kind, meets_on, reasons
        )
    else:
        what = f"{locked.get_decision_display().lower()} ({locked.get_question_display().lower()})"
        record(request, Action.UPDATE, child=case.child, obj=case, summary=f"{case.reference}: panel {what}")
    item.refresh_from_db()
    return letter


def _check_can_decide(item) -> None:
    if item.decision in FINAL_DECISIONS:
        raise OutOfOrder("The panel's decision on this item has already been recorded")
    if item.meeting.meets_on > dates.today():
        raise OutOfOrder(
            f"Decisions can be recorded from the day of the meeting, {item.meeting.meets_on:%-d %B %Y}"
        )
