"""API tokens gain scopes, an expiry and a named owner. Tokens issued before keep what they could
do (read cases, write events), expire 90 days from this migration, and name their user as owner;
a token held by a family account is revoked (families never hold tokens)."""

import django.utils.timezone
from datetime import timedelta

from django.db import migrations, models


def fill_in(apps, schema_editor):
    ApiToken = apps.get_model("api", "ApiToken")
    now = django.utils.timezone.now()
    for token in ApiToken.objects.select_related("user"):
        token.scopes = ["read_cases", "write_events"]
        token.expires_at = now + timedelta(days=90)
        token.owner = token.user.username
        if token.user.role in ("parent", "young_person") and token.revoked_at is None:
            token.revoked_at = now
        token.save(update_fields=["scopes", "expires_at", "owner", "revoked_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="scopes",
            field=models.JSONField(default=list, help_text="What the token may do: a list of Scope values"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="apitoken",
            name="owner",
            field=models.CharField(
                default="",
                help_text="Who answers for the system holding the key, e.g. 'A. Khan, ICB EPR lead'",
                max_length=200,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_in, migrations.RunPython.noop),
    ]
