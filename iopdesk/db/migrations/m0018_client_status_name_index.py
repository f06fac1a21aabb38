"""Step 18: clients of one status in name order (the Clients list), replacing the index on the
status alone: with both, SQLite chose the narrower one and sorted every discharged client."""

from __future__ import annotations

import peewee

VERSION = 18
DESCRIPTION = "index: clients by status in name order, for search as you type"

#: The same SQL on SQLite and PostgreSQL.
STATEMENTS = (
    'CREATE INDEX "client_status_legal_last_name_legal_first_name" '
    'ON "client" ("status", "legal_last_name", "legal_first_name")',
    'DROP INDEX "client_status"',
)


def apply(db: peewee.Database) -> None:
    """Add the index, drop the one it replaces (a second on a clinic of 50,000 clients)."""
    for sql in STATEMENTS:
        db.execute_sql(sql)
