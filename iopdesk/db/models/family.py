"""Family and collaterals: the people around a client, contacts with them, family sessions.

A collateral is anyone the program may talk to about the client (a parent, a spouse, a
probation officer). Recording them allows nothing by itself: contact is allowed only while a
consent to disclose names them (``consent`` and the consent's own spelling of the recipient).
Contact notes are signed like session notes: frozen once signed, corrected by addenda
(``NoteAddendum`` rows with ``note_kind`` "collateral").
"""

from __future__ import annotations

import peewee as pw

from iopdesk.db.models.base import BaseModel, now
from iopdesk.db.models.calendar import Session
from iopdesk.db.models.clients import Consent
from iopdesk.db.models.core import Client, Staff


class Collateral(BaseModel):
    """A family member or other collateral of one client."""

    client = pw.ForeignKeyField(Client, backref="collaterals", on_delete="RESTRICT")
    kind = pw.CharField(max_length=10, default="family")  # family | other
    name = pw.CharField(max_length=200)
    relationship = pw.CharField(max_length=100, default="")
    phone = pw.CharField(max_length=40, default="")
    #: the consent to disclose that names this person, and how that consent spells them
    consent = pw.ForeignKeyField(Consent, null=True, backref="collaterals", on_delete="RESTRICT")
    consent_recipient = pw.CharField(max_length=300, default="")
    #: still part of the client's life and care (old ones stay for the notes about them)
    active = pw.BooleanField(default=True)
    created_by = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    created_at = pw.DateTimeField(default=now)
    #: Bumped by every save; a save made from an older view is refused (services.versions).
    row_version = pw.IntegerField(default=1)
    updated_by = pw.ForeignKeyField(
        Staff, null=True, backref="+", on_delete="RESTRICT", index=False
    )
    updated_at = pw.DateTimeField(null=True)


class CollateralNote(BaseModel):
    """A note of one contact with a collateral (a phone call with a parent...)."""

    client = pw.ForeignKeyField(Client, backref="collateral_notes", on_delete="RESTRICT")
    collateral = pw.ForeignKeyField(Collateral, backref="notes", on_delete="RESTRICT")
    contact_on = pw.DateField()
    method = pw.CharField(max_length=12, default="phone")  # see domain/family.CONTACT_METHODS
    #: whether anything about the client was told to them (a disclosure under the consent)
    shared_information = pw.BooleanField(default=False)
    content = pw.TextField(default="")
    author = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    written_at = pw.DateTimeField(default=now)
    signed_by = pw.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    signed_at = pw.DateTimeField(null=True)
    #: Bumped by every save; a save made from an older view is refused (services.versions).
    row_version = pw.IntegerField(default=1)
    #: Who saved it last, and when: the writer of its current text.
    EDITED = ("author", "written_at")

    class Meta:
        indexes = ((("client", "contact_on"), False),)


class SessionCollateral(BaseModel):
    """A collateral who came to a (family) session."""

    session = pw.ForeignKeyField(Session, backref="collaterals", on_delete="RESTRICT")
    collateral = pw.ForeignKeyField(Collateral, backref="sessions", on_delete="RESTRICT")
    recorded_by = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    recorded_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("session", "collateral"), True),)


FAMILY_MODELS = [Collateral, CollateralNote, SessionCollateral]
