"""Reference data: the Local Offer's categories, needs (DfE SEN types and plain English) and the
health pathways families wait for (directory/taxonomy.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from directory import taxonomy

    taxonomy.load(apps)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_search_index")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
