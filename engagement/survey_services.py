"""The only code that changes surveys: building them, opening them, sending invitations through the
notifications app, and saving answers (one per invitation, none after the survey closes)."""

from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import ProfessionalType, Role
from audit.models import Action
from audit.services import record
from clock import dates
from engagement.models import (
    Answer,
    Audience,
    Invitation,
    Question,
    QuestionKind,
    Survey,
    SurveyResponse,
    TrainingPair,
)
from engagement.services import Refused
from notifications import client, delivery
from notifications.messages import RenderedMessage
from notifications.services import recipient_for
from people.models import ParentCarer

INVITATION_KIND = "survey_invitation"
PARTNER_TYPES = (
    ProfessionalType.EDUCATIONAL_PSYCHOLOGIST,
    ProfessionalType.HEALTH,
    ProfessionalType.SOCIAL_CARE,
)
# Who each audience's invitations go to; training participants answer by the open link.
AUDIENCE_PEOPLE = {
    Audience.YOUNG_PEOPLE: Q(role=Role.YOUNG_PERSON),
    Audience.SCHOOLS: Q(role=Role.PROFESSIONAL, professional_type=ProfessionalType.SENCO),
    Audience.PARTNERS: Q(role__in=(Role.DCO, Role.DSCO))
    | Q(role=Role.PROFESSIONAL, professional_type__in=PARTNER_TYPES),
}


def _dates(survey):
    if survey.closes_on < survey.opens_on:
        raise Refused("closes_on", "The closing date must be on or after the opening date")


def create_survey(request, user, **fields) -> Survey:
    survey = Survey(**fields)
    _dates(survey)
    with transaction.atomic():
        survey.created_by = survey.modified_by = user
        survey.save()
        record(request, Action.CREATE, obj=survey, user=user, summary="Created a survey")
    return survey


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def add_question(request, user, survey, **fields) -> Question:
    """A question at the end of a survey not yet opened. Choice questions need two answers to
    choose from; a question that feeds a measure says which answers count as yes."""
    if survey.opened_at is not None:
        raise Refused(None, "Questions cannot be added once the survey is open")
    kind = fields["kind"]
    options = _lines(fields.get("options"))
    positive = _lines(fields.get("positive_options"))
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        if len(options) < 2:
            raise Refused("options", "Enter at least 2 answers to choose from, one on each line")
        if len(set(options)) != len(options):
            raise Refused("options", "Each answer to choose from must be different")
    else:
        options = []
    if fields.get("measure"):
        if kind == QuestionKind.TEXT:
            raise Refused("measure", "A free text question cannot feed a measure")
        if kind != QuestionKind.RATING and not positive:
            raise Refused("positive_options", "Enter the answers that count as yes for the measure")
    unknown = [p for p in positive if p not in options]
    if kind != QuestionKind.RATING and unknown:
        raise Refused("positive_options", f"'{unknown[0]}' is not one of the answers to choose from")
    fields["options"] = "\n".join(options)
    fields["positive_options"] = "\n".join(positive) if kind != QuestionKind.RATING else ""
    with transaction.atomic():
        last = survey.questions.aggregate(last=Max("position"))["last"]
        question = Question.objects.create(survey=survey, position=(last or 0) + 1, **fields)
        record(request, Action.UPDATE, obj=survey, user=user, summary="Added a survey question")
    return question


def move_question(request, user, question, direction: str) -> None:
    """Swap a question with the one above ("up") or below ("down")."""
    survey = question.survey
    if survey.opened_at is not None:
        raise Refused(None, "Questions cannot be moved once the survey is open")
    with transaction.atomic():
        ordered = list(survey.questions.select_for_update().order_by("position", "pk"))
        index = ordered.index(question)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(ordered):
            return
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, item in enumerate(ordered, start=1):
            if item.position != position:
                Question.objects.filter(pk=item.pk).update(position=position)
        record(request, Action.UPDATE, obj=survey, user=user, summary="Reordered survey questions")


def open_survey(request, user, survey) -> Survey:
    if not survey.questions.exists():
        raise Refused(None, "Add at least one question before opening the survey")
    if survey.closes_on < dates.today():
        raise Refused(None, "The closing date has passed: the survey cannot be opened")
    with transaction.atomic():
        survey.opened_at = timezone.now()
        survey.modified_by = user
        survey.save(update_fields=["opened_at", "modified_by", "modified_at"])
        record(request, Action.UPDATE, obj=survey, user=user, summary="Opened a survey")
    return survey


