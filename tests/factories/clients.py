"""Test factories for clients and consents (through the real services)."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.core import Client
from iopdesk.services.clients import consents
from iopdesk.services.clients import records as clients
from iopdesk.services.context import Actor


def client_form(
    first: str = "Maria",
    last: str = "Lopez",
    dob: dt.date | str = dt.date(1988, 4, 12),
    **extra: object,
) -> clients.ClientForm:
    """A valid New client form (override any field)."""
    return clients.ClientForm(first, last, dob, **extra)  # type: ignore[arg-type]


def register(actor: Actor, first: str = "Maria", last: str = "Lopez", **extra: object) -> Client:
    """Register a client through the service and return the row."""
    return clients.register_client(actor, client_form(first, last, **extra))


def disclosure_form(**extra: object) -> consents.DisclosureConsentForm:
    """A consent to disclose with every 42 CFR 2.31 element filled in."""
    values: dict[str, object] = {
        "discloser": "Riverbend Recovery",
        "information": "Attendance dates and drug test results from this episode",
        "recipients": "Hennepin County Drug Court, Officer Dana Reyes",
        "purpose": "Compliance with the conditions of probation",
        "revocation_text": consents.DEFAULT_REVOCATION_TEXT,
        "expires_on": dt.date.today() + dt.timedelta(days=180),
        "expiry_event": "",
        "client_signed": True,
        "signed_on": dt.date.today(),
    }
    values.update(extra)
    return consents.DisclosureConsentForm(**values)  # type: ignore[arg-type]
