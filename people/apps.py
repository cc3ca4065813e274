from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "Children, families and settings"

    def ready(self):
        # Each app adds its panels to a child's page in <app>/child_page.py (people/child_page.py).
        autodiscover_modules("child_page")
