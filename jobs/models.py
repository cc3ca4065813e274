"""A Job is one long piece of work a person started (a return, a report, an import): who started
it, how far it has got, and how it ended. The work itself runs in a django-tasks worker; the Job is
what the person's browser polls. A ScheduledRun is the claim a scheduled task makes on its period,
so that two workers never run the same night's reminders twice."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from jobs import registry


class Status(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "In progress"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"


FINISHED = (Status.SUCCEEDED, Status.FAILED)

# A job waiting this long for a worker is worth a word on its page.
WORKER_WAIT = timedelta(minutes=1)
NO_WORKER = "The background worker is not running. Tell your administrator."
BEHIND_OTHERS = "Other jobs are running first. This one will start when a worker is free."


class Job(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=80, db_index=True)
    title = models.CharField(max_length=200)
    params = models.JSONField(default=dict, blank=True)
    # An uploaded file the job reads (an import); dropped once the job has succeeded.
    input_data = models.BinaryField(null=True, blank=True, editable=False)
    input_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    stage = models.CharField(max_length=200, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    can_retry = models.BooleanField(default=True)  # False when trying again cannot help (a bad file)
    result = models.JSONField(null=True, blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    result_label = models.CharField(max_length=200, blank=True)
    result_file = models.BinaryField(null=True, blank=True, editable=False)
    result_file_name = models.CharField(max_length=200, blank=True)
    result_content_type = models.CharField(max_length=100, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # When it last went into the queue (started, tried again, or restarted after it got stuck): how
    # long it has waited for a worker is counted from here.
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Written by the worker while it runs the job (jobs.heartbeat): older than
    # JOB_HEARTBEAT_STALE_SECONDS, the worker has gone and the job is started again or failed.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int:
        if self.status == Status.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def waiting_notice(self) -> str:
        """Why a queued job has not started, once it has waited WORKER_WAIT (else ""): if other jobs
        are running within their kinds' time limits a worker is alive and busy; otherwise none is
        running."""
        now = timezone.now()
        if self.status != Status.QUEUED or (self.queued_at or self.created_at) > now - WORKER_WAIT:
            return ""
        others = Job.objects.filter(status=Status.RUNNING).exclude(pk=self.pk)
        running = others.values_list("kind", "started_at")
        if any(started and started > now - registry.time_limit(kind) for kind, started in running):
            return BEHIND_OTHERS
        return NO_WORKER


class ScheduledRun(models.Model):
    """One scheduled task's claim on one period (a day): the unique pair is the lock."""

    name = models.CharField(max_length=80)
    period = models.CharField(max_length=40)
    claimed_at = models.DateTimeField(auto_now_add=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "period"], name="one_run_per_period")]

    def __str__(self):
        return f"{self.name} {self.period}"
