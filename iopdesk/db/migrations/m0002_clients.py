"""Step 2: emergency contacts, insurance, consents, the disclosure log and client search words."""

from __future__ import annotations

import peewee

from iopdesk.db.models.clients import CLIENTS_MODELS

VERSION = 2
DESCRIPTION = "clients: contacts, insurance, consents, disclosures"


def apply(db: peewee.Database) -> None:
    db.create_tables(CLIENTS_MODELS)
