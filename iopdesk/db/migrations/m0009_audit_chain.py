"""Step 9: the audit trail becomes a hash chain, and PostgreSQL also refuses TRUNCATE on it.

Rows already there are chained in id order, as if they had been written chained; the
append-only trigger is set aside only for that, inside this step's transaction.
"""

from __future__ import annotations

import peewee

from iopdesk.db import audit_chain
from iopdesk.db.connection import is_sqlite
from iopdesk.db.migrations import _m0007_sqlite

VERSION = 9
DESCRIPTION = "audit trail: chain_hash on every row; PostgreSQL refuses TRUNCATE"

_NO_UPDATE = next(
    sql
    for sql in _m0007_sqlite.STATEMENTS
    if sql.startswith("CREATE TRIGGER audit_event_no_update")
)


def apply(db: peewee.Database) -> None:
    """Add the column, chain the existing rows, and (PostgreSQL) add the TRUNCATE trigger."""
    db.execute_sql(
        'ALTER TABLE "audit_event" ADD COLUMN "chain_hash" VARCHAR(64) NOT NULL DEFAULT \'\''
    )
    if is_sqlite(db):
        db.execute_sql("DROP TRIGGER audit_event_no_update")
        _chain_existing_rows(db)
        db.execute_sql(_NO_UPDATE)
        return
    db.execute_sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
    _chain_existing_rows(db)
    db.execute_sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only")
    db.execute_sql(
        "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()"
    )


def _chain_existing_rows(db: peewee.Database) -> None:
    fields = ", ".join(audit_chain.FIELDS)
    rows = db.execute_sql(f"SELECT id, {fields} FROM audit_event ORDER BY id").fetchall()
    previous = audit_chain.GENESIS
    links = []
    for row in rows:
        previous = audit_chain.link(previous, row[1:])
        links.append((previous, row[0]))
    cursor = db.cursor()
    cursor.executemany(
        f"UPDATE audit_event SET chain_hash = {db.param} WHERE id = {db.param}", links
    )
