from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("audit/", include("audit.urls")),
    path("", include("people.urls")),
    path("cases/", include("casework.urls")),
    path("plans/", include("plans.urls")),
    path("reviews/", include("reviews.urls")),
    path("api/v1/", include("api.urls")),
    path("local-offer/", include("directory.urls")),
    path("api/oruk/", include("directory.oruk_urls")),
    path("portal/", include("portal.urls")),
    path("messages/", include("messaging.urls")),
    path("performance/", include("performance.urls")),
    path("improvement/", include("improvement.urls")),
    path("disagreements/", include("engagement.urls")),
    path("surveys/", include("engagement.survey_urls")),
    path("voice/", include("engagement.voice_urls")),
    path("waiting/", include("waiting.urls")),
    path("commissioning/", include("commissioning.urls")),
    path("quality/", include("quality.urls")),
    path("jobs/", include("jobs.urls")),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
