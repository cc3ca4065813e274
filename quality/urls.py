from django.urls import path

from quality import views

app_name = "quality"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("samples/", views.samples, name="samples"),
    path("samples/<uuid:public_id>/", views.sample_detail, name="sample_detail"),
    path("audits/mine/", views.my_audits, name="my_audits"),
    path("audits/", views.audit_list, name="audit_list"),
    path("audits/<uuid:public_id>/", views.audit_detail, name="audit_detail"),
    path("audits/<uuid:public_id>/moderate/", views.moderate, name="moderate"),
    path("moderations/<uuid:public_id>/", views.resolve, name="resolve"),
    path("findings/", views.findings, name="findings"),
    path("actions/", views.action_list, name="action_list"),
    path("actions/<uuid:public_id>/", views.action_detail, name="action_detail"),
    path("rubric/", views.rubric, name="rubric"),
]
