"""Permissions on children's records and settings (django-rules), from role and relationship."""

import rules

from accounts.roles import CASE_ROLES, FAMILY_ROLES, Role
from people.access import is_senco, may_view_child


@rules.predicate
def has_case_role(user):
    return user.is_active and user.role in CASE_ROLES


@rules.predicate
def is_caseworker_or_manager(user):
    return user.is_active and user.role in (Role.CASEWORKER, Role.MANAGER)


@rules.predicate
def is_manager(user):
    return user.is_active and user.role == Role.MANAGER


@rules.predicate
def is_school_senco(user):
    return user.is_active and is_senco(user)


@rules.predicate
def is_administrator(user):
    return user.is_active and user.role == Role.ADMINISTRATOR


@rules.predicate
def can_view_child(user, child):
    return child is not None and may_view_child(user, child)


@rules.predicate
def is_family(user):
    return user.role in FAMILY_ROLES


@rules.predicate
def is_own_record(user, child):
    return (
        child is not None
        and user.is_active
        and user.role == Role.YOUNG_PERSON
        and child.own_account_id == user.pk
    )


rules.add_perm("people.list_children", has_case_role | is_school_senco)
# The staff record (UPN, NHS number, ethnicity): families have their own child page in the portal.
rules.add_perm("people.view_child", can_view_child & ~is_family)
rules.add_perm("people.view_child_history", has_case_role & can_view_child)
rules.add_perm("people.add_child", is_caseworker_or_manager)
rules.add_perm("people.change_child", is_caseworker_or_manager & can_view_child)
rules.add_perm("people.export_children", is_caseworker_or_manager)
# A subject access request is answered by the SEND team's managers, who check what is released.
rules.add_perm("people.export_subject_access", is_manager & can_view_child)
rules.add_perm("people.list_settings", has_case_role | is_administrator)
rules.add_perm("people.import_data", is_administrator)
rules.add_perm("people.review_retention", is_manager)
# Parents' access to a young person's records (CoP 8.13-8.17, people.access.parent_may_see): the
# young person decides on their own record; a caseworker records a lack of mental capacity.
rules.add_perm("people.decide_parents_access", is_own_record)
rules.add_perm("people.record_capacity", is_caseworker_or_manager & can_view_child)
