"""Keep reviews in step with plans without plans knowing about reviews.

When a plan is first issued its first review cycle starts (due within 12 months, CFA s.44(1));
when a plan ends, however it ended, the reviews still open for it close. plans.services saves the
plan row at both moments (first_issued_on, ceased_on), so one receiver on the plan does both.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from reviews.models import AnnualReview
from reviews.services import close_open_reviews, start_cycle


@receiver(post_save, sender="plans.EHCPlan", dispatch_uid="reviews.plan_saved")
def keep_reviews_in_step_with_the_plan(sender, instance, raw=False, **kwargs):
    if raw:
        return

    if instance.ceased_on is not None:
        close_open_reviews(None, instance, instance.ceased_on, "closed: the plan ended")
        return
    if instance.first_issued_on is None or instance.latest_issued_id is None:
        return
    if AnnualReview.objects.filter(plan=instance).exists():
        return
    case = instance.case
    start_cycle(None, instance, instance.first_issued_on, caseworker=case.caseworker if case else None)
