from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules

from people import provision_counts


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "Children, families and settings"

    def ready(self):
        # Each app adds its panels to a child's page in <app>/child_page.py (people/child_page.py).
        autodiscover_modules("child_page")
        post_migrate.connect(count_provisions, sender=self)


def count_provisions(using, **kwargs):
    """Install the children-by-provision triggers and recount (people/provision_counts.py)."""
    connection = connections[using]
    if provision_counts.installed_here(connection):  # e.g. not after `migrate people 0009`
        provision_counts.install(connection)
