"""Issue 19: the clock no longer treats a step done late but excused, a finished case's steps or
the family's own 15 days as open. Recompute the stored next deadline and overdue flag of every
case with the engine, so lists, exports, home figures and the API agree with the case page."""

from django.db import migrations


def recompute(apps, schema_editor):
    from casework.stored_clocks import recompute_cases
    from clock import dates

    recompute_cases(
        apps.get_model("casework", "AssessmentCase"), apps.get_model("people", "Setting"), dates.today()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0005_cancel_advice_on_closed_cases"),
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop, elidable=True)]
