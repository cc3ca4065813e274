from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Case API for partner systems"

    def ready(self):
        # Imported for what it registers, when the app starts (Django's place for that): the OpenAPI
        # extensions, which drf-spectacular finds by subclass. Nothing else imports the module.
        from api import schema  # noqa: F401
