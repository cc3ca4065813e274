from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "EHC plans"

    def ready(self):
        # Loads models, so only once the app registry is ready: plans carry out the case's plan steps
        # (casework.services.record_event hands "draft sent" and "final plan issued" to them).
        from plans import steps  # noqa: F401
