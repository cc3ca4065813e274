"""The portal: what families, young people and professionals see and do. Each part keeps its own
URL list; they share the "portal" namespace."""

from portal import urls_contributions, urls_family, urls_professionals, urls_requests

app_name = "portal"
urlpatterns = (
    urls_family.urlpatterns
    + urls_requests.urlpatterns
    + urls_contributions.urlpatterns
    + urls_professionals.urlpatterns
)
