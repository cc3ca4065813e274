"""Disagreement resolution: mediation, tribunal appeals with their orders, and complaints.

Due dates come from the clock engine (clock.disagreements) and are stored by the
services, so lists of what is due or overdue are one query."""

import secrets
import uuid

from django.conf import settings
from django.db import models

from clock.disagreements import ORDER_PERIODS, order_deadlines
from core.models import TimeStampedModel, VersionedModel


class About(models.TextChoices):
    """Which decision is disputed: SEN2 reports mediation and tribunals against the request
    (a decision not to assess), the assessment (not to issue a plan), or other matters."""

    REQUEST = "request", "The decision not to carry out an assessment"
    ASSESSMENT = "assessment", "The decision not to issue a plan"
    # SEN2 OtherMediation / OtherTribunal: anything else, such as what an issued plan says.
    OTHER = "other", "What an issued plan says, or another decision"


class MediationOutcome(models.TextChoices):
    AGREED = "agreed", "Agreement reached"
    PARTLY = "partly", "Agreement on some issues"
    NOT_AGREED = "not_agreed", "No agreement"
    WITHDRAWN = "withdrawn", "Withdrawn"


class MediationCase(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="mediations")
    case = models.ForeignKey(
        "casework.AssessmentCase", null=True, blank=True, on_delete=models.PROTECT, related_name="mediations"
    )
    about = models.CharField("What the disagreement is about", max_length=20, choices=About.choices)
    requested_on = models.DateField("Date the family contacted the mediation adviser")
    information_only = models.BooleanField(
        "The family only wanted information about mediation", default=False
    )
    certificate_issued_on = models.DateField("Date the certificate was issued", null=True, blank=True)
    held_on = models.DateField("Date mediation was held", null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=MediationOutcome.choices, blank=True)
    # From the clock engine, kept for lists: the certificate (when known) and the meeting.
    certificate_due_on = models.DateField(null=True, blank=True, db_index=True)
    mediation_due_on = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-requested_on", "-pk"]

    def __str__(self):
        return f"Mediation asked for on {self.requested_on:%-d %B %Y}"


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", "Appeal upheld"
    PARTLY = "partly", "Appeal partly upheld"
    DISMISSED = "dismissed", "Appeal dismissed"
    CONCEDED = "conceded", "Conceded by the area"
    WITHDRAWN = "withdrawn", "Withdrawn by the family"


class TribunalAppeal(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="tribunal_appeals")
    case = models.ForeignKey(
        "casework.AssessmentCase", null=True, blank=True, on_delete=models.PROTECT, related_name="appeals"
    )
    about = models.CharField("What the appeal is about", max_length=20, choices=About.choices)
    registered_on = models.DateField("Date the tribunal registered the appeal")
    grounds = models.TextField("Grounds of appeal")
    hearing_on = models.DateField("Hearing date", null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=AppealOutcome.choices, blank=True)
    decided_on = models.DateField("Date of the decision", null=True, blank=True)

    class Meta:
        ordering = ["-registered_on", "-pk"]

    def __str__(self):
        return f"Appeal registered on {self.registered_on:%-d %B %Y}"


ORDER_KIND_CHOICES = [(kind.value, label) for kind, (label, _weeks, _source) in ORDER_PERIODS.items()]


