"""Families' contributions to plans and reviews: the only code that writes them.

- Section A in the family's words and the child's own ("All about me"): each save is a new version.
- The family's response to a draft plan or proposed amendments: comments by section, the setting
  they want named, whether they want a meeting, within the 15 days the clock engine gives.

Each submission tells the caseworker (an email that never names the child) and is audited.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record
from casework import services as casework_services
from casework.models import AssessmentCase
from clock import dates
from clock.case_events import EventKind, OutOfOrder
from core.concurrency import StaleEditError
from notifications import client
from notifications.messages import RenderedMessage
from notifications.models import Channel, Notification, Status
from people.models import Child
from plans import lifecycle
from plans.codes import SECTIONS, PlanStatus
from plans.models import PlanVersion
from portal.models import DraftComment, DraftResponse, SectionAStatus, SectionAWords, Voice
from reviews import decisions
from reviews.events import OutOfOrder as ReviewOutOfOrder
from reviews.models import AnnualReview, ReviewEvent

logger = logging.getLogger(__name__)

SECTION_A_FIELDS = ("views", "interests", "aspirations", "admired", "important", "support")


class WindowClosed(Exception):
    """The family's time to comment on this draft has ended, or the draft is no longer a draft."""


# Section A, in the family's and the child's words


def section_a_history(child, voice=None):
    rows = SectionAWords.objects.filter(child=child).select_related("written_by")
    return rows.filter(voice=voice) if voice else rows


def latest_words(child, voice) -> SectionAWords | None:
    return section_a_history(child, voice).order_by("-number").first()


def latest_sent(child, voice) -> SectionAWords | None:
    return section_a_history(child, voice).filter(status=SectionAStatus.SUBMITTED).order_by("-number").first()


@transaction.atomic
def save_section_a(request, child, voice, *, values, expected_number, submit, picture=None) -> SectionAWords:
    """A new version of the family's (or the child's) words. `expected_number` is the version the
    form was opened on: if someone else saved since, nothing is saved (StaleEditError)."""
    Child.objects.select_for_update().filter(pk=child.pk).first()  # one writer at a time per child
    latest = latest_words(child, voice)
    current = latest.number if latest else 0
    if expected_number != current:
        raise StaleEditError(StaleEditError.message)
    unknown = set(values) - set(SECTION_A_FIELDS)
    if unknown:
        raise ValueError(f"Section A has no {', '.join(sorted(unknown))}")
    row = SectionAWords(
        child=child,
        voice=voice,
        number=current + 1,
        status=SectionAStatus.SUBMITTED if submit else SectionAStatus.DRAFT,
        written_by=request.user,
        written_at=timezone.now(),
        **values,
    )
    if picture is not None:
        row.picture, row.picture_type = picture.upload, picture.content_type
    elif latest is not None and voice == Voice.CHILD:
        row.picture, row.picture_type = latest.picture.name, latest.picture_type  # kept from before
    row.save()
    what = Voice(voice).label
    summary = f"{'Sent' if submit else 'Saved'} section A words ({what}), version {row.number}"
    record(request, Action.CREATE, child=child, obj=row, summary=summary)
    if submit:
        link = reverse("people:child_detail", args=[child.public_id])
        _tell_caseworker(child, _("A family has sent their views for section A of an EHC plan"), link)
    return row


def section_a_for_staff(child) -> list[SectionAWords]:
    """The latest words each voice sent to the caseworker (drafts stay the family's own)."""
    return [row for voice in Voice if (row := latest_sent(child, voice))]


def copy_into_section_a(words: SectionAWords) -> dict:
    """The plan's Section A fields, filled from the words sent: the child's words go to the child's
    fields and the family's to the parents', kept apart as the Code of Practice asks (9.69)."""
    extra = [
        (_("What people like and admire about me"), words.admired),
        (_("What is important to me"), words.important),
        (_("How best to support me"), words.support),
    ]
    views = "\n\n".join([words.views] + [f"{label}: {text}" for label, text in extra if text]).strip()
    if words.voice == Voice.CHILD:
        return {
            "child_views": views,
            "child_interests": words.interests,
            "child_aspirations": words.aspirations,
        }
    interests = f"{_('What they enjoy and are good at')}: {words.interests}" if words.interests else ""
    return {
        "parent_views": "\n\n".join(p for p in (views, interests) if p),
        "parent_aspirations": words.aspirations,
    }


# The draft plan and the family's 15 days


def served_draft(plan) -> PlanVersion | None:
    """The draft the family was sent and may read; a draft not yet sent is the area's working copy."""
    return (
        PlanVersion.objects.filter(plan=plan, status=PlanStatus.DRAFT, served_on__isnull=False)
        .select_related("named_setting", "case__caseworker")
        .first()
    )


@dataclass(frozen=True)
class CommentWindow:
    last_day: date
    days_left: int  # counting today; 0 once the last day has passed

    @property
    def is_open(self) -> bool:
        return self.days_left > 0


def comment_window(version, today=None) -> CommentWindow:
    """From the clock engine: 15 days for a draft plan (reg 13(1)) or proposed amendments (reg 22)."""
    today = today or dates.today()
    last_day = lifecycle.comments_last_day(version)  # the plans' rule every door uses
    return CommentWindow(last_day, dates.days_left(last_day, today))


