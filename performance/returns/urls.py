"""The statutory returns' pages, added to performance/urls.py (namespace "performance")."""

from django.urls import path

from performance.returns import views

urlpatterns = [
    path("returns/sen2/", views.sen2_page, name="sen2"),
    path("returns/sen2/sen2.xml", views.sen2_xml, name="sen2_xml"),
    path("returns/sen2/sen2.csv", views.sen2_csv, name="sen2_csv"),
    path("returns/annex-a/", views.annex_a_page, name="annex_a"),
    path("returns/annex-a/annex-a.xlsx", views.annex_a_workbook, name="annex_a_workbook"),
    path("returns/annex-a/list-<int:number>.<str:fmt>", views.annex_a_download, name="annex_a_download"),
]
