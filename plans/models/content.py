"""A version's structured content: needs (B, C, D), outcomes (E), provision (F, G, H1, H2) and the
advice it drew on (K). Items carry a `key` that stays the same when an amendment copies them, so
two versions can be compared item by item. Items of an issued version cannot be saved, deleted or
relinked (the receiver below guards the links)."""

import uuid

from django.db import models
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from casework.models import AdviserType
from clock.dates import KEY_STAGES
from people import codelists
from plans.codes import GroupSize, NeedArea, NeedRank, NeedSection, PfaArea, PlanStatus, ProvisionSection
from plans.errors import IssuedVersionError
from plans.models.plan import PlanVersion


def _refuse_if_issued(version_id):
    if PlanVersion.objects.filter(pk=version_id, status=PlanStatus.ISSUED).exists():
        raise IssuedVersionError()


class PlanItemQuerySet(models.QuerySet):
    """Bulk changes are refused too when they would touch an issued version's items."""

    def _refuse_if_any_issued(self):
        if self.filter(version__status=PlanStatus.ISSUED).exists():
            raise IssuedVersionError()

    def update(self, **kwargs):
        self._refuse_if_any_issued()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_if_any_issued()
        return super().delete()


class PlanItem(models.Model):
    version = models.ForeignKey("plans.PlanVersion", on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    order = models.PositiveSmallIntegerField(default=0)

    objects = PlanItemQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def save(self, *args, **kwargs):
        _refuse_if_issued(self.version_id)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse_if_issued(self.version_id)
        return super().delete(*args, **kwargs)


class Need(PlanItem):
    version = models.ForeignKey("plans.PlanVersion", on_delete=models.CASCADE, related_name="needs")
    section = models.CharField(max_length=1, choices=NeedSection.choices, default=NeedSection.EDUCATION)
    area = models.CharField("Area of need", max_length=20, choices=NeedArea.choices, blank=True)
    sen_type = models.CharField("Type of need", max_length=4, choices=codelists.SEN_TYPE, blank=True)
    rank = models.CharField("Primary or secondary need", max_length=1, choices=NeedRank.choices, blank=True)
    description = models.TextField("What they need help with")

    class Meta(PlanItem.Meta):
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="one_need_per_key")]

    def __str__(self):
        return self.description[:60]


class Outcome(PlanItem):
    version = models.ForeignKey("plans.PlanVersion", on_delete=models.CASCADE, related_name="outcomes")
    description = models.TextField("What they will be able to do")
    target_date = models.DateField("By when", null=True, blank=True)
    key_stage = models.CharField("By the end of", max_length=6, choices=KEY_STAGES, blank=True)
    pfa_area = models.CharField(
        "Preparing for adulthood area", max_length=20, choices=PfaArea.choices, blank=True
    )
    needs = models.ManyToManyField(Need, related_name="outcomes", blank=True)

    class Meta(PlanItem.Meta):
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="one_outcome_per_key")]

    def __str__(self):
        return self.description[:60]


class Provision(PlanItem):
    version = models.ForeignKey("plans.PlanVersion", on_delete=models.CASCADE, related_name="provision")
    section = models.CharField(
        max_length=2, choices=ProvisionSection.choices, default=ProvisionSection.EDUCATION
    )
    what = models.TextField("What help")
    who = models.CharField("Who gives it", max_length=200, blank=True)
    frequency = models.CharField("How often", max_length=100, blank=True)
    duration = models.CharField("For how long each time", max_length=100, blank=True)
    group_size = models.CharField(
        "In what size of group", max_length=12, choices=GroupSize.choices, blank=True
    )
    needs = models.ManyToManyField(Need, related_name="provision", blank=True)
    outcomes = models.ManyToManyField(Outcome, related_name="provision", blank=True)

    class Meta(PlanItem.Meta):
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="one_provision_per_key")]

    def __str__(self):
        return self.what[:60]


class AdviceEntry(PlanItem):
    """Section K: one piece of advice the plan drew on, with the date it was received."""

    version = models.ForeignKey("plans.PlanVersion", on_delete=models.CASCADE, related_name="advice")
    adviser_type = models.CharField("Advice from", max_length=20, choices=AdviserType.choices)
    adviser = models.CharField("Who gave it", max_length=200, blank=True)
    received_on = models.DateField("Date received", null=True, blank=True)
    summary = models.TextField("What it says", blank=True)
    advice_request = models.ForeignKey(
        "casework.AdviceRequest", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(PlanItem.Meta):
        ordering = ["received_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="one_advice_per_key")]

    def __str__(self):
        return f"{self.get_adviser_type_display()} {self.received_on}"


GUARDED_LINKS = (Outcome.needs.through, Provision.needs.through, Provision.outcomes.through)


@receiver(m2m_changed)
def refuse_relinking_issued_items(sender, instance, action, **kwargs):
    """The golden thread of an issued version is part of what was issued: its links stay as they are."""
    if sender in GUARDED_LINKS and action in ("pre_add", "pre_remove", "pre_clear"):
        _refuse_if_issued(instance.version_id)
