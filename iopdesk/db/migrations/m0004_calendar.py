"""Step 4: rooms, closed days, groups, session series and concrete sessions."""

from __future__ import annotations

import peewee

from iopdesk.db.models.calendar import CALENDAR_MODELS

VERSION = 4
DESCRIPTION = "calendar and groups"


def apply(db: peewee.Database) -> None:
    db.create_tables(CALENDAR_MODELS)
