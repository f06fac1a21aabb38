"""Step 14: sobriety dates, one row per setting or reset (the client's history).

The table is built from a frozen snapshot of the model as this step first shipped it.
"""

from __future__ import annotations

import peewee as pw

VERSION = 14
DESCRIPTION = "sobriety dates"


class _Snapshot(pw.Model):
    """A table as this step knows it; index names follow the table name, as the models' do."""

    class Meta:
        legacy_table_names = False


class _Client(_Snapshot):
    class Meta:
        table_name = "client"


class _Staff(_Snapshot):
    class Meta:
        table_name = "staff"


class _SobrietyDate(_Snapshot):
    client = pw.ForeignKeyField(_Client, on_delete="RESTRICT")
    sober_since = pw.DateField()
    note = pw.CharField(max_length=200, default="")
    set_by = pw.ForeignKeyField(_Staff, backref="+", on_delete="RESTRICT")
    set_at = pw.DateTimeField()

    class Meta:
        table_name = "sobriety_date"


def apply(db: pw.Database) -> None:
    """Create the table (peewee writes the SQL for SQLite and PostgreSQL alike)."""
    with db.bind_ctx([_Client, _Staff, _SobrietyDate]):
        db.create_tables([_SobrietyDate])
