"""Step 7, the baseline: the whole schema of the first release, from its own frozen SQL text."""

from __future__ import annotations

import peewee

from iopdesk.db.connection import is_sqlite
from iopdesk.db.migrations import _m0007_postgresql, _m0007_sqlite

VERSION = 7
DESCRIPTION = "baseline: the schema of the first release"


def apply(db: peewee.Database) -> None:
    """Create every table, index and audit trigger of version 7 in an empty database."""
    statements = _m0007_sqlite.STATEMENTS if is_sqlite(db) else _m0007_postgresql.STATEMENTS
    for sql in statements:
        db.execute_sql(sql)
