"""Permissions on reviews and transfers (django-rules), from role and, for one review, access.py."""

import rules

from accounts.roles import FAMILY_ROLES, Role
from people.access import is_senco
from reviews import access


def _has_role(*roles):
    @rules.predicate
    def predicate(user):
        return user.is_active and user.role in roles

    return predicate


is_case_staff = _has_role(Role.CASEWORKER, Role.MANAGER, Role.PANEL)
is_caseworker_or_manager = _has_role(Role.CASEWORKER, Role.MANAGER)
is_manager = _has_role(Role.MANAGER)
is_family = _has_role(*FAMILY_ROLES)


@rules.predicate
def is_school_senco(user):
    return user.is_active and is_senco(user)


@rules.predicate
def sends_paperwork_for(user, review):
    return review is not None and access.may_submit_paperwork(user, review)


@rules.predicate
def is_family_of(user, review):
    return review is not None and access.may_add_family_views(user, review)


PERMISSIONS = {
    "reviews.list_reviews": is_case_staff,
    "reviews.view_review": is_case_staff,
    # Meetings, steps, decisions, phase transfers, mediation.
    "reviews.act_on_review": is_caseworker_or_manager,
    "reviews.export_reviews": is_caseworker_or_manager,
    "reviews.bulk_schedule": is_manager,
    "reviews.view_measures": is_case_staff,
    "reviews.list_paperwork": is_school_senco,
    # The caseworker can type in paperwork or views that came by post or email.
    "reviews.submit_paperwork": is_caseworker_or_manager | sends_paperwork_for,
    "reviews.list_family_reviews": is_family,
    "reviews.add_family_views": is_caseworker_or_manager | is_family_of,
    "reviews.read_letters": is_case_staff | is_family_of,
    # Letters and attached files; which of them each person may open is access.documents_open_to.
    "reviews.open_documents": is_case_staff | is_family_of | sends_paperwork_for,
    "reviews.view_transfers": is_case_staff,
    "reviews.record_transfer": is_caseworker_or_manager,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
