from django.apps import AppConfig


class QualityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "quality"
    verbose_name = "Quality assurance of EHC plans"

    def ready(self):
        # Loads models, so only once the app registry is ready: gives auditors their plans to read.
        from quality import plan_readers  # noqa: F401
