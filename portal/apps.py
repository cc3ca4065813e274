from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Family and professional portal"

    def ready(self):
        # Loads models, so only once the app registry is ready: registers how a family's GOV.UK One
        # Login identity finds or makes its account with the sign-in backend.
        from portal import one_login  # noqa: F401
