"""Step 15: aftercare plan versions (a final plan is revised as a new version of the episode's
plan) and the record of drafts a supervisor took over from a former colleague.

The new table is built from a frozen snapshot of the model as this step first shipped it.
"""

from __future__ import annotations

import peewee as pw

VERSION = 15
DESCRIPTION = "aftercare plan versions, draft takeovers"


class _Snapshot(pw.Model):
    """A table as this step knows it; index names follow the table name, as the models' do."""

    class Meta:
        legacy_table_names = False


class _Staff(_Snapshot):
    class Meta:
        table_name = "staff"


class _DraftTakeover(_Snapshot):
    kind = pw.CharField(max_length=12)
    record_id = pw.IntegerField()
    from_staff = pw.ForeignKeyField(_Staff, backref="+", on_delete="RESTRICT")
    to_staff = pw.ForeignKeyField(_Staff, backref="+", on_delete="RESTRICT")
    at = pw.DateTimeField()

    class Meta:
        table_name = "draft_takeover"
        indexes = ((("kind", "record_id"), False),)


def apply(db: pw.Database) -> None:
    """Number the plans (every existing one is version 1), let an episode hold several
    versions (one of each number), and create the takeover table (the same SQL serves SQLite
    and PostgreSQL)."""
    db.execute_sql("ALTER TABLE aftercare_plan ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    db.execute_sql("DROP INDEX aftercare_plan_episode_id")
    db.execute_sql("CREATE INDEX aftercare_plan_episode_id ON aftercare_plan (episode_id)")
    db.execute_sql(
        "CREATE UNIQUE INDEX aftercare_plan_episode_id_version "
        "ON aftercare_plan (episode_id, version)"
    )
    with db.bind_ctx([_Staff, _DraftTakeover]):
        db.create_tables([_DraftTakeover])
