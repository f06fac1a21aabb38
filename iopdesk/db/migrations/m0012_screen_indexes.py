"""Step 12: indexes for the screens people wait on (typing a search over a large clinic)."""

from __future__ import annotations

import peewee

VERSION = 12
DESCRIPTION = "indexes: a client's search words, for the Clients list's name-order walk"

#: The same SQL on SQLite and PostgreSQL.
STATEMENTS = (
    'CREATE INDEX "client_search_token_client_id_token" '
    'ON "client_search_token" ("client_id", "token")',
)


def apply(db: peewee.Database) -> None:
    """Add the indexes (a few seconds on a clinic of 50,000 clients)."""
    for sql in STATEMENTS:
        db.execute_sql(sql)
