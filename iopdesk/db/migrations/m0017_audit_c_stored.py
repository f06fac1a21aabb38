"""Step 17: an AUDIT keeps its AUDIT-C (items 1-3) as scored when saved, with the cut-off used.

Rows saved before this step keep the columns empty; the chart and the intake summary score
them from their stored answers when shown.
"""

from __future__ import annotations

import peewee

VERSION = 17
DESCRIPTION = "screening result: the AUDIT-C score, band and cut-off stored with an AUDIT"


def apply(db: peewee.Database) -> None:
    """Three columns, the same words on SQLite and PostgreSQL."""
    for column in (
        "audit_c_total INTEGER",
        "audit_c_band VARCHAR(120) NOT NULL DEFAULT ''",
        "audit_c_cut INTEGER",
    ):
        db.execute_sql(f"ALTER TABLE screening_result ADD COLUMN {column}")
