"""Keep the search index in step with single saves (admin, shell, forms). Bulk loads (demo,
import) index explicitly, as bulk_create sends no signals. Any change to what the public pages
show makes the cached signed-out answers out of date (directory.public_cache)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from directory import public_cache, search
from directory.models import (
    Contact,
    Location,
    Organization,
    Phone,
    Postcode,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

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


# Saves that change nothing a visitor sees leave the cached answers as they are.
NOT_SHOWN = {"reminder_sent_for", "search_text", "search_vector"}
SHOWN_MODELS = (
    Service,
    Organization,
    Location,
    ServiceAtLocation,
    Contact,
    Phone,
    Taxonomy,
    TaxonomyTerm,
    Postcode,
)


def _public_changed(sender, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= NOT_SHOWN:
        return
    public_cache.changed()
    # Once more after the commit: a visitor's request between the change and its commit could
    # have cached the old answer under the new version.
    transaction.on_commit(public_cache.changed)


for model in SHOWN_MODELS:
    post_save.connect(_public_changed, sender=model, dispatch_uid=f"directory-public-{model.__name__}-save")
    post_delete.connect(
        _public_changed, sender=model, dispatch_uid=f"directory-public-{model.__name__}-delete"
    )
m2m_changed.connect(
    _public_changed, sender=Service.taxonomy_terms.through, dispatch_uid="directory-public-service-terms"
)
