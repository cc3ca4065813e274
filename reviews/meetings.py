"""Arranging review meetings, one at a time or for a whole school, and inviting people to them.

Invitations go out when the meeting is arranged, and must go at least 2 weeks before it
(reg 20(3); clock.reviews.invitations_latest). A shorter notice is accepted only when the
family asked for the earlier date, with their reason recorded: the 2 weeks protect the family's
chance to take part, so refusing a date they asked for would turn the rule against them.

A meeting after the review's statutory due date (CFA 2014 s.44) makes the review late: it is
accepted only with a reason, recorded on the review and in the audit log. The paperwork date in
the invitations is the clock engine's (reviews.timing.paperwork_due). Re-arranging tells everyone
who was invited that the earlier meeting is cancelled, in the same message as the new date.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils.formats import time_format

from audit.models import Action
from audit.services import record
from clock import dates
from clock.periods import add_working_days, is_working_day
from clock.reviews import invitations_latest
from people.family import families_for, family_for
from people.models import ParentCarer, SchoolMembership
from reviews import notices, timing
from reviews.events import OutOfOrder
from reviews.models import AWAITING_MEETING, AnnualReview, Invitee, InviteeKind, Stage
from reviews.services import actor, lock, refresh_clock, save

SLOT = timedelta(hours=1)  # bulk scheduling: one meeting an hour


def short_notice_refusal(meeting_on, sent_on) -> str | None:
    """Why invitations sent on `sent_on` are too late for a meeting on `meeting_on` (None if not)."""
    latest = invitations_latest(meeting_on)
    if sent_on <= latest:
        return None
    return (
        f"Invitations must go out at least 2 weeks before the meeting (SEND Regulations 2014, "
        f"regulation 20). For a meeting on {meeting_on:%-d %B %Y} they had to be sent by "
        f"{latest:%-d %B %Y}. Choose a later date, or, if the family asked for this date, say why"
    )


def why_not_schedule(review) -> str | None:
    """Why the meeting cannot be arranged (again) now; the review's page shows the same words."""
    if review.stage not in AWAITING_MEETING:
        return "The meeting for this review has already been held"
    return None


def late_meeting_message(meeting_on, due_on) -> str:
    days = dates.days_late(meeting_on, due_on)  # only asked when the meeting is late
    return (
        f"The review is due by {due_on:%-d %B %Y}: a meeting on {meeting_on:%-d %B %Y} would be "
        f"{days} day{'s' if days != 1 else ''} late. Choose an earlier date, or say why the meeting "
        "cannot be held by then"
    )


def sencos_for(setting) -> list:
    if setting is None:
        return []
    rows = SchoolMembership.objects.filter(setting=setting, is_active=True, user__is_active=True)
    return [m.user for m in rows.select_related("user")]


@dataclass
class Invitation:
    kind: str
    person: object = None  # a User or ParentCarer, or None for someone invited by name only
    name: str = ""


def _invite(review, invitations, on) -> list[Invitee]:
    Invitee.objects.filter(review=review).delete()  # re-arranging a meeting invites afresh
    rows = []
    for invitation in invitations:
        person = invitation.person
        family = isinstance(person, ParentCarer)
        rows.append(
            Invitee(
                review=review,
                kind=invitation.kind,
                user=None if family else person,
                parent_carer=person if family else None,
                name=(invitation.name or str(person))[:200],
                invited_on=on,
            )
        )
    return Invitee.objects.bulk_create(rows)


def _link(kind, review) -> str:
    if kind == InviteeKind.FAMILY:
        return reverse("reviews:family_views", args=[review.public_id])
    if kind == InviteeKind.SCHOOL:
        return reverse("reviews:paperwork", args=[review.public_id])
    return reverse("core:home")  # other professionals have no review page: they reply to the caseworker


def meeting_label(review) -> str:
    """ "12 March 2027, 9:30am" (the area's time format, GOV.UK style: no ":00")."""
    label = f"{review.meeting_on:%-d %B %Y}"
    if review.meeting_at:
        label += f", {time_format(review.meeting_at)}"
    return label


