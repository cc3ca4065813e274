"""The service navigation each role sees. A link appears only if the role may open the page.

Entries are grouped by job. A role with few entries sees them as they are; a role with more sees
one top-level entry per group (the group's first page it may open), and on any page of a group the
group's entries as a second level, so every entry is at most two clicks from anywhere.
"""

from collections import namedtuple
from functools import lru_cache

import rules
from django.urls import get_script_prefix, get_urlconf, reverse

# (group, label, url name, permission needed or None for any signed-in user). Group None: always
# top level. Within a group, the first entry the role may open is where the group's link goes.
NAVIGATION = [
    (None, "Home", "core:home", None),
    (None, "Your children", "portal:home", "portal.family_home"),
    (None, "Ask for an assessment", "portal:request_start", "portal.request_assessment"),
    (None, "Your work", "portal:professional_home", "portal.professional_home"),
    ("Casework", "Cases", "casework:case_list", "casework.list_cases"),
    ("Casework", "Children", "people:child_list", "people.list_children"),
    ("Casework", "Advice requests", "casework:advice_list", "casework.list_advice_requests"),
    ("Casework", "Panels", "casework:panel_list", "casework.view_panels"),
    ("Casework", "Messages", "messaging:inbox", "messaging.use_inbox"),
    ("Casework", "Disagreements", "engagement:disagreements", "engagement.view_disagreements"),
    ("Casework", "Portal link requests", "portal:link_request_list", "portal.decide_link_requests"),
    ("Casework", "Record integrity", "casework:record_integrity", "casework.view_record_integrity"),
    ("Plans and reviews", "Plans", "plans:plan_list", "plans.list_plans"),
    ("Plans and reviews", "Reviews", "reviews:review_list", "reviews.list_reviews"),
    ("Plans and reviews", "Plan quality", "quality:dashboard", "quality.view_measures"),
    ("Plans and reviews", "My audits", "quality:my_audits", "quality.view_my_audits"),
    ("Plans and reviews", "Quality actions", "quality:action_list", "quality.view_actions"),
    ("Health", "Waiting lists", "waiting:pathway_list", "waiting.view_lists"),
    ("Health", "Support register", "waiting:register_list", "waiting.use_register"),
    ("Health", "Health assessments", "waiting:health_list", "waiting.use_health_assessments"),
    ("Health", "Health pathways", "waiting:pathway_admin", "waiting.edit_pathways"),
    ("Local Offer", "Local Offer", "directory:dashboard", "directory.use_dashboard"),
    ("Performance and improvement", "Performance", "performance:kpi_list", "performance.view_kpis"),
    ("Performance and improvement", "Statutory returns", "performance:sen2",
     "performance.view_statutory_returns"),
    ("Performance and improvement", "Improvement plan", "improvement:plan", "improvement.view_plan"),
    ("Partnership", "Commissioning", "commissioning:needs", "commissioning.view_needs"),
    ("Partnership", "Placements", "commissioning:placements", "commissioning.view_placements"),
    ("Partnership", "Surveys", "surveys:list", "engagement.manage_surveys"),
    ("Partnership", "You said, we did", "voice:themes", "engagement.manage_surveys"),
    ("Administration", "Users", "accounts:user_list", "accounts.manage_users"),
    ("Administration", "Schools and settings", "people:setting_list", "people.list_settings"),
    ("Administration", "Letters", "casework:letter_template_list", "casework.edit_letter_templates"),
    ("Administration", "Imports", "people:import_start", "people.import_data"),
    ("Administration", "Audit log", "audit:event_list", "audit.view_log"),
    ("Administration", "Retention review", "people:retention_list", "people.review_retention"),
]
# Up to this many entries a role sees them all at the top level, without groups.
FLAT_UP_TO = 8


def _entries_for(user):
    permitted = _permitted(
        user.role,
        user.professional_type,
        user.is_active,
        user.is_superuser,
        getattr(user, "reads_about_themselves", False),
    )
    return [
        {"group": group, "label": label, "url": _address(name), "active": False}
        for group, label, name in permitted
    ]


# The menu's rules and labels read only what the key below holds (role, professional type, active,
# superuser, whether they read about themselves), so each kind of user's entries are worked out
# once a process, not on every page (34 rules asked on each). core/tests/test_page_costs.py
# checks the menu against user.has_perm.
_MenuUser = namedtuple(
    "_MenuUser", "role professional_type is_active is_superuser reads_about_themselves is_authenticated"
)


