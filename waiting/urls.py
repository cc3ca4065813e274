from django.urls import path

from waiting import views, views_family

app_name = "waiting"
urlpatterns = [
    path("", views.pathway_list, name="pathway_list"),
    path("pathways/<uuid:public_id>/", views.pathway_detail, name="pathway_detail"),
    path("import/", views.import_page, name="import"),
    path("family/", views_family.family_lists, name="family_lists"),
]