@dataclass(frozen=True)
class Earlier:
    """The arrangement a re-arranged meeting replaces: its date and who was invited to it."""

    meeting: str
    people: tuple = ()


def _key(person):
    return (type(person).__name__, person.pk)


def _earlier(review) -> Earlier | None:
    if review.stage != Stage.SCHEDULED or review.meeting_on is None:
        return None
    people = []
    for invitee in review.invitees.select_related("user", "parent_carer"):
        person = invitee.user or invitee.parent_carer
        if person is not None and _key(person) not in {_key(p) for p in people}:
            people.append(person)
    return Earlier(meeting_label(review), tuple(people))


def send_invitations(review_id, earlier: Earlier | None = None) -> int:
    """Tell everyone invited who can be reached (run after the meeting is saved for good): one
    message each. After a re-arrangement, those invited before are told in that same message that
    the earlier meeting is cancelled; anyone no longer invited is told it is cancelled."""
    review = AnnualReview.objects.select_related("caseworker").get(pk=review_id)
    context = (
        notices.review_context(review)
        | {"meeting": meeting_label(review), "place": review.meeting_place or "a place we will confirm"}
        | notices.paperwork_context(timing.paperwork_due(review))
    )
    before = {_key(p): p for p in earlier.people} if earlier else {}
    if earlier:
        context["earlier_meeting"] = earlier.meeting
    told = set()
    for invitee in review.invitees.select_related("user", "parent_carer"):
        person = invitee.user or invitee.parent_carer
        if person is None or _key(person) in told:
            continue
        school = invitee.kind == InviteeKind.SCHOOL
        if _key(person) in before:
            kind = "review_paperwork_moved" if school else "review_meeting_moved"
        else:
            kind = "review_paperwork" if school else "review_invitation"
        notices.tell(person, kind, context, _link(invitee.kind, review))
        told.add(_key(person))
    for key, person in before.items():
        if key not in told:
            notices.tell(person, "review_meeting_cancelled", context, reverse("core:home"))
            told.add(key)
    return len(told)


def _after_commit(review_ids, earlier=None):
    transaction.on_commit(lambda: [send_invitations(pk, earlier) for pk in review_ids], robust=True)


@transaction.atomic
def schedule(
    request,
    review,
    *,
    meeting_on,
    meeting_at=None,
    place="",
    invitations=(),
    combined_cin_review=False,
    short_notice_reason="",
    late_reason="",
    expected_version=None,
) -> AnnualReview:
    """Arrange (or re-arrange) the meeting and send the invitations today."""
    locked = lock(review, expected_version)
    today = dates.today()
    refusal = why_not_schedule(locked)
    if refusal:
        raise OutOfOrder(refusal)
    if meeting_on < today:
        raise OutOfOrder("The meeting date must be today or in the future")
    refusal = short_notice_refusal(meeting_on, today)
    if refusal and not short_notice_reason.strip():
        raise OutOfOrder(refusal)
    late = meeting_on > locked.due_on
    if late and not late_reason.strip():
        raise OutOfOrder(late_meeting_message(meeting_on, locked.due_on))
    earlier = _earlier(locked)
    save(
        request,
        locked,
        stage=Stage.SCHEDULED,
        meeting_on=meeting_on,
        meeting_at=meeting_at,
        meeting_place=place,
        invitations_sent_on=today,
        short_notice_reason=short_notice_reason.strip() if refusal else "",
        late_meeting_reason=late_reason.strip() if late else "",
        combined_cin_review=combined_cin_review,
    )
    _invite(locked, invitations, today)
    verb = f"meeting on {earlier.meeting} cancelled and re-arranged" if earlier else "meeting arranged"
    summary = f"{locked.reference}: {verb} for {meeting_on:%-d %B %Y}"
    if refusal:
        summary += " at less than 2 weeks' notice, at the family's request"
    detail = {}
    if late:
        # Overriding the 12-month limit: the reason goes in the audit log as well as on the review.
        summary += f", after the review's due date of {locked.due_on:%-d %B %Y}"
        detail = {"due_on": locked.due_on.isoformat(), "late_reason": late_reason.strip()}
    record(request, Action.UPDATE, child=locked.child, obj=locked, summary=summary, **detail)
    refresh_clock(locked)
    _after_commit([locked.pk], earlier)
    review.refresh_from_db()
    return locked


