"""Step 7: discharges, aftercare plans (appointments, support groups, contacts), follow-ups."""

from __future__ import annotations

import peewee

from iopdesk.db.models.aftercare import AFTERCARE_MODELS

VERSION = 7
DESCRIPTION = "discharge and aftercare"


def apply(db: peewee.Database) -> None:
    db.create_tables(AFTERCARE_MODELS)
