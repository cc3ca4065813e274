from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications and letters"

    def ready(self):
        # Loads models, so only once the app registry is ready: connects the case-event signal and
        # the settings check (see signals.py, checks.py).
        from notifications import checks, signals  # noqa: F401
