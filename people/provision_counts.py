"""The stored count of children by SEN provision (people.models.ProvisionCount), kept exact by
triggers on people_child, so the caseworker home reads two rows instead of counting every child.

Triggers rather than a service: children are added and changed through forms, the API, imports,
the demo generator's bulk_create and queryset updates, and the count must match them all.
`install` (run after every migrate by people.apps) creates the triggers if they are missing
(SQLite drops a table's triggers when a migration rebuilds the table) and recounts from the rows.
"""

from django.db import connection as default_connection
from django.db import transaction

# PostgreSQL: inserts and deletes are counted once per statement from the transition tables (a
# bulk_create of 68,000 children is one upsert, not 68,000); a change of provision per row, and
# only when the provision really changed (an ordinary save of a child touches no count).
POSTGRESQL = [
    """
    CREATE OR REPLACE FUNCTION people_provision_added() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO people_provisioncount (sen_provision, children)
            SELECT sen_provision, count(*) FROM added GROUP BY sen_provision
        ON CONFLICT (sen_provision)
            DO UPDATE SET children = people_provisioncount.children + EXCLUDED.children;
        RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION people_provision_removed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE people_provisioncount AS counted SET children = counted.children - gone.n
            FROM (SELECT sen_provision, count(*) AS n FROM removed GROUP BY sen_provision) AS gone
            WHERE counted.sen_provision = gone.sen_provision;
        RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION people_provision_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE people_provisioncount SET children = children - 1 WHERE sen_provision = OLD.sen_provision;
        INSERT INTO people_provisioncount (sen_provision, children) VALUES (NEW.sen_provision, 1)
        ON CONFLICT (sen_provision) DO UPDATE SET children = people_provisioncount.children + 1;
        RETURN NULL;
    END $$
    """,
    "DROP TRIGGER IF EXISTS people_child_counted ON people_child",
    "DROP TRIGGER IF EXISTS people_child_uncounted ON people_child",
    "DROP TRIGGER IF EXISTS people_child_recounted ON people_child",
    """CREATE TRIGGER people_child_counted AFTER INSERT ON people_child
       REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION people_provision_added()""",
    """CREATE TRIGGER people_child_uncounted AFTER DELETE ON people_child
       REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION people_provision_removed()""",
    """CREATE TRIGGER people_child_recounted AFTER UPDATE OF sen_provision ON people_child
       FOR EACH ROW WHEN (OLD.sen_provision IS DISTINCT FROM NEW.sen_provision)
       EXECUTE FUNCTION people_provision_changed()""",
]

SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS people_child_counted AFTER INSERT ON people_child BEGIN
        INSERT INTO people_provisioncount (sen_provision, children) VALUES (NEW.sen_provision, 1)
        ON CONFLICT (sen_provision) DO UPDATE SET children = children + 1;
    END""",
    """CREATE TRIGGER IF NOT EXISTS people_child_uncounted AFTER DELETE ON people_child BEGIN
        UPDATE people_provisioncount SET children = children - 1 WHERE sen_provision = OLD.sen_provision;
    END""",
    """CREATE TRIGGER IF NOT EXISTS people_child_recounted AFTER UPDATE OF sen_provision ON people_child
        WHEN OLD.sen_provision IS NOT NEW.sen_provision BEGIN
        UPDATE people_provisioncount SET children = children - 1 WHERE sen_provision = OLD.sen_provision;
        INSERT INTO people_provisioncount (sen_provision, children) VALUES (NEW.sen_provision, 1)
        ON CONFLICT (sen_provision) DO UPDATE SET children = children + 1;
    END""",
]

RECOUNT = [
    "DELETE FROM people_provisioncount",
    "INSERT INTO people_provisioncount (sen_provision, children) "
    "SELECT sen_provision, COUNT(*) FROM people_child GROUP BY sen_provision",
]


DROP = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS people_child_counted ON people_child",
        "DROP TRIGGER IF EXISTS people_child_uncounted ON people_child",
        "DROP TRIGGER IF EXISTS people_child_recounted ON people_child",
        "DROP FUNCTION IF EXISTS people_provision_added()",
        "DROP FUNCTION IF EXISTS people_provision_removed()",
        "DROP FUNCTION IF EXISTS people_provision_changed()",
    ],
    "sqlite": [
        "DROP TRIGGER IF EXISTS people_child_counted",
        "DROP TRIGGER IF EXISTS people_child_uncounted",
        "DROP TRIGGER IF EXISTS people_child_recounted",
    ],
}


def installed_here(connection) -> bool:
    """Whether the stored counts' table exists (not before its migration, nor after reversing it)."""
    return "people_provisioncount" in connection.introspection.table_names()


def uninstall(connection=default_connection):
    """Drop the triggers (the migration that adds the table does this when reversed)."""
    with connection.cursor() as cursor:
        for sql in DROP.get(connection.vendor, []):
            cursor.execute(sql)


def install(connection=default_connection):
    """Create the triggers (where missing) and recount from the rows, in one transaction."""
    statements = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(connection.vendor)
    if statements is None:
        raise NotImplementedError(f"No provision-count triggers for {connection.vendor}")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Stops children being written between the recount and the triggers taking over.
            cursor.execute("LOCK TABLE people_child IN SHARE ROW EXCLUSIVE MODE")
        for sql in statements + RECOUNT:
            cursor.execute(sql)


def children_by_provision(*provisions: str) -> dict[str, int]:
    """{provision: children} for the provisions asked for (0 when there are none)."""
    # Here, not at the top: people.apps loads this module before the app registry has the models.
    from people.models import ProvisionCount

    stored = dict(
        ProvisionCount.objects.filter(sen_provision__in=provisions).values_list("sen_provision", "children")
    )
    return {provision: stored.get(provision, 0) for provision in provisions}

