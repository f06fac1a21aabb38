"""Step 6: treatment plans, their content, signatures, reviews and the plan library."""

from __future__ import annotations

import peewee

from iopdesk.db.models.plans import PLANS_MODELS

VERSION = 6
DESCRIPTION = "treatment plans"


def apply(db: peewee.Database) -> None:
    db.create_tables(PLANS_MODELS)