def audience_people(survey):
    """Everyone the survey's invitations go to (ParentCarers for families, else Users)."""

    if survey.audience == Audience.FAMILIES:
        return list(ParentCarer.objects.order_by("pk"))
    who = AUDIENCE_PEOPLE.get(survey.audience)
    if who is None:
        return []
    return list(User.objects.filter(who, is_active=True).order_by("pk"))


def invitation_message(survey) -> RenderedMessage:
    closes = f"{survey.closes_on:%-d %B %Y}"
    paragraphs = [
        f"We would like to hear what you think: '{survey.title}'.",
        f"The survey closes on {closes}.",
    ]
    if survey.anonymous:
        paragraphs.append("Your answers are anonymous: they are not linked to your name.")
    return RenderedMessage("Tell us what you think", tuple(paragraphs), "Answer the survey")


def check_can_send(survey) -> None:
    if survey.opened_at is None or not survey.is_open_on(dates.today()):
        raise Refused(None, "Open the survey before sending it")


def send_invitations(request, user, survey, progress=None) -> dict:
    """Invite everyone in the survey's audience not yet invited, each by the channel they prefer.
    Safe to run again: nobody is invited twice. A failed message is logged, not raised.
    `progress(done, total, stage)` hears how many have been sent (a background job's progress bar)."""
    check_can_send(survey)
    progress = progress or (lambda *args, **kwargs: None)
    family = survey.audience == Audience.FAMILIES
    invited = set(survey.invitations.values_list("parent_carer_id" if family else "user_id", flat=True))
    people = [p for p in audience_people(survey) if p.pk not in invited]
    message = invitation_message(survey)
    channels = client.get_notifier().channels
    counts = {"invited": 0, "failed": 0}
    progress(0, len(people), "Sending invitations")
    for person in people:
        recipient = recipient_for(person, channels)
        with transaction.atomic():
            invitation = Invitation.objects.create(
                survey=survey,
                parent_carer=person if family else None,
                user=None if family else person,
                channel=recipient.channel,
            )
            link = reverse("surveys:answer", args=[invitation.token])
            status, error = delivery.deliver(recipient, INVITATION_KIND, message, link)
            delivery.log(person, recipient.channel, INVITATION_KIND, message, link, status, error)
        counts["invited"] += 1
        counts["failed"] += status == "failed"
        progress(counts["invited"])
    record(request, Action.UPDATE, obj=survey, user=user, summary="Sent survey invitations", **counts)
    return counts


def submit(survey, invitation, answers: dict, today=None) -> SurveyResponse:
    """Save one set of answers ({question: value}). Refused after the survey closes, and for an
    invitation already used (checked and marked in one update, so two submits cannot both win).
    An anonymous answer keeps no link to the invitation, and is not audited with the request
    (its address and time would point back to the person)."""
    today = today or dates.today()
    if not survey.is_open_on(today):
        raise Refused(None, "This survey is closed: answers can no longer be sent")
    with transaction.atomic():
        if invitation is not None:
            marked = Invitation.objects.filter(pk=invitation.pk, answered_at__isnull=True).update(
                answered_at=timezone.now()
            )
            if not marked:
                raise Refused(None, "An answer has already been sent using this link")
        response = SurveyResponse.objects.create(
            survey=survey,
            invitation=None if survey.anonymous else invitation,
            submitted_on=today,
        )
        rows = []
        for question, value in answers.items():
            if value in (None, "", []):
                continue
            answer = Answer(response=response, question=question)
            if question.kind == QuestionKind.RATING:
                answer.rating = int(value)
            elif question.kind == QuestionKind.TEXT:
                answer.text = value.strip()
            else:
                answer.choices = list(value) if isinstance(value, list | tuple) else [value]
            rows.append(answer)
        Answer.objects.bulk_create(rows)
    return response


def pair_training(request, user, course: str, before, after) -> TrainingPair:
    if before.pk == after.pk:
        raise Refused("after", "Choose a different survey for after the course")
    with transaction.atomic():
        pair = TrainingPair.objects.create(
            course=course, before=before, after=after, created_by=user, modified_by=user
        )
        record(request, Action.CREATE, obj=pair, user=user, summary="Paired training surveys")
    return pair
