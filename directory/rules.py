"""Who may do what in the Local Offer (django-rules). Public pages need no permission."""

import rules

from accounts.roles import Role


@rules.predicate
def is_service_owner(user):
    return user.is_active and user.role == Role.SERVICE_OWNER


@rules.predicate
def is_local_offer_editor(user):
    # The SEND team's managers edit the Local Offer: they approve providers' changes.
    return user.is_active and user.role == Role.MANAGER


@rules.predicate
def owns_service(user, service):
    return service is not None and service.owner_id == user.pk


rules.add_perm("directory.use_dashboard", is_service_owner | is_local_offer_editor)
rules.add_perm("directory.read_feedback", is_service_owner | is_local_offer_editor)
rules.add_perm("directory.keep_service_true", is_service_owner | is_local_offer_editor)
rules.add_perm("directory.change_service", is_local_offer_editor | (is_service_owner & owns_service))
rules.add_perm("directory.review_changes", is_local_offer_editor)
rules.add_perm("directory.import_services", is_local_offer_editor)
rules.add_perm("directory.run_dip_sample", is_local_offer_editor)
