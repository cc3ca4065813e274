"""KPIs (performance.views) and the statutory returns (performance.returns, in its own block)."""

from django.urls import path

from performance import views
from performance.returns import urls as returns_urls

app_name = "performance"
urlpatterns: list = [
    # KPIs
    path("", views.kpi_list, name="kpi_list"),
    path("refresh/", views.refresh, name="refresh"),
    path("kpis/<uuid:public_id>/", views.kpi_detail, name="kpi_detail"),
    path("kpis/<uuid:public_id>/figures/new/", views.measurement_add, name="measurement_add"),
    path(
        "kpis/<uuid:public_id>/figures/<uuid:measurement_id>/",
        views.measurement_change,
        name="measurement_change",
    ),
    path(
        "kpis/<uuid:public_id>/figures/<uuid:measurement_id>/evidence/",
        views.evidence_download,
        name="evidence_download",
    ),
    path("kpis/<uuid:public_id>/comparisons/new/", views.comparison_add, name="comparison_add"),
]

# Statutory returns (performance/returns/): the SEN2 return and Ofsted Annex A.
urlpatterns += returns_urls.urlpatterns
