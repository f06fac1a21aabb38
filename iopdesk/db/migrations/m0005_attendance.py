"""Step 5: attendance, group and progress notes with addenda, drug tests and their results."""

from __future__ import annotations

import peewee

from iopdesk.db.models.attendance import ATTENDANCE_MODELS

VERSION = 5
DESCRIPTION = "attendance, session notes and drug tests"


def apply(db: peewee.Database) -> None:
    db.create_tables(ATTENDANCE_MODELS)
