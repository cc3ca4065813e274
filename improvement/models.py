"""The improvement plan (Written Statement of Action): areas of weakness, objectives, actions with
their milestones, progress updates and BRAGG ratings, and the board reports issued from it.

Shaped on Bradford's 2022 WSOA (seeds/000): an area has a senior responsible officer, objectives
are numbered 1.1, actions 1.1.1, each with a lead, partners, a timeframe and success measures.
"""

import uuid

from django.conf import settings
from django.db import models

from core.models import VersionedModel


class Rating(models.TextChoices):
    """BRAGG, in the WSOA's words. Every rating is shown with its label, never by colour alone."""

    BLUE = "blue", "Blue: completed and embedded"
    RED = "red", "Red: significantly delayed"
    AMBER = "amber", "Amber: in progress"
    GREEN = "green", "Green: on track"
    GREY = "grey", "Grey: not started or waiting on another action"


# Short labels for tags and tables; the order reports list ratings in.
RATING_SHORT = {"blue": "Blue", "red": "Red", "amber": "Amber", "green": "Green", "grey": "Grey"}
RATING_ORDER = ["red", "amber", "green", "blue", "grey"]
# Red and amber need a narrative saying why, and make up the exception list.
EXCEPTION_RATINGS = ("red", "amber")


class Resource(models.TextChoices):
    EXISTING = "existing", "Existing resource"
    ADDITIONAL = "additional", "Additional resource"


class Area(models.Model):
    """An area of significant weakness from the inspection, owned by a senior responsible officer."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.TextField()
    sro_name = models.CharField("Senior responsible officer", max_length=120)
    sro_role = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"Area {self.number}: {self.title}"


class Objective(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="objectives")
    number = models.CharField(max_length=10, unique=True)  # "1.1"
    position = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["area__number", "position"]

    def __str__(self):
        return f"Objective {self.number}"


class Action(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    number = models.CharField(max_length=12, unique=True)  # "1.1.1"
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_actions"
    )
    # The post named in the plan ("Strategic Manager SEND CBMDC"), kept when the person changes.
    lead_post = models.CharField(max_length=200, blank=True)
    partners = models.TextField(blank=True, help_text="One partner a line")
    timeframe = models.CharField(max_length=200, blank=True)
    resource = models.CharField(max_length=12, choices=Resource.choices, default=Resource.EXISTING)
    rating = models.CharField(max_length=8, choices=Rating.choices, default=Rating.GREY, db_index=True)
    rating_changed_at = models.DateTimeField(null=True, blank=True)
    # The KPIs whose figures show this action's impact.
    kpis = models.ManyToManyField("performance.KPI", blank=True, related_name="actions")

    class Meta:
        ordering = ["objective__area__number", "objective__position", "position"]

    def __str__(self):
        return f"Action {self.number}"

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    @property
    def rating_short(self) -> str:
        return RATING_SHORT[self.rating]


class Milestone(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    due_on = models.DateField()
    measure = models.TextField(help_text="The success measure this milestone is met by")
    met_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return f"{self.action.number} by {self.due_on}"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The rating history is append-only")

    def delete(self):
        raise PermissionError("The rating history is append-only")


class RatingChange(models.Model):
    """One change of an action's rating: who, when, from what, to what and why. Never edited."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="rating_changes")
    changed_at = models.DateTimeField(db_index=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_by_label = models.CharField(max_length=200)
    from_rating = models.CharField(max_length=8, choices=Rating.choices)
    to_rating = models.CharField(max_length=8, choices=Rating.choices)
    reason = models.TextField()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.action.number}: {self.from_rating} to {self.to_rating}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The rating history is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The rating history is append-only")


class ProgressUpdate(models.Model):
    """A dated narrative from the action's lead (or a manager) on how the action is going."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    written_on = models.DateField(db_index=True)
    written_at = models.DateTimeField(db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_label = models.CharField(max_length=200)
    rating = models.CharField(max_length=8, choices=Rating.choices)
    narrative = models.TextField()

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self):
        return f"{self.action.number} update {self.written_on}"


class ReportKind(models.TextChoices):
    """The monitoring schedule of the WSOA (seeds/000, Figure 3)."""

    MONTHLY_KPI = "monthly_kpi", "Monthly KPI report"
    EXCEPTION = "exception", "Bi-monthly exception report"
    QUARTERLY = "quarterly", "Quarterly formal report"
    SCRUTINY = "scrutiny", "Six-monthly scrutiny report"
    ANNUAL = "annual", "Annual report"


# kind -> (audience, months between reports, sections the report holds)
REPORT_KINDS = {
    ReportKind.MONTHLY_KPI: ("SEND Strategic Partnership Board", 1, ("summary", "scorecard")),
    ReportKind.EXCEPTION: (
        "SEND Strategic Partnership Board (exception reporting)",
        2,
        ("summary", "exceptions", "changes"),
    ),
    ReportKind.QUARTERLY: (
        "Partnership Leadership Executive, Children's Health and Care Partnership Board, Council Executive",
        3,
        ("summary", "scorecard", "exceptions", "changes", "actions", "quality"),
    ),
    ReportKind.SCRUTINY: (
        "Children and Young People's Overview and Scrutiny Committee",
        6,
        ("summary", "scorecard", "exceptions", "actions"),
    ),
    ReportKind.ANNUAL: ("Bradford Wellbeing Board", 12, ("summary", "scorecard", "exceptions", "actions")),
}


class Report(models.Model):
    """An issued board report: the frozen JSON of everything it shows and the PDF and Word files
    exactly as sent. Reopening serves these and renders the JSON; nothing is recomputed."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=12, choices=ReportKind.choices)
    title = models.CharField(max_length=200)
    as_of = models.DateField()
    issued_at = models.DateTimeField(db_index=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    snapshot = models.JSONField()
    pdf = models.FileField(upload_to="board-reports/")
    docx = models.FileField(upload_to="board-reports/")
    pdf_sha256 = models.CharField(max_length=64)
    docx_sha256 = models.CharField(max_length=64)
    snapshot_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-issued_at", "-pk"]

    def __str__(self):
        return self.title


class ScheduledReport(models.Model):
    """One report the schedule says is due; action leads are reminded before `due_on`."""

    kind = models.CharField(max_length=12, choices=ReportKind.choices)
    due_on = models.DateField(db_index=True)
    report = models.OneToOneField(
        Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="slot"
    )
    # Claimed by a conditional UPDATE before the reminders go (see improvement.reminders).
    reminders_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "kind"]
        constraints = [models.UniqueConstraint(fields=["kind", "due_on"], name="one_report_of_a_kind_a_day")]

    def __str__(self):
        return f"{self.get_kind_display()} due {self.due_on}"

    @property
    def audience(self) -> str:
        return REPORT_KINDS[self.kind][0]
