"""Issue 19: closing a case now cancels its advice still awaited; do the same for the cases closed
before (casework.closed_advice: on the day the case closed, with the reason; nobody is emailed)."""

from django.db import migrations


def cancel(apps, schema_editor):
    from casework.closed_advice import cancel_advice_on_closed_cases
    from clock import dates

    cancel_advice_on_closed_cases(
        apps.get_model("casework", "AdviceRequest"), apps.get_model("casework", "CaseEvent"), dates.today()
    )


class Migration(migrations.Migration):
    dependencies = [("casework", "0004_advice_cancelled")]

    operations = [migrations.RunPython(cancel, migrations.RunPython.noop, elidable=True)]
