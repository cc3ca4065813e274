"""Keep the search index in step with single saves (admin, shell, forms). Bulk loads (demo,
import) index explicitly, as bulk_create sends no signals."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from directory import search
from directory.models import Service

# Saves that touch only these fields leave the searchable text as it was.
NOT_SEARCHED = {"last_checked", "review_due", "reminder_sent_for", "modified_by", "modified_at", "version"}


@receiver(post_save, sender=Service, dispatch_uid="directory-index-service")
def index_saved_service(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields and set(update_fields) <= NOT_SEARCHED):
        return
    search.index_services([instance.pk])


@receiver(post_delete, sender=Service, dispatch_uid="directory-unindex-service")
def unindex_deleted_service(sender, instance, **kwargs):
    search.remove_services([instance.pk])
