from django.urls import path

from waiting import views, views_checks, views_family, views_health, views_referrals, views_register

app_name = "waiting"
urlpatterns = [
    path("", views.pathway_list, name="pathway_list"),
    path("pathways/<uuid:public_id>/", views.pathway_detail, name="pathway_detail"),
    path("import/", views.import_page, name="import"),
    path("family/", views_family.family_lists, name="family_lists"),
    path("register/", views_register.register_list, name="register_list"),
    path("register/add/", views_register.register_add, name="register_add"),
    path("register/panels/", views_register.panel_list, name="panel_list"),
    path("register/<uuid:public_id>/", views_register.register_entry, name="register_entry"),
    path("register/<uuid:public_id>/edit/", views_register.register_edit, name="register_edit"),
    path("register/<uuid:public_id>/rating/", views_register.register_rating, name="register_rating"),
    path("referrals/", views_referrals.referral_list, name="referral_list"),
    path("referrals/add/", views_referrals.referral_add, name="referral_add"),
    path("referrals/<uuid:public_id>/", views_referrals.referral_edit, name="referral_edit"),
    path("pathways/", views_referrals.pathway_admin, name="pathway_admin"),
    path("pathways/<uuid:public_id>/edit/", views_referrals.pathway_edit, name="pathway_edit"),
    path("health-checks/", views_checks.health_checks, name="health_checks"),
    path("health-assessments/", views_health.health_list, name="health_list"),
    path("health-assessments/add/", views_health.episode_add, name="episode_add"),
    path("health-assessments/<uuid:public_id>/", views_health.episode_detail, name="episode_detail"),
]
