"""Permissions on conversations (django-rules).

A family (a parent with a verified link, or the young person) sees and writes in their own
children's conversations; area case staff read them all; caseworkers and managers reply.
Professionals and other staff do not see family correspondence.
"""

import rules

from accounts.roles import CASE_ROLES, FAMILY_ROLES, Role
from people.access import may_view_child


@rules.predicate
def is_case_staff(user):
    return user.is_active and user.role in CASE_ROLES


@rules.predicate
def is_family(user):
    return user.is_active and user.role in FAMILY_ROLES


@rules.predicate
def answers_families(user):
    return user.is_active and user.role in (Role.CASEWORKER, Role.MANAGER)


@rules.predicate
def is_manager(user):
    return user.is_active and user.role == Role.MANAGER


@rules.predicate
def family_of_child(user, child):
    return child is not None and is_family(user) and may_view_child(user, child)


rules.add_perm("messaging.use_inbox", is_case_staff | is_family)
rules.add_perm("messaging.view_thread", is_case_staff | family_of_child)
rules.add_perm("messaging.write_as_family", family_of_child)
rules.add_perm("messaging.reply", answers_families)
rules.add_perm("messaging.export", answers_families)
rules.add_perm("messaging.view_service_level", is_manager)
