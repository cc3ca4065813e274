"""The core of changing a review: starting a cycle, recording a step, refreshing the stored deadline.

Every step is checked against the catalogue (reviews.events), written as a ReviewEvent, audited,
and followed by a refresh of the stored next deadline. The review row is locked while it changes,
and a change made on an older page (`expected_version`) is refused. Meetings, paperwork, decisions
and transfers build on these in their own modules.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max

from audit.models import Action
from audit.services import record
from clock import dates
from clock.reviews import ReviewEventKind
from core.concurrency import StaleEditError
from reviews import timing
from reviews.events import EVENT_TYPES, OutOfOrder, check_can_record
from reviews.models import OPEN_STAGES, AnnualReview, ReviewEvent, Stage

R = ReviewEventKind
CLOSED_STAGES = (Stage.COMPLETED, Stage.CEASED, Stage.CLOSED)
APPEAL_STEP = "appeal_period"


def actor(request):
    """Who is acting: the signed-in user, or None for the system (imports, demo data, jobs)."""
    return request.user if request is not None and request.user.is_authenticated else None


def next_reference(skip: int = 0) -> str:
    last = AnnualReview.objects.aggregate(n=Max("pk"))["n"] or 0
    return f"AR-{last + 1 + skip:06d}"


def stored_clock(review, line) -> dict:
    """The columns that keep the clock's answer on the row, for lists and reminders."""
    if review.stage in CLOSED_STAGES:
        return {"next_deadline": None, "next_step": "", "next_step_key": "", "is_overdue": False}
    step, overdue = timing.open_status(line)
    if step is None and review.stage == Stage.CEASING and review.appeal_deadline:
        # Not a statutory step of the area's: the plan ends once the appeal period is over.
        return {
            "next_deadline": review.appeal_deadline,
            "next_step": "Appeal period ends: record that the plan has ended",
            "next_step_key": APPEAL_STEP,
            "is_overdue": False,
        }
    return {
        "next_deadline": step.due if step else None,
        "next_step": step.label[:120] if step else "",
        "next_step_key": step.key if step else "",
        "is_overdue": overdue,
    }


def refresh_clock(review, today=None):
    """Store the clock's next deadline on the review; returns the timeline."""
    line = timing.review_line(review, today=today)
    columns = stored_clock(review, line)
    for name, value in columns.items():
        setattr(review, name, value)
    AnnualReview.objects.filter(pk=review.pk).update(**columns)
    return line


def _phase_columns(child, due_on) -> dict:
    derived = timing.derived_phase_transfer(child, due_on)
    if derived is None:
        return {}
    kind, move_on = derived
    return {
        "phase_transfer": kind.value,
        "phase_transfer_move_on": move_on,
        "phase_transfer_due": timing.phase_deadline(kind, move_on),
    }


def start_cycle(request, plan, cycle_start, *, caseworker=None) -> AnnualReview | None:
    """Open the review cycle that starts on `cycle_start` (the plan first issued, or the last review
    meeting): its due date from the engine, and a phase transfer if the child changes phase.
    Returns None if the plan already has a cycle waiting for its meeting."""
    child = plan.child
    months, due_on = timing.cycle_terms(child, cycle_start)
    # Two cycles started at the same moment can be given the same next reference; the unique
    # constraint refuses the second, which takes the one after (as casework.services.open_case).
    for attempt in range(10):
        reference = next_reference(skip=attempt)
        try:
            with transaction.atomic():
                review = AnnualReview.objects.create(
                    reference=reference,
                    plan=plan,
                    child=child,
                    caseworker=caseworker,
                    cycle_start=cycle_start,
                    months=months,
                    due_on=due_on,
                    created_by=actor(request),
                    modified_by=actor(request),
                    **_phase_columns(child, due_on),
                )
            break
        except IntegrityError:
            if not AnnualReview.objects.filter(reference=reference).exists():
                return None  # one cycle waiting for its meeting per plan (the database constraint)
            if attempt == 9:
                raise
    ReviewEvent.objects.create(
        review=review, kind=R.CYCLE_STARTED, on=cycle_start, recorded_by=actor(request)
    )
    record(
        request, Action.CREATE, child=child, obj=review, summary=f"{review.reference}: review cycle started"
    )
    refresh_clock(review)
    return review


def history(review) -> list[tuple]:
    return [(R(k), d) for k, d in review.events.values_list("kind", "on")]


def lock(review, expected_version) -> AnnualReview:
    """Claim the review's next version (VersionedModel.claim_edit): the row stays locked until the
    transaction ends, and with `expected_version` a change based on an older page is refused
    (StaleEditError). Returns the review as stored now."""
    AnnualReview.claim(review.pk, expected_version)
    return AnnualReview.objects.select_related("child", "plan").get(pk=review.pk)


def save(request, review, **changes) -> None:
    """Write `changes` to a review claimed by `lock` (its version already counts the edit)."""
    for name, value in changes.items():
        setattr(review, name, value)
    review.modified_by = actor(request)
    review.save()


def write_event(request, review, kind, on, note="") -> ReviewEvent:
    """Check `kind` against the catalogue and write it (the review must already be locked)."""
    check_can_record(kind, on, history(review), dates.today())
    event = ReviewEvent.objects.create(review=review, kind=kind, on=on, note=note, recorded_by=actor(request))
    record(
        request,
        Action.UPDATE,
        child=review.child,
        obj=review,
        summary=f"{review.reference}: {EVENT_TYPES[kind].label}",
    )
    return event


@transaction.atomic
def record_event(request, review, kind, on, *, note="", expected_version=None, **changes) -> ReviewEvent:
    """Record a step on the review if it fits; refuse it with a plain reason otherwise."""
    locked = lock(review, expected_version)
    event = write_event(request, locked, kind, on, note)
    save(request, locked, **changes)
    refresh_clock(locked)
    review.refresh_from_db()
    return event


@transaction.atomic
def allocate(request, review, caseworker) -> None:
    AnnualReview.objects.filter(pk=review.pk).update(caseworker=caseworker)
    review.caseworker = caseworker
    record(request, Action.UPDATE, child=review.child, obj=review, summary=f"{review.reference}: allocated")


@transaction.atomic
def close_open_reviews(request, plan, on, why) -> int:
    """The plan ended another way (moved area, ceased elsewhere): its open reviews are not needed."""
    closed = 0
    for review in AnnualReview.objects.select_for_update().filter(plan=plan, stage__in=OPEN_STAGES):
        review.claim_edit()
        save(request, review, stage=Stage.CLOSED, closed_on=on)
        refresh_clock(review)
        record(request, Action.UPDATE, child=review.child, obj=review, summary=f"{review.reference}: {why}")
        closed += 1
    return closed


__all__ = ["OutOfOrder", "StaleEditError", "record_event", "refresh_clock", "start_cycle"]