def default_invitations(child) -> list[Invitation]:
    family = [Invitation(InviteeKind.FAMILY, person) for person in family_for(child)]
    return family + [Invitation(InviteeKind.SCHOOL, user) for user in sencos_for(child.setting)]


@dataclass
class BulkResult:
    scheduled: int = 0
    after_due: int = 0  # meetings that fall after the review's due date: those reviews will be late


def due_at_school(school, due_from, due_to):
    return AnnualReview.objects.filter(
        stage=Stage.DUE, child__setting=school, due_on__gte=due_from, due_on__lte=due_to
    ).order_by("due_on", "pk")


def meeting_slots(first_day, per_day, start_time):
    """Meeting times from `first_day`: `per_day` an hour apart, on weekdays that are not bank holidays."""
    day = first_day if is_working_day(first_day) else add_working_days(first_day, 1)
    while True:
        start = datetime.combine(day, start_time)
        for slot in range(per_day):
            yield day, (start + slot * SLOT).time()
        day = add_working_days(day, 1)


@transaction.atomic
def bulk_schedule(
    request, *, school, due_from, due_to, first_day, per_day, start_time, place="", late_reason=""
) -> BulkResult:
    """Arrange the meetings of every review at `school` due from `due_from` to `due_to`, in one
    transaction: all of them or, if anything is refused, none. Meetings that fall after their
    review's due date need `late_reason`, recorded on each of those reviews, as for one meeting."""
    today = dates.today()
    if due_to < due_from:
        raise OutOfOrder("The end of the date range must be on or after its start")
    if first_day < today:
        raise OutOfOrder("The first meeting day must be today or in the future")
    refusal = short_notice_refusal(first_day, today)
    if refusal:
        raise OutOfOrder(refusal.split(". Choose")[0] + ". Choose a later first meeting day")
    reviews = list(
        due_at_school(school, due_from, due_to)
        .select_for_update(of=("self",))
        .select_related("child__own_account")
    )
    families = families_for(r.child for r in reviews)
    sencos = sencos_for(school)
    result = BulkResult()
    place = place or school.name
    slots = list(zip(reviews, meeting_slots(first_day, per_day, start_time), strict=False))
    late = sum(day > review.due_on for review, (day, _) in slots)
    if late and not late_reason.strip():
        raise OutOfOrder(
            f"{late} of these meetings would fall after their review's due date, so those reviews would "
            "be late. Choose an earlier first meeting day or more meetings a day, or say why"
        )
    for review, (day, time) in slots:
        child = review.child
        is_late = day > review.due_on
        invitations = [Invitation(InviteeKind.FAMILY, p) for p in families[child.pk]]
        invitations += [Invitation(InviteeKind.SCHOOL, user) for user in sencos]
        review.claim_edit()  # a new version: a form opened on the review before is refused
        save(
            request,
            review,
            stage=Stage.SCHEDULED,
            meeting_on=day,
            meeting_at=time,
            meeting_place=place,
            invitations_sent_on=today,
            late_meeting_reason=late_reason.strip() if is_late else "",
        )
        _invite(review, invitations, today)
        summary = f"{review.reference}: meeting arranged for {day:%-d %B %Y} (arranged for the school)"
        detail = {"due_on": review.due_on.isoformat(), "late_reason": late_reason.strip()} if is_late else {}
        record(request, Action.UPDATE, child=child, obj=review, summary=summary, **detail)
        refresh_clock(review)
        result.scheduled += 1
        result.after_due += is_late
    record(
        request,
        Action.UPDATE,
        summary=f"Arranged {result.scheduled} review meetings at {school.name}",
        school=str(school.public_id),
    )
    _after_commit([r.pk for r in reviews])
    return result


__all__ = ["actor", "bulk_schedule", "schedule"]
