"""Backing up and restoring the whole database, on either engine the system runs on.

PostgreSQL: pg_dump's custom format, restored with pg_restore into the same database (tables
dropped and re-created in one transaction, so a failed restore leaves the database as it was).
SQLite: SQLite's online backup API, which copies a consistent snapshot while the app is running.
The password reaches pg_dump and pg_restore through the environment, never the command line
(which other users of the machine can read).
"""

import glob
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - fixed PostgreSQL tools, arguments passed as a list
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    pass


def backup(path: Path) -> Path:
    path = Path(path)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        target.close()
    elif connection.vendor == "postgresql":
        _run_postgres_tool("pg_dump", "--format=custom", "--no-owner", f"--file={path}")
    else:
        raise BackupError(f"No backup method for the {connection.vendor} database")
    return path


def restore(path: Path) -> None:
    """Replace everything in the database with the backup at `path`. Stop the web and worker
    processes first: a restore is not something to run under live traffic."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        connection.close()  # our own idle session must not hold locks the restore needs
        _run_postgres_tool(
            "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(path)
        )
    else:
        raise BackupError(f"No restore method for the {connection.vendor} database")


def _run_postgres_tool(tool: str, *arguments: str) -> None:
    database = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    command = [
        _postgres_tool(tool),
        f"--host={database.get('HOST') or 'localhost'}",
        f"--port={database.get('PORT') or 5432}",
        f"--username={database.get('USER') or ''}",
        f"--dbname={database['NAME']}",
        *arguments,
    ]
    # The command is a list naming a PostgreSQL tool: no shell, nothing from a user.
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()[:500]}")


def _postgres_tool(tool: str) -> str:
    # The server's own version of the tool first: pg_dump refuses a server newer than itself.
    for found in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"), reverse=True):
        return found
    found = shutil.which(tool)
    if not found:
        raise BackupError(f"{tool} is not installed (Debian package postgresql-client)")
    return found
