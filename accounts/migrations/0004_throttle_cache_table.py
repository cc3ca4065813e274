"""The database cache's table (settings.CACHES), which holds the throttles' counters.

Django makes it with `createcachetable`, which `migrate` does not run; doing it here means every
installation that migrates has it. It does nothing when CACHE_URL names another kind of cache."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_health_officer_and_commissioner_roles"),
    ]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=False)]
