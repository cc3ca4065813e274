"""The database's own full-text search for services (see directory/search.py).

SQLite: an FTS5 table with the porter stemmer. PostgreSQL: a GIN index on the stored tsvector,
and pg_trgm (when this database user may enable it) with a trigram index on the word list, for
correcting misspelt search words. Without pg_trgm, corrections fall back to difflib.
"""

from django.db import migrations, transaction


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS directory_service_fts USING fts5("
            "service_id UNINDEXED, name, body, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
    elif connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS directory_service_search_gin ON directory_service USING gin (search_vector)"
        )
        try:
            # A savepoint: if the extension is refused, the rest of the migration still commits.
            with transaction.atomic(using=connection.alias):
                with connection.cursor() as cursor:
                    cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # noqa: BLE001 - no pg_trgm is fine: search falls back to difflib
            return
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS directory_searchword_trgm ON directory_searchword "
            "USING gin (word gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS directory_service_fts")
    elif connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS directory_searchword_trgm")
        schema_editor.execute("DROP INDEX IF EXISTS directory_service_search_gin")


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
