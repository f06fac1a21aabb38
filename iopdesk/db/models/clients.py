"""Client-side records: emergency contacts, insurance, consents, disclosures, search tokens."""

from __future__ import annotations

import peewee as pw

from iopdesk.db.models.base import BaseModel, now
from iopdesk.db.models.core import Client, Staff

CONSENT_KINDS = {
    "treatment": "Consent to treatment",
    "notice_given": "Confidentiality notice given",
    "disclose": "Consent to disclose",
}


class EmergencyContact(BaseModel):
    """Someone to call in an emergency (not, by itself, a consent to tell them anything)."""

    client = pw.ForeignKeyField(Client, backref="emergency_contacts", on_delete="RESTRICT")
    name = pw.CharField(max_length=200)
    relationship = pw.CharField(max_length=100, default="")
    phone = pw.CharField(max_length=40, default="")
    created_at = pw.DateTimeField(default=now)


class Insurance(BaseModel):
    """A payer and its authorization for IOP hours; old coverages stay, marked inactive."""

    client = pw.ForeignKeyField(Client, backref="insurances", on_delete="RESTRICT")
    payer = pw.CharField(max_length=200)
    member_number = pw.CharField(max_length=60, default="")
    group_number = pw.CharField(max_length=60, default="")
    authorization_number = pw.CharField(max_length=60, default="")
    auth_start = pw.DateField(null=True)
    auth_end = pw.DateField(null=True)
    authorized_hours = pw.IntegerField(null=True)
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField(default=now)


class Consent(BaseModel):
    """A consent to treatment, the notice date, or a 42 CFR 2.31 consent to disclose."""

    client = pw.ForeignKeyField(Client, backref="consents", on_delete="RESTRICT")
    kind = pw.CharField(max_length=20, index=True)  # treatment | notice_given | disclose
    # 42 CFR 2.31 elements (disclose); the patient's name is the client's own.
    discloser = pw.CharField(max_length=300, default="")
    information = pw.TextField(default="")
    # What the information covers, as domain.releases.CATEGORIES keys ("attendance,drug_tests");
    # empty on a consent recorded before IOPdesk kept them (it covers nothing until told).
    categories = pw.CharField(max_length=200, default="")
    recipients = pw.TextField(default="")
    purpose = pw.TextField(default="")
    revocation_text = pw.TextField(default="")
    expires_on = pw.DateField(null=True)
    expiry_event = pw.CharField(max_length=300, default="")
    client_signed = pw.BooleanField(default=False)
    signed_on = pw.DateField()  # date signed (or, for the notice, the date it was given)
    note = pw.TextField(default="")
    revoked_on = pw.DateField(null=True)
    revoked_reason = pw.TextField(default="")
    created_by = pw.ForeignKeyField(Staff, backref="consents_recorded", on_delete="RESTRICT")
    created_at = pw.DateTimeField(default=now)


class Disclosure(BaseModel):
    """One record that left the program under a consent: what, to whom, why, when, by whom
    (printed by IOPdesk, or told by phone, fax or in person and entered by hand)."""

    client = pw.ForeignKeyField(Client, backref="disclosures", on_delete="RESTRICT")
    consent = pw.ForeignKeyField(Consent, backref="disclosures", on_delete="RESTRICT")
    document = pw.CharField(max_length=300)
    recipient = pw.CharField(max_length=300)
    purpose = pw.TextField(default="")
    at = pw.DateTimeField(default=now)
    categories = pw.CharField(max_length=200, default="")  # domain.releases.CATEGORIES keys
    method = pw.CharField(max_length=20, default="printed")  # domain.releases.METHODS
    note = pw.TextField(default="")
    by = pw.ForeignKeyField(Staff, backref="disclosures_made", on_delete="RESTRICT")

    class Meta:
        indexes = ((("client", "at"), False),)


class ClientSearchToken(BaseModel):
    """One folded word a person may type to find a client; prefix search walks this index."""

    client = pw.ForeignKeyField(Client, backref="search_tokens", on_delete="CASCADE")
    token = pw.CharField(max_length=120)

    class Meta:
        # By word: typed prefixes; by client: "has this client a matching word?" (search walk)
        indexes = ((("token", "client"), False), (("client", "token"), False))


CLIENTS_MODELS = [EmergencyContact, Insurance, Consent, Disclosure, ClientSearchToken]