class TribunalOrder(TimeStampedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    appeal = models.ForeignKey(TribunalAppeal, on_delete=models.CASCADE, related_name="orders")
    kind = models.CharField("What the tribunal ordered", max_length=20, choices=ORDER_KIND_CHOICES)
    made_on = models.DateField("Date of the order")
    due_on = models.DateField(db_index=True)  # from the clock engine (reg 44(2))
    complied_on = models.DateField("Date the area complied", null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    @property
    def deadlines(self):
        """Every time limit the order sets, each with its regulation: reg 44(2), or reg 45 for an
        appeal the area conceded (counted from the day it told the tribunal, the order's date)."""
        conceded = self.appeal.outcome == AppealOutcome.CONCEDED
        return order_deadlines(self.kind, self.made_on, conceded=conceded)


class Complaint(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    complainant = models.CharField("Who made the complaint", max_length=200)
    summary = models.TextField("What the complaint is about")
    received_on = models.DateField("Date the complaint was received")
    response_due_on = models.DateField(db_index=True)  # from the clock engine
    responded_on = models.DateField("Date of the response", null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]


# --- Surveys ------------------------------------------------------------------------------------


def new_token() -> str:
    """An unguessable link token (256 bits), the only key to an invitation's answer page."""
    return secrets.token_urlsafe(32)


class Audience(models.TextChoices):
    FAMILIES = "families", "Families"
    YOUNG_PEOPLE = "young_people", "Young people"
    SCHOOLS = "schools", "Schools"
    PARTNERS = "partners", "Partners"
    TRAINING = "training", "Training participants"


class Measure(models.TextChoices):
    """A question whose answers feed a KPI (performance.sources)."""

    KEPT_INFORMED = "kept_informed", "% of parents who feel kept informed"


class Survey(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    anonymous = models.BooleanField(
        "Answers are anonymous",
        default=True,
        help_text="Anonymous answers keep no link to the person who gave them",
    )
    open_by_link = models.BooleanField("Anyone with the survey's link may answer", default=False)
    link_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    opens_on = models.DateField("Opens on")
    closes_on = models.DateField("Closes on")
    opened_at = models.DateTimeField(null=True, blank=True)  # set when a manager opens it

    class Meta:
        ordering = ["-opens_on", "-pk"]

    def __str__(self):
        return self.title

    def is_open_on(self, day) -> bool:
        return self.opened_at is not None and self.opens_on <= day <= self.closes_on


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Choose one answer"
    MULTIPLE = "multiple", "Choose any answers that apply"
    RATING = "rating", "Rating scale (1 to 5)"
    TEXT = "text", "Free text"


RATING_MAX = 5


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField("Type of question", max_length=10, choices=QuestionKind.choices)
    text = models.CharField("Question", max_length=300)
    hint = models.CharField("Hint", max_length=300, blank=True)
    required = models.BooleanField("An answer is needed", default=True)
    options = models.TextField("Answers to choose from", blank=True)  # one a line
    measure = models.CharField(max_length=20, choices=Measure.choices, blank=True)
    # The options (one a line) that count as "yes" for the measure; a rating counts at 4 or 5.
    positive_options = models.TextField(blank=True)

    class Meta:
        ordering = ["survey", "position", "pk"]

    def __str__(self):
        return self.text

    @property
    def option_list(self) -> list[str]:
        if self.kind == QuestionKind.RATING:
            return [str(n) for n in range(1, RATING_MAX + 1)]
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def is_positive(self, answer) -> bool:
        if self.kind == QuestionKind.RATING:
            return answer.rating is not None and answer.rating >= RATING_MAX - 1
        positive = {line.strip() for line in self.positive_options.splitlines() if line.strip()}
        return bool(set(answer.choices or []) & positive)


class Invitation(models.Model):
    """One person's unique link to answer a survey. For an anonymous survey the answer keeps no
    link back to this row: only `answered_at` records that this link was used."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    parent_carer = models.ForeignKey(
        "people.ParentCarer", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(max_length=10, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "parent_carer"], name="survey_invited_family_once"),
            models.UniqueConstraint(fields=["survey", "user"], name="survey_invited_user_once"),
        ]

    def __str__(self):
        return f"Invitation to {self.survey}"


class SurveyResponse(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # Null for anonymous surveys and answers by the open link.
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    submitted_on = models.DateField(db_index=True)

    class Meta:
        ordering = ["-submitted_on", "-pk"]

    def __str__(self):
        return f"Answers to {self.survey} on {self.submitted_on}"


class Answer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choices = models.JSONField(default=list, blank=True)  # the options chosen
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    def __str__(self):
        return f"Answer to {self.question}"


class TrainingPair(TimeStampedModel):
    """A course's before and after surveys: the difference shows the training's impact."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.CharField("Course", max_length=200)
    before = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="+")
    after = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["course"]


# --- "You said, we did" and youth voice ----------------------------------------------------------


class ThemeSource(models.TextChoices):
    SURVEY = "survey", "Surveys"
    COMPLAINTS = "complaints", "Complaints"
    FEEDBACK = "feedback", "Feedback"
    YOUTH_FORUM = "youth_forum", "The youth forum"


class YouSaid(VersionedModel):
    """A theme heard from families, young people or partners, and what the service did about it.
    Published themes appear on the public "You said, we did" page."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source = models.CharField("Where we heard it", max_length=20, choices=ThemeSource.choices)
    survey = models.ForeignKey(Survey, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    you_said = models.TextField("You said")
    we_did = models.TextField("We did", blank=True)
    heard_on = models.DateField("When we heard it")
    published = models.BooleanField("Show on the public page", default=False)

    class Meta:
        ordering = ["-heard_on", "-pk"]

    def __str__(self):
        return self.you_said[:60]


class ForumSession(TimeStampedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    held_on = models.DateField("Date of the session")
    topic = models.CharField("Topic", max_length=200)
    attendance = models.PositiveSmallIntegerField("Young people who came")

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.topic} ({self.held_on:%-d %B %Y})"


class ProposalOutcome(models.TextChoices):
    WAITING = "waiting", "Waiting for a decision"
    AGREED = "agreed", "Agreed"
    PARTLY = "partly", "Partly agreed"
    NOT_AGREED = "not_agreed", "Not agreed"


class ForumProposal(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(ForumSession, on_delete=models.CASCADE, related_name="proposals")
    proposal = models.TextField("What the young people proposed")
    outcome = models.CharField(
        max_length=20, choices=ProposalOutcome.choices, default=ProposalOutcome.WAITING
    )
    response = models.TextField("What happened, in words the forum will understand", blank=True)
    decided_on = models.DateField("Date of the decision", null=True, blank=True)

    class Meta:
        ordering = ["session", "pk"]

    def __str__(self):
        return self.proposal[:60]
