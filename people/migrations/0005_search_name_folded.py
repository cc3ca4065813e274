"""Children's search_name holds folded names (no accents or apostrophes, case folded: people/search.py),
and on PostgreSQL the pg_trgm extension and a trigram index serve near-spelling search. SQLite has
no extensions: there the folded, indexed column and people/search.py's Python ranking do the same."""

from django.db import migrations


def refold(apps, schema_editor):
    from people.search import fold

    Child = apps.get_model("people", "Child")
    batch = []
    for child in Child.objects.only("pk", "legal_first_name", "legal_last_name", "preferred_name").iterator(
        chunk_size=2000
    ):
        parts = [child.legal_first_name, child.legal_last_name, child.preferred_name]
        child.search_name = fold(" ".join(p for p in parts if p))
        batch.append(child)
        if len(batch) >= 2000:
            Child.objects.bulk_update(batch, ["search_name"])
            batch = []
    Child.objects.bulk_update(batch, ["search_name"])


def trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS people_child_search_name_trgm "
        "ON people_child USING gin (search_name gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS people_child_search_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("people", "0004_retention_four_eyes_proposal")]

    operations = [
        migrations.RunPython(refold, migrations.RunPython.noop),
        migrations.RunPython(trigram_index, drop_trigram_index),
    ]
