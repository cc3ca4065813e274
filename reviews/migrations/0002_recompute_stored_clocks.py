"""Issue 19: the clock no longer treats the family's own time to comment as the council being
overdue, nor a done step as open. Recompute every annual review's stored next deadline and
overdue flag with the engine."""

from django.db import migrations


def recompute(apps, schema_editor):
    from clock import dates
    from reviews.stored_clocks import recompute_reviews

    recompute_reviews(apps.get_model("reviews", "AnnualReview"), dates.today())


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop, elidable=True)]
