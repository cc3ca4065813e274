from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit log"

    def ready(self):
        # Loads models, so only once the app registry is ready: audits every list export.
        from audit import exports  # noqa: F401
