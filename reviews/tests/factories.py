"""Reviews for tests, made through the real services (request None: the system acts).

A plan from plans.tests.factories is issued on 27 July 2026, so its first review is due by
26 July 2027 (within 12 months, CFA s.44(1)). `at(day)` runs code as if today were `day`.
"""

from contextlib import contextmanager
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import time_machine

from plans.tests.factories import issued_plan
from reviews import decisions, meetings
from reviews.models import AnnualReview, InviteeKind

DUE_ON = date(2027, 7, 26)
MEETING_ON = date(2027, 6, 21)  # a Monday, 3 weeks after the invitations of 31 May
INVITED_ON = date(2027, 5, 31)
LONDON = ZoneInfo("Europe/London")


@contextmanager
def at(day: date):
    with time_machine.travel(datetime.combine(day, time(10), tzinfo=LONDON), tick=False):
        yield


def review_for(child, caseworker=None) -> AnnualReview:
    """The first review cycle of a newly issued plan for `child` (started by the plan signal)."""
    plan, _ = issued_plan(child, caseworker)
    review = AnnualReview.objects.get(plan=plan)
    if caseworker is not None and review.caseworker_id is None:
        AnnualReview.objects.filter(pk=review.pk).update(caseworker=caseworker)
        review.refresh_from_db()
    return review


def scheduled(review, meeting_on=MEETING_ON, invited_on=INVITED_ON, senco=None) -> AnnualReview:
    invitations = meetings.default_invitations(review.child)
    if senco is not None:
        invitations.append(meetings.Invitation(InviteeKind.SCHOOL, senco))
    with at(invited_on):
        meetings.schedule(
            None,
            review,
            meeting_on=meeting_on,
            place="The school",
            invitations=invitations,
            late_reason="Arranged late in the test",  # recorded only if the meeting is after the due date
        )
    review.refresh_from_db()
    return review


def held(review, on=MEETING_ON) -> AnnualReview:
    with at(on):
        decisions.meeting_held(None, review, on)
    return review


def reported(review, on=date(2027, 6, 28)) -> AnnualReview:
    with at(on):
        decisions.report_sent(None, review, on)
    return review


def decided(
    review, decision, on=date(2027, 7, 5), reasons="Agreed at the meeting", cease_reason=""
) -> AnnualReview:
    with at(on):
        decisions.decide(None, review, decision, on, reasons, cease_reason=cease_reason)
    return review


STAGES = ["due", "scheduled", "held", "reported"]


def review_at(child, stage, caseworker=None) -> AnnualReview:
    """A review moved to `stage`: due, scheduled, held, reported, amending, ceasing, completed."""
    review = review_for(child, caseworker)
    reached = STAGES.index(stage) if stage in STAGES else len(STAGES) - 1
    for step in (scheduled, held, reported)[:reached]:
        step(review)
    if stage in ("amending", "ceasing", "completed"):
        decision = {"amending": "amend", "ceasing": "cease", "completed": "maintain"}[stage]
        decided(review, decision, cease_reason="2" if decision == "cease" else "")
    review.refresh_from_db()
    return review


def quick_review(child, cycle_start, caseworker=None) -> AnnualReview:
    """A review cycle without the assessment behind it: a plan row and its cycle (for lists)."""
    from plans.models import EHCPlan
    from reviews.services import start_cycle

    plan = EHCPlan.objects.create(child=child, first_issued_on=cycle_start)
    return start_cycle(None, plan, cycle_start, caseworker=caseworker)
