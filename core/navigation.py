"""The service navigation each role sees. A link appears only if the role may open the page."""

from django.urls import reverse

# (label, url name, permission needed or None for any signed-in user)
NAVIGATION = [
    ("Home", "core:home", None),
    ("Children", "people:child_list", "people.list_children"),
    ("Cases", "casework:case_list", "casework.list_cases"),
    ("Plans", "plans:plan_list", "plans.list_plans"),
    ("Reviews", "reviews:review_list", "reviews.list_reviews"),
    ("Advice requests", "casework:advice_list", "casework.list_advice_requests"),
    ("Panels", "casework:panel_list", "casework.view_panels"),
    ("Letters", "casework:letter_template_list", "casework.edit_letter_templates"),
    ("Schools and settings", "people:setting_list", "people.list_settings"),
    ("Audit log", "audit:event_list", "audit.view_log"),
    ("Users", "accounts:user_list", "accounts.manage_users"),
    ("Imports", "people:import_start", "people.import_data"),
    ("Local Offer", "directory:dashboard", "directory.use_dashboard"),
]


def items_for(request):
    user = request.user
    if not user.is_authenticated:
        return []
    if user.requires_two_factor and not getattr(user, "is_verified", lambda: False)():
        return []
    items = []
    for label, name, perm in NAVIGATION:
        if perm and not user.has_perm(perm):
            continue
        url = reverse(name)
        active = request.path == url if url == "/home/" else request.path.startswith(url)
        items.append({"label": label, "url": url, "active": active})
    return items
