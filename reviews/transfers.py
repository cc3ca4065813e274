"""Plans moving between areas with a family (reg 15; CoP 9.157-9.161).

Out: we send the plan to the new area on the day of the move, or within 15 working days beginning
with the day we learned of it when that was too late (reg 15(2), transfer_out_due); once it is
sent, the plan ends here (SEN2 cease reason 5, on the day it transferred) and its open reviews
close. In: the new area (us) tells the family within 6 weeks of receiving the plan whether it will
reassess (reassessment_decision_due), and reviews the plan by the later of 12 months from its last
review and 3 months from the transfer (reg 15(5)).
"""

from django.db import transaction

from audit.models import Action
from audit.services import record
from clock import dates
from clock.reviews import (
    reassessment_decision_due,
    transfer_out_due,
    transferred_plan_review_due,
)
from plans.codes import CeaseReason
from reviews import plan_link
from reviews.events import OutOfOrder
from reviews.models import Direction, Transfer
from reviews.services import actor, close_open_reviews


def due_date(direction, started_on, moved_on=None):
    if direction == Direction.OUT:
        return transfer_out_due(started_on, moved_on)
    return reassessment_decision_due(started_on)


def review_due(transfer):
    """In: when we must review the transferred plan (reg 15(5)); None without the plan here."""
    if transfer.direction != Direction.IN or transfer.plan is None:
        return None
    held = transfer.plan.annual_reviews.filter(meeting_held_on__lte=transfer.started_on)
    last = held.order_by("-meeting_held_on").values_list("meeting_held_on", flat=True).first()
    last = last or transfer.plan.first_issued_on
    return transferred_plan_review_due(last, transfer.started_on) if last else None


@transaction.atomic
def open_transfer(
    request, *, direction, child, plan, other_area, started_on, moved_on=None, note=""
) -> Transfer:
    if started_on > dates.today():
        raise OutOfOrder("The date cannot be in the future")
    if direction == Direction.OUT and plan is None:
        raise OutOfOrder("This child has no live EHC plan here to transfer")
    transfer = Transfer.objects.create(
        direction=direction,
        child=child,
        plan=plan,
        other_area=other_area,
        started_on=started_on,
        moved_on=moved_on,
        due_on=due_date(direction, started_on, moved_on),
        note=note,
        created_by=actor(request),
        modified_by=actor(request),
    )
    record(request, Action.CREATE, child=child, obj=transfer, summary=f"Plan transfer recorded: {transfer}")
    return transfer


@transaction.atomic
def complete(request, transfer, on, *, decision="", expected_version=None) -> Transfer:
    """Out: the plan was sent to the new area on `on`. In: the family was told our decision."""
    Transfer.claim(transfer.pk, expected_version)  # refused (StaleEditError) if changed since the page opened
    locked = Transfer.objects.select_related("plan").get(pk=transfer.pk)
    if locked.done_on is not None:
        raise OutOfOrder("This transfer has already been completed")
    if on > dates.today():
        raise OutOfOrder("The date cannot be in the future")
    if on < locked.started_on:
        raise OutOfOrder(f"The date cannot be before {locked.started_on:%-d %B %Y}")
    if locked.direction == Direction.IN and not decision:
        raise OutOfOrder("Choose whether we will reassess")
    if locked.direction == Direction.OUT:
        # SEN2: the cease date of a transferred plan is the day it transferred, reason 5.
        try:
            plan_link.cease(request, locked.plan, on, CeaseReason.TRANSFERRED)
        except plan_link.plan_error_types() as error:
            raise OutOfOrder(str(error)) from error
        close_open_reviews(request, locked.plan, on, "closed: the plan moved to another area")
    locked.done_on = on
    locked.decision = decision
    locked.modified_by = actor(request)
    locked.save()
    record(
        request, Action.UPDATE, child=locked.child, obj=locked, summary=f"Plan transfer completed: {locked}"
    )
    transfer.refresh_from_db()
    return locked
