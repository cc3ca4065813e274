from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        # Loads models, so only once the app registry is ready: connects the audit receivers.
        from accounts import signals  # noqa: F401
