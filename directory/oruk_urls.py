"""Open Referral UK API (profile 3.0), mounted at /api/oruk/. A trailing slash is optional."""

from django.urls import re_path

from directory.oruk import views

app_name = "oruk"
ID = r"(?P<{}>[^/]{{1,100}})"
urlpatterns = [
    re_path(r"^$", views.api_info, name="api_info"),
    re_path(r"^services/?$", views.service_list, name="service_list"),
    re_path(rf"^services/{ID.format('service_id')}/?$", views.service_detail, name="service_detail"),
    re_path(r"^taxonomies/?$", views.taxonomy_list, name="taxonomy_list"),
    re_path(rf"^taxonomies/{ID.format('taxonomy_id')}/?$", views.taxonomy_detail, name="taxonomy_detail"),
    re_path(r"^taxonomy_terms/?$", views.taxonomy_term_list, name="taxonomy_term_list"),
    re_path(
        rf"^taxonomy_terms/{ID.format('term_id')}/?$", views.taxonomy_term_detail, name="taxonomy_term_detail"
    ),
    re_path(r"^service_at_locations/?$", views.service_at_location_list, name="service_at_location_list"),
    re_path(
        rf"^service_at_locations/{ID.format('link_id')}/?$",
        views.service_at_location_detail,
        name="service_at_location_detail",
    ),
]
