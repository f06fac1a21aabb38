"""Step 16: the course of an episode: program phase changes, and level-of-care changes with
their ASAM re-ratings.

The tables are built from frozen snapshots of the models as this step first shipped them.
"""

from __future__ import annotations

import peewee as pw

VERSION = 16
DESCRIPTION = "program phase changes; level-of-care changes with ASAM re-ratings"


class _Snapshot(pw.Model):
    """A table as this step knows it; index names follow the table name, as the models' do."""

    class Meta:
        legacy_table_names = False


class _Client(_Snapshot):
    class Meta:
        table_name = "client"


class _Episode(_Snapshot):
    class Meta:
        table_name = "episode"


class _Staff(_Snapshot):
    class Meta:
        table_name = "staff"


class _Discharge(_Snapshot):
    class Meta:
        table_name = "discharge"


class _PhaseChange(_Snapshot):
    client = pw.ForeignKeyField(_Client, on_delete="RESTRICT")
    episode = pw.ForeignKeyField(_Episode, on_delete="RESTRICT", index=False)
    phase = pw.CharField(max_length=60)
    effective_date = pw.DateField()
    reason = pw.CharField(max_length=200, default="")
    decided_by = pw.ForeignKeyField(_Staff, backref="+", on_delete="RESTRICT")
    recorded_at = pw.DateTimeField()

    class Meta:
        table_name = "phase_change"
        indexes = ((("episode", "effective_date"), False),)


class _LevelOfCareChange(_Snapshot):
    client = pw.ForeignKeyField(_Client, on_delete="RESTRICT")
    episode = pw.ForeignKeyField(_Episode, on_delete="RESTRICT", index=False)
    effective_date = pw.DateField()
    from_level = pw.CharField(max_length=80, default="")
    to_level = pw.CharField(max_length=80)
    justification = pw.TextField()
    discharge = pw.ForeignKeyField(_Discharge, null=True, backref="+", on_delete="RESTRICT")
    decided_by = pw.ForeignKeyField(_Staff, backref="+", on_delete="RESTRICT")
    recorded_at = pw.DateTimeField()

    class Meta:
        table_name = "level_of_care_change"
        indexes = ((("episode", "effective_date"), False),)


class _LevelOfCareRating(_Snapshot):
    change = pw.ForeignKeyField(_LevelOfCareChange, on_delete="CASCADE", index=False)
    dimension = pw.IntegerField()
    rating = pw.IntegerField()
    narrative = pw.TextField(default="")

    class Meta:
        table_name = "level_of_care_rating"
        indexes = ((("change", "dimension"), True),)


_STUBS = [_Client, _Episode, _Staff, _Discharge]
_TABLES = [_PhaseChange, _LevelOfCareChange, _LevelOfCareRating]


def apply(db: pw.Database) -> None:
    """Create the tables (peewee writes the SQL for SQLite and PostgreSQL alike)."""
    with db.bind_ctx([*_STUBS, *_TABLES]):
        db.create_tables(_TABLES)