@lru_cache(maxsize=64)
def _permitted(role, professional_type, is_active, is_superuser, reads_about_themselves):
    user = _MenuUser(role, professional_type, is_active, is_superuser, reads_about_themselves, True)
    return tuple(
        (group, _label(user, label, name), name)
        for group, label, name, perm in NAVIGATION
        if not perm or _may(user, perm)
    )


def _may(user, perm) -> bool:
    # Every permission is a rule (*/rules.py). Asking the rules directly, rather than through
    # user.has_perm, keeps Django's ModelBackend from loading the user's model permissions (two
    # queries on every signed-in page) for each entry the role may not open; no one is granted
    # model permissions, and a superuser still sees everything, as user.has_perm would say.
    return user.is_superuser or rules.has_perm(perm, user)


def _address(name) -> str:
    return _reverse(name, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=256)
def _reverse(name, prefix, urlconf) -> str:
    # The menu's addresses never change while the process runs: reversed once, not every page.
    return reverse(name, urlconf=urlconf)


def _label(user, label, name):
    # The user model (accounts, above core) says whether its holder reads about themselves.
    if name == "portal:home" and getattr(user, "reads_about_themselves", False):
        return "Your plan and records"  # a young person reads about themselves (CoP 8.13)
    return label


def _mark_current(request, entries):
    # The current entry is the one whose address is the longest prefix of this page's, so
    # "Your children" (/portal/) is not also current on "Ask for an assessment" (/portal/request/).
    matches = [
        entry
        for entry in entries
        if (request.path == entry["url"] if entry["url"] == "/home/"
            else request.path.startswith(entry["url"]))
    ]
    if matches:
        current = max(matches, key=lambda entry: len(entry["url"]))
        current["active"] = True
        return current
    return None


def menu_for(request) -> dict:
    """{"items": top-level entries, "section": {"label", "items"} or None}, for base.html."""
    # An error page can be drawn before the authentication middleware has run: no user, no menu.
    user = getattr(request, "user", None)
    empty = {"items": [], "section": None}
    if user is None or not user.is_authenticated:
        return empty
    if user.requires_two_factor and not getattr(user, "is_verified", lambda: False)():
        return empty
    entries = _entries_for(user)
    current = _mark_current(request, entries)
    if len(entries) <= FLAT_UP_TO:
        return {"items": [_item(entry) for entry in entries], "section": None}
    groups: dict[str | None, list[dict]] = {}
    items = []
    for entry in entries:
        if entry["group"] is None:
            items.append(_item(entry))
            continue
        if entry["group"] not in groups:
            groups[entry["group"]] = []
            items.append({"label": entry["group"], "url": entry["url"], "active": False,
                          "entries": groups[entry["group"]]})
        groups[entry["group"]].append(_item(entry))
    section = None
    for item in items:
        entries_in_group = item.pop("entries", None)
        if entries_in_group and len(entries_in_group) == 1:
            item.update(entries_in_group[0])  # a group of one: the entry itself, by its own name
        elif entries_in_group:
            item["active"] = any(entry["active"] for entry in entries_in_group)
            if item["active"]:
                section = {"label": item["label"], "items": entries_in_group}
    if current is not None and current["group"] is None:
        section = None
    return {"items": items, "section": section}


def _item(entry):
    return {"label": entry["label"], "url": entry["url"], "active": entry["active"]}


def items_for(request):
    """The top-level entries (kept for callers that want only those)."""
    return menu_for(request)["items"]


def reachable_labels(user) -> dict[str, list[str]]:
    """Each entry label a user may open, with the clicks from any page that reach it: [label] when
    it is at the top level, [group, label] when it is in a group's second level."""
    entries = _entries_for(user)
    if len(entries) <= FLAT_UP_TO:
        return {entry["label"]: [entry["label"]] for entry in entries}
    sizes: dict[str, int] = {}
    for entry in entries:
        if entry["group"]:
            sizes[entry["group"]] = sizes.get(entry["group"], 0) + 1
    return {
        entry["label"]: [entry["label"]] if not entry["group"] or sizes[entry["group"]] == 1
        else [entry["group"], entry["label"]]
        for entry in entries
    }
