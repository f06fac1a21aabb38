"""Step 3: intake assessments, substance use, screenings, ASAM, suitability, addenda."""

from __future__ import annotations

import peewee

from iopdesk.db.models.intake import INTAKE_MODELS

VERSION = 3
DESCRIPTION = "intake assessments and screenings"


def apply(db: peewee.Database) -> None:
    db.create_tables(INTAKE_MODELS)
