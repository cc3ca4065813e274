"""Load the default wording of each decision letter from notifications/default_letters/.

Managers edit the wording afterwards (/cases/letters/templates/); this only fills kinds that
have no template yet, so running it again never overwrites their edits.
"""

from pathlib import Path

from django.db import migrations

DEFAULTS = Path(__file__).resolve().parent.parent / "default_letters"


def read_default(path):
    first, _, body = path.read_text(encoding="utf-8").partition("\n")
    return first.removeprefix("Title:").strip(), body.strip()


def load(apps, schema_editor):
    LetterTemplate = apps.get_model("notifications", "LetterTemplate")
    for path in sorted(DEFAULTS.glob("*.txt")):
        title, body = read_default(path)
        LetterTemplate.objects.get_or_create(kind=path.stem, defaults={"title": title, "body": body})


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
