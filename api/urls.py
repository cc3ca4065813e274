from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.permissions import AllowAny

from api import views
from api.errors import __doc__ as ERROR_SHAPE

app_name = "api"

DESCRIPTION = f"""EHC needs assessment cases and their statutory clocks, for partner systems.

Send `Authorization: Token <key>` with every request (a browser session is not accepted); a token acts
as the staff or partner account it was issued to, with that account's permissions, limited further by
its scopes: `read_cases` for GET, `write_events` for POST. Tokens expire; requests are throttled per
token (429 with `Retry-After`). Only area case staff read the case list and case files; every case
listed or read is audited against its child. Objects are named by their `public_id` (a UUID),
schools by URN.

Errors: {ERROR_SHAPE}"""

urlpatterns = [
    path(
        "openapi.json",
        # Public: the description holds no one's data, and partners need it before they have a key.
        SpectacularJSONAPIView.as_view(
            authentication_classes=[],
            permission_classes=[AllowAny],
            custom_settings={
                "DESCRIPTION": DESCRIPTION,
                "SCHEMA_PATH_PREFIX": "/api/v1/",
            },
        ),
        name="openapi",
    ),
    path("children/", views.ChildCreateView.as_view(), name="child_create"),
    path("children/<uuid:public_id>/", views.ChildDetailView.as_view(), name="child_detail"),
    path("cases/", views.CaseListView.as_view(), name="case_list"),
    path("cases/<uuid:public_id>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("cases/<uuid:public_id>/events/", views.CaseEventsView.as_view(), name="case_events"),
    path(
        "cases/<uuid:public_id>/advice-requests/",
        views.CaseAdviceRequestsView.as_view(),
        name="case_advice_requests",
    ),
]
