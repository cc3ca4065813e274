"""Who may do what with panels and letters (django-rules). Loaded by casework.panels and
casework.panel_urls: rules' autodiscovery only finds modules called rules.py."""

import rules

from accounts.roles import Role


def _has_role(*roles):
    @rules.predicate
    def predicate(user):
        return user.is_active and user.role in roles

    return predicate


is_case_staff = _has_role(Role.CASEWORKER, Role.MANAGER, Role.PANEL)
is_caseworker_or_manager = _has_role(Role.CASEWORKER, Role.MANAGER)
is_panel_or_manager = _has_role(Role.PANEL, Role.MANAGER)
is_manager = _has_role(Role.MANAGER)

PERMISSIONS = {
    "casework.view_panels": is_case_staff,
    "casework.schedule_panel": is_caseworker_or_manager,
    "casework.add_panel_item": is_caseworker_or_manager,
    # Decisions and attendance are the panel's own record; managers chair and correct it.
    "casework.record_panel_decision": is_panel_or_manager,
    "casework.edit_letter_templates": is_manager,
    "casework.view_print_queue": is_manager,
}

for name, predicate in PERMISSIONS.items():
    if not rules.perm_exists(name):
        rules.add_perm(name, predicate)