def responses_to(version):
    return (
        DraftResponse.objects.filter(version=version)
        .select_related("setting", "submitted_by")
        .prefetch_related("comments")
    )


def responses_to_plan(plan):
    """Every response the family sent about the plan's drafts, newest first (for the staff page)."""
    return (
        DraftResponse.objects.filter(version__plan=plan)
        .select_related("setting", "submitted_by", "version")
        .prefetch_related("comments")
        .order_by("-submitted_at", "-pk")
    )


@transaction.atomic
def respond_to_draft(
    request, version, *, comments, setting=None, setting_name="", wants_meeting=False, meeting_note=""
) -> DraftResponse:
    """Store the family's response; refused once the window has closed or the plan was issued."""
    locked = (
        PlanVersion.objects.select_for_update(of=("self",))
        .select_related("plan__child", "case")
        .get(pk=version.pk)
    )
    if locked.status != PlanStatus.DRAFT or locked.served_on is None:
        raise WindowClosed(_("This draft has been replaced by the final plan, so it is closed for comments."))
    window = comment_window(locked)
    if not window.is_open:
        raise WindowClosed(
            _("The time to comment ended on %(day)s.") % {"day": f"{window.last_day:%-d %B %Y}"}
        )
    unknown = set(comments) - set(SECTIONS)
    if unknown:
        raise ValueError(f"No section {', '.join(sorted(unknown))}")
    response = DraftResponse.objects.create(
        version=locked,
        setting=setting,
        setting_name="" if setting else setting_name,
        wants_meeting=wants_meeting,
        meeting_note=meeting_note if wants_meeting else "",
        submitted_by=request.user,
        submitted_at=timezone.now(),
    )
    DraftComment.objects.bulk_create(
        DraftComment(response=response, section=code, text=text) for code, text in comments.items() if text
    )
    plan = locked.plan
    what = "proposed amendments" if lifecycle.is_amendment(locked) else "draft plan"
    record(request, Action.CREATE, child=plan.child, obj=plan, summary=f"Family commented on the {what}")
    _record_on_clock(request, locked)
    link = reverse("plans:plan_detail", args=[plan.public_id])
    _tell_caseworker(plan.child, _("A family has commented on a draft EHC plan"), link, locked)
    return response


def _record_on_clock(request, version) -> None:
    """The family's comments meet the clock's "family's comments" step, unless already recorded:
    on the assessment case for an assessment's draft (a first plan's or a re-assessment's, which
    starts from the current plan), on the review for proposed amendments."""

    today = dates.today()
    if version.case_id and not lifecycle.is_amendment(version):

        case = version.case
        if not case.events.filter(kind=EventKind.FAMILY_RESPONDED).exists():
            try:
                casework_services.record_event(request, case, EventKind.FAMILY_RESPONDED, today)
            except OutOfOrder as refusal:
                logger.info("Family response not recorded on the case: %s", refusal)
        return
    review = AnnualReview.objects.filter(amendment=version).first()
    if review and not ReviewEvent.objects.filter(review=review, kind="family_commented").exists():
        try:
            decisions.family_commented(request, review, today)
        except ReviewOutOfOrder as refusal:
            logger.info("Family comments not recorded on the review: %s", refusal)


# Telling the caseworker


def caseworker_for(child, version=None):
    """Whoever looks after the child's plan now: the review's caseworker, else the assessment's."""

    if version is not None and version.case_id and version.case.caseworker_id:
        return version.case.caseworker
    review = (
        AnnualReview.objects.filter(child=child, caseworker__isnull=False)
        .select_related("caseworker")
        .order_by("-pk")
        .first()
    )
    if review:
        return review.caseworker
    case = (
        AssessmentCase.objects.filter(child=child, caseworker__isnull=False)
        .select_related("caseworker")
        .order_by("-pk")
        .first()
    )
    return case.caseworker if case else None


def _tell_caseworker(child, subject, link, version=None) -> None:
    worker = caseworker_for(child, version)
    if worker is None or not worker.email:
        return
    message = RenderedMessage(
        subject,
        (
            _("Dear %(name)s,") % {"name": worker},
            _("A family has sent something through the portal. Sign in to read it and use it in the plan."),
        ),
        _("Read what they sent"),
    )
    transaction.on_commit(lambda: _send(worker, message, link), robust=True)


def _send(worker, message, link) -> Notification:
    url = client.absolute_url(link)
    page = {"message": message, "url": url, "area_name": settings.AREA_NAME}
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=render_to_string("notifications/email.txt", page),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[worker.email],
    )
    email.attach_alternative(render_to_string("notifications/email.html", page), "text/html")
    status, error = Status.SENT, ""
    try:
        email.send()
    except OSError as failure:  # smtplib's errors are OSErrors: log, the submission is saved
        logger.warning("Family contribution notice not sent: %s", failure)
        status, error = Status.FAILED, str(failure)[:300]
    return Notification.objects.create(
        user=worker,
        channel=Channel.EMAIL,
        message_type="family_contribution",
        subject=message.subject[:200],
        body=message.text(url),
        link=link[:300],
        status=status,
        error=error,
    )
