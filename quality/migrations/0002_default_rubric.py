from django.db import migrations


def load_rubric(apps, schema_editor):
    from quality.data import rubric

    rubric.load(apps)


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_quality_audits")]

    operations = [migrations.RunPython(load_rubric, migrations.RunPython.noop)]
