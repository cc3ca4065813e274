from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "The Local Offer"

    def ready(self):
        # Loads models, so only once the app registry is ready: connects the search index to saves.
        from directory import signals  # noqa: F401
