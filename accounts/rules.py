import rules

from accounts.roles import Role


@rules.predicate
def is_administrator(user):
    return user.is_active and user.role == Role.ADMINISTRATOR


@rules.predicate
def is_manager(user):
    return user.is_active and user.role == Role.MANAGER


rules.add_perm("accounts.manage_users", is_administrator)
rules.add_perm("audit.view_log", is_manager)
