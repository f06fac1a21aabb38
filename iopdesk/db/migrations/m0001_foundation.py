"""Step 1: clinic, settings, staff, clients, episodes, the append-only audit trail, drafts."""

from __future__ import annotations

import peewee

from iopdesk.db.connection import APPLICATION_ID, is_sqlite
from iopdesk.db.models.core import CORE_MODELS

VERSION = 1
DESCRIPTION = "foundation"


def apply(db: peewee.Database) -> None:
    db.create_tables(CORE_MODELS)
    if is_sqlite(db):
        db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        for verb in ("UPDATE", "DELETE"):
            db.execute_sql(
                f"CREATE TRIGGER audit_event_no_{verb.lower()} BEFORE {verb} ON audit_event "
                "BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only.'); END"
            )
    else:
        db.execute_sql(
            "CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'The audit trail is append-only.'; END; $$ LANGUAGE plpgsql"
        )
        db.execute_sql(
            "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()"
        )
