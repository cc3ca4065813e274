from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "The Local Offer"

    def ready(self):
        from directory import signals  # noqa: F401 - connects the search index to saves
