"""Paperwork from the school and views from the family, sent for the meeting (reg 20(4)).

A SENCo sends the school's paperwork through their own login for pupils on roll at their school;
a parent (or a young person, for themselves) adds the family's views. Either can be sent again
until the meeting is held: the newer one replaces the older.
"""

from django.db import transaction

from audit.models import Action
from audit.services import record
from clock import dates
from reviews.events import OutOfOrder
from reviews.models import AWAITING_MEETING, AnnualReview, Contribution, ContributionKind, ReviewDocument
from reviews.services import actor


def why_not_contribute(review) -> str | None:
    """Why paperwork or views cannot be sent for the meeting now; the page shows the same words."""
    if review.stage not in AWAITING_MEETING:
        return "The review meeting has been held: contact the caseworker with anything more"
    return None


def _submit(request, review, kind, fields, attachment=None) -> Contribution:
    # One writer at a time per review; paperwork is not an edit of the review, so a caseworker's
    # form opened before it arrived stays valid (no new version).
    rows = AnnualReview.objects.select_for_update(of=("self",)).select_related("child", "plan")
    locked = rows.get(pk=review.pk)
    refusal = why_not_contribute(locked)
    if refusal:
        raise OutOfOrder(refusal)
    contribution, created = Contribution.objects.update_or_create(
        review=locked,
        kind=kind,
        defaults={
            "submitted_on": dates.today(),
            "modified_by": actor(request),
            **fields,
        },
        create_defaults={"submitted_on": dates.today(), "created_by": actor(request), **fields},
    )
    if attachment is not None:
        # Already checked like every upload (core.uploads.check_upload): a CheckedUpload.
        ReviewDocument.objects.create(
            review=locked,
            contribution=contribution,
            title=attachment.title,
            file=attachment.upload,
            content_type=attachment.content_type,
        )
    label = ContributionKind(kind).label
    summary = f"{locked.reference}: {label.lower()} {'sent' if created else 'sent again'}"
    record(
        request, Action.CREATE if created else Action.UPDATE, child=locked.child, obj=locked, summary=summary
    )
    return contribution


@transaction.atomic
def submit_paperwork(request, review, *, views, progress, proposed_changes, attachment=None) -> Contribution:
    """`progress` is [{"outcome": ..., "progress": ...}]: one entry per outcome of the current plan;
    `attachment` a file checked by core.uploads.check_upload, or None."""
    return _submit(
        request,
        review,
        ContributionKind.SCHOOL,
        {"views": views, "progress": progress, "proposed_changes": proposed_changes},
        attachment,
    )


@transaction.atomic
def add_family_views(request, review, *, views, proposed_changes="", attachment=None) -> Contribution:
    return _submit(
        request,
        review,
        ContributionKind.FAMILY,
        {"views": views, "proposed_changes": proposed_changes},
        attachment,
    )
