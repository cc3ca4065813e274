"""A plan version's quality checks as they were last judged (plans/stored_checks.py), so the plan
quality page reads 20,000 stored rows instead of judging 20,000 plans in the request. Kept per
school year: a child's year group and key stage, which some checks read, change each September."""

from django.db import models


class QualityResult(models.Model):
    version = models.OneToOneField(
        "plans.PlanVersion", on_delete=models.CASCADE, related_name="quality_result"
    )
    school_year = models.PositiveSmallIntegerField()  # the academic year judged in (its first calendar year)
    codes = models.JSONField(default=list)  # the codes of the checks it fails (plans.checks)
    older = models.BooleanField(default=False)  # Year 9 or above: the preparing for adulthood measure
    pfa_complete = models.BooleanField(default=False)
    health_advice_current = models.BooleanField(default=False)
    needs_social_care = models.BooleanField(default=False)
    social_care_advice = models.BooleanField(default=False)
    named_setting = models.BooleanField(default=False)
    checked_at = models.DateTimeField()

    def __str__(self):
        return f"{self.version} checked {self.checked_at:%Y-%m-%d}"
