"""Tell people about case events once they are saved for good."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from notifications.events import notify_case_event


@receiver(post_save, sender="casework.CaseEvent", dispatch_uid="notifications.case_event")
def tell_people_about_case_event(sender, instance, created, raw=False, **kwargs):
    # Only what people record is announced: events the system writes (imports, demo data,
    # back-filled history) have no `recorded_by`, and families must not get news of old steps.
    if not created or raw or instance.recorded_by_id is None:
        return
    # After commit: a refused or rolled-back change must not have told anyone anything.
    # robust: a failure to send is logged and never turns a saved change into an error page.
    transaction.on_commit(lambda: notify_case_event(instance.case, instance), robust=True)
