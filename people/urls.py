from django.urls import path

from people import import_views, retention_views, subject_access_views, views

app_name = "people"
urlpatterns = [
    path("children/", views.child_list, name="child_list"),
    path("children/new/", views.child_create, name="child_create"),
    path("children/<uuid:public_id>/", views.child_detail, name="child_detail"),
    path("children/<uuid:public_id>/edit/", views.child_edit, name="child_edit"),
    path("children/<uuid:public_id>/history/", views.child_history, name="child_history"),
    path("children/<uuid:public_id>/parents/new/", views.parent_carer_add, name="parent_carer_add"),
    path(
        "children/<uuid:public_id>/subject-access.json",
        subject_access_views.subject_access_json,
        name="subject_access_json",
    ),
    path(
        "children/<uuid:public_id>/subject-access.pdf",
        subject_access_views.subject_access_pdf,
        name="subject_access_pdf",
    ),
    path("settings/", import_views.setting_list, name="setting_list"),
    path("imports/", import_views.import_start, name="import_start"),
    path("imports/schools/", import_views.import_schools, name="import_schools"),
    path("imports/children/", import_views.import_children_view, name="import_children"),
    path("imports/samples/<str:name>", import_views.import_sample, name="import_sample"),
    path("retention/", retention_views.retention_list, name="retention_list"),
    path("retention/<uuid:public_id>/delete/", retention_views.retention_delete, name="retention_delete"),
]
