"""Step 8: editable records carry a version, and who saved them last and when.

A save names the version it was opened at; one made from an older view is refused instead of
silently overwriting a colleague's newer change (``iopdesk.services.versions``).
"""

from __future__ import annotations

import peewee

from iopdesk.db.connection import is_sqlite

VERSION = 8
DESCRIPTION = "record versions: row_version, updated_by, updated_at on editable records"

#: Tables that gain all three columns (the others already say who saved them last, and when).
STAMPED = ("client", "treatment_plan", "problem", "goal", "objective", "intervention")
#: Tables that only gain the version.
VERSIONED = ("intake_assessment", "aftercare_plan", "group_note", "progress_note")


def apply(db: peewee.Database) -> None:
    """Add the columns; rows already there are version 1, saved by nobody known."""
    moment = "DATETIME" if is_sqlite(db) else "TIMESTAMP"
    for table in (*STAMPED, *VERSIONED):
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "row_version" INTEGER NOT NULL DEFAULT 1')
    for table in STAMPED:
        db.execute_sql(
            f'ALTER TABLE "{table}" ADD COLUMN "updated_by_id" INTEGER '
            'REFERENCES "staff" ("id") ON DELETE RESTRICT'
        )
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "updated_at" {moment}')
