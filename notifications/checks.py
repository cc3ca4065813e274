"""A deployment note: links in messages need the site's public address (SITE_URL)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility, deploy=True)
def site_url_is_set(app_configs, **kwargs):
    if getattr(settings, "SITE_URL", ""):
        return []
    return [
        checks.Warning(
            "SITE_URL is not set: links in emails and text messages will point at localhost.",
            hint="Set SITE_URL to the service's public address, e.g. https://send.example.gov.uk",
            id="notifications.W001",
        )
    ]
