"""The service navigation each role sees. A link appears only if the role may open the page."""

from django.urls import reverse

from accounts.roles import Role

# (label, url name, permission needed or None for any signed-in user)
NAVIGATION = [
    ("Home", "core:home", None),
    ("Your children", "portal:home", "portal.family_home"),
    ("Ask for an assessment", "portal:request_start", "portal.request_assessment"),
    ("Children", "people:child_list", "people.list_children"),
    ("Cases", "casework:case_list", "casework.list_cases"),
    ("Plans", "plans:plan_list", "plans.list_plans"),
    ("Reviews", "reviews:review_list", "reviews.list_reviews"),
    ("Advice requests", "casework:advice_list", "casework.list_advice_requests"),
    ("Your work", "portal:professional_home", "portal.professional_home"),
    ("Portal link requests", "portal:link_request_list", "portal.decide_link_requests"),
    ("Panels", "casework:panel_list", "casework.view_panels"),
    ("Letters", "casework:letter_template_list", "casework.edit_letter_templates"),
    ("Schools and settings", "people:setting_list", "people.list_settings"),
    ("Audit log", "audit:event_list", "audit.view_log"),
    ("Users", "accounts:user_list", "accounts.manage_users"),
    ("Imports", "people:import_start", "people.import_data"),
    ("Local Offer", "directory:dashboard", "directory.use_dashboard"),
    ("Performance", "performance:kpi_list", "performance.view_kpis"),
    ("Improvement plan", "improvement:plan", "improvement.view_plan"),
    ("Waiting lists", "waiting:pathway_list", "waiting.view_lists"),
    ("Messages", "messaging:inbox", "messaging.use_inbox"),
    ("Statutory returns", "performance:sen2", "performance.view_statutory_returns"),
    ("Disagreements", "engagement:disagreements", "engagement.view_disagreements"),
    ("Commissioning", "commissioning:needs", "commissioning.view_needs"),
    ("Placements", "commissioning:placements", "commissioning.view_placements"),
    ("Support register", "waiting:register_list", "waiting.use_register"),
    ("Health assessments", "waiting:health_list", "waiting.use_health_assessments"),
    ("Health pathways", "waiting:pathway_admin", "waiting.edit_pathways"),
    ("Plan quality", "quality:dashboard", "quality.view_measures"),
    ("My audits", "quality:my_audits", "quality.view_my_audits"),
    ("Quality actions", "quality:action_list", "quality.view_actions"),
    ("Surveys", "surveys:list", "engagement.manage_surveys"),
    ("You said, we did", "voice:themes", "engagement.manage_surveys"),
    ("Retention review", "people:retention_list", "people.review_retention"),
]


def items_for(request):
    # An error page can be drawn before the authentication middleware has run: no user, no menu.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    if user.requires_two_factor and not getattr(user, "is_verified", lambda: False)():
        return []
    items = []
    for label, name, perm in NAVIGATION:
        if perm and not user.has_perm(perm):
            continue
        if name == "portal:home" and user.role == Role.YOUNG_PERSON:
            label = "Your plan and records"  # a young person reads about themselves (CoP 8.13)
        items.append({"label": label, "url": reverse(name), "active": False})
    # The current section is the item whose address is the longest prefix of this page's, so
    # "Your children" (/portal/) is not also current on "Ask for an assessment" (/portal/request/).
    matches = [
        item
        for item in items
        if (request.path == item["url"] if item["url"] == "/home/" else request.path.startswith(item["url"]))
    ]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    return items
