"""Step 10: what a consent covers, how a disclosure was made, and why a client was absent."""

from __future__ import annotations

import peewee

VERSION = 10
DESCRIPTION = "consent categories, disclosure method and note, absence reasons"

STATEMENTS = (
    "ALTER TABLE consent ADD COLUMN categories VARCHAR(200) NOT NULL DEFAULT ''",
    "ALTER TABLE disclosure ADD COLUMN categories VARCHAR(200) NOT NULL DEFAULT ''",
    "ALTER TABLE disclosure ADD COLUMN method VARCHAR(20) NOT NULL DEFAULT 'printed'",
    "ALTER TABLE disclosure ADD COLUMN note TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE attendance ADD COLUMN absence_reason VARCHAR(300) NOT NULL DEFAULT ''",
)


def apply(db: peewee.Database) -> None:
    """Add the columns; the same text serves SQLite and PostgreSQL. Consents recorded before
    keep no categories: they cover nothing until a clinician records what they cover."""
    for sql in STATEMENTS:
        db.execute_sql(sql)
