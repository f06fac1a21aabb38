"""Consents: to treatment, the confidentiality notice, 42 CFR 2.31 disclosures, and their log."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from iopdesk.db.models.base import now
from iopdesk.db.models.clients import CONSENT_KINDS, Consent, Disclosure
from iopdesk.db.models.core import Client, Staff
from iopdesk.domain import formats
from iopdesk.domain.validators import (
    MAX_SHORT,
    clean_text,
    date_field,
    fold,
    optional_text,
    required_text,
)
from iopdesk.errors import Collector, DomainError, NotFound, ValidationError
from iopdesk.services.context import Actor, describe, use_case

DEFAULT_REVOCATION_TEXT = (
    "You may revoke this consent at any time, except to the extent the program has already "
    "acted on it, by telling the program in writing: hand or mail a signed, dated note to the "
    "clinic's front desk."
)
STATUS_LABELS = {
    "active": "Active",
    "expired": "Expired",
    "revoked": "Revoked",
    "pending": "Not yet in effect",
    "given": "Given",
}


def named_recipients(recipients: str) -> list[str]:
    """The recipients a consent names: one per line (or separated by semicolons)."""
    names: list[str] = []
    for part in re.split(r"[\n;]+", recipients or ""):
        name = " ".join(part.split())
        if name and name not in names:
            names.append(name)
    return names


def _recipient_key(name: str) -> str:
    # Case, accents, spacing and end punctuation do not make a different recipient.
    return " ".join(fold(clean_text(name)).split()).strip(" .,;:")


def named_recipient(recipients: str, recipient: str) -> str | None:
    """The consent's own spelling of ``recipient`` when the consent names it, else None."""
    wanted = _recipient_key(recipient)
    for name in named_recipients(recipients):
        if wanted and _recipient_key(name) == wanted:
            return name
    return None


@dataclass(frozen=True)
class DisclosureConsentForm:
    """Every element 42 CFR 2.31 requires (the patient's name is the client's own)."""

    discloser: str
    information: str
    recipients: str
    purpose: str
    revocation_text: str
    expires_on: dt.date | str | None
    expiry_event: str
    client_signed: bool
    signed_on: dt.date | str | None
    note: str = ""


@dataclass(frozen=True)
class ConsentRow:
    """A consent as the chart lists it, with its standing on the day asked about."""

    id: int
    client_id: int
    kind: str
    kind_label: str
    signed_on: dt.date
    discloser: str
    information: str
    recipients: str
    purpose: str
    revocation_text: str
    expires_on: dt.date | None
    expiry_event: str
    client_signed: bool
    note: str
    revoked_on: dt.date | None
    revoked_reason: str
    recorded_by: str
    status: str

    @property
    def active(self) -> bool:
        """True while the consent may be relied on."""
        return self.status in ("active", "given")

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def recipient_choices(self) -> tuple[str, ...]:
        """The recipients this consent names, the only ones a release may go to."""
        return tuple(named_recipients(self.recipients))

    @property
    def expiry(self) -> str:
        """The expiration date and/or event, in words."""
        parts = [formats.show_date(self.expires_on)] if self.expires_on else []
        if self.expiry_event:
            parts.append(self.expiry_event)
        return " or ".join(parts) if parts else "—"


@dataclass(frozen=True)
class DisclosureRow:
    """One line of the disclosure log."""

    id: int
    at: dt.datetime
    document: str
    recipient: str
    purpose: str
    consent_id: int
    by: str


def consent_status(consent: Consent, on: dt.date) -> str:
    """active | expired | revoked | pending (signed later) | given (the notice)."""
    if consent.revoked_on is not None and consent.revoked_on <= on:
        return "revoked"
    if consent.kind == "notice_given":
        return "given" if consent.signed_on <= on else "pending"
    if consent.signed_on > on:
        return "pending"
    if consent.expires_on is not None and consent.expires_on < on:
        return "expired"
    return "active"


def _client(client_id: int) -> Client:
    client = Client.get_or_none(Client.id == client_id)
    if client is None:
        raise NotFound("That client record does not exist.")
    return client


def _signed_date(errors: Collector, field: str, value: object, label: str, client: Client):
    day = date_field(errors, field, value, label)
    if day is not None:
        if day > dt.date.today():
            errors.add(field, f"{label} cannot be in the future.")
        elif day < client.date_of_birth:
            errors.add(field, f"{label} cannot be before the client's date of birth.")
    return day


def _create(actor: Actor, client: Client, kind: str, **values: object) -> ConsentRow:
    consent = Consent.create(client=client.id, kind=kind, created_by=actor.staff_id, **values)
    describe(
        client_id=client.id,
        record_type="consent",
        record_id=consent.id,
        detail=CONSENT_KINDS[kind],
    )
    return _row(consent, dt.date.today())


@use_case("consent.treatment", "consent.manage", changes=("client",))
def record_treatment_consent(
    actor: Actor, client_id: int, signed_on: dt.date | str | None, note: str = ""
) -> ConsentRow:
    """The client signed the consent to treatment on ``signed_on``."""
    client = _client(client_id)
    errors = Collector()
    day = _signed_date(errors, "signed_on", signed_on, "Date signed", client)
    text = optional_text(errors, "note", note, "Note", max_len=2000, multiline=True)
    errors.raise_if_any()
    return _create(actor, client, "treatment", signed_on=day, client_signed=True, note=text)


@use_case("consent.notice", "consent.manage", changes=("client",))
def record_notice_given(
    actor: Actor, client_id: int, given_on: dt.date | str | None, note: str = ""
) -> ConsentRow:
    """The confidentiality notice (42 CFR 2.22) was given to the client on ``given_on``."""
    client = _client(client_id)
    errors = Collector()
    day = _signed_date(errors, "given_on", given_on, "Date given", client)
    text = optional_text(errors, "note", note, "Note", max_len=2000, multiline=True)
    errors.raise_if_any()
    return _create(actor, client, "notice_given", signed_on=day, note=text)


@use_case("consent.disclose", "consent.manage", changes=("client",))
def add_disclosure_consent(actor: Actor, client_id: int, form: DisclosureConsentForm) -> ConsentRow:
    """Record a signed consent to disclose; every 42 CFR 2.31 element is required."""
    client = _client(client_id)
    errors = Collector()
    long = {"max_len": 5000, "multiline": True}
    values = {
        "discloser": required_text(
            errors, "discloser", form.discloser, "Who may disclose", max_len=300
        ),
        "information": required_text(
            errors, "information", form.information, "Information to disclose", **long
        ),
        "recipients": required_text(errors, "recipients", form.recipients, "Recipients", **long),
        "purpose": required_text(errors, "purpose", form.purpose, "Purpose", **long),
        "revocation_text": required_text(
            errors, "revocation_text", form.revocation_text, "Right to revoke", **long
        ),
        "expiry_event": optional_text(
            errors, "expiry_event", form.expiry_event, "Expiry event", max_len=300
        ),
        "note": optional_text(errors, "note", form.note, "Note", max_len=2000, multiline=True),
    }
    signed = _signed_date(errors, "signed_on", form.signed_on, "Date signed", client)
    expires = date_field(errors, "expires_on", form.expires_on, "Expiry date", required=False)
    if expires is None and not values["expiry_event"] and "expires_on" not in errors.fields:
        errors.add(
            "expires_on", 'Give an expiry date or an expiry event (for example "end of probation").'
        )
    if expires is not None and signed is not None and expires <= signed:
        errors.add("expires_on", "Expiry date must be after the date signed.")
    if not form.client_signed:
        errors.add("client_signed", "The consent is valid only once the client has signed it.")
    errors.raise_if_any()
    return _create(
        actor,
        client,
        "disclose",
        **values,
        expires_on=expires,
        signed_on=signed,
        client_signed=True,
    )


@use_case("consent.revoke", "consent.manage", changes=("client",))
def revoke_consent(
    actor: Actor, consent_id: int, revoked_on: dt.date | str | None, reason: str
) -> ConsentRow:
    """The client revoked a consent (in writing) on ``revoked_on``; it stays listed as revoked."""
    consent = Consent.get_or_none(Consent.id == consent_id)
    if consent is None:
        raise NotFound("That consent no longer exists.")
    if consent.kind == "notice_given":
        raise DomainError("A confidentiality notice was given; it cannot be revoked.")
    if consent.revoked_on is not None:
        raise DomainError(
            f"This consent was already revoked on {formats.show_date(consent.revoked_on)}."
        )
    errors = Collector()
    day = date_field(errors, "revoked_on", revoked_on, "Date revoked")
    if day is not None and day > dt.date.today():
        errors.add("revoked_on", "Date revoked cannot be in the future.")
    elif day is not None and day < consent.signed_on:
        errors.add("revoked_on", "Date revoked cannot be before the consent was signed.")
    text = required_text(errors, "reason", reason, "Reason", max_len=2000, multiline=True)
    errors.raise_if_any()
    consent.revoked_on, consent.revoked_reason = day, text
    consent.save()
    describe(
        client_id=consent.client_id, record_type="consent", record_id=consent.id, detail="revoked"
    )
    return _row(consent, dt.date.today())


def _row(c: Consent, on: dt.date, names: dict[int, str] | None = None) -> ConsentRow:
    if names is None:
        staff = Staff.get_or_none(Staff.id == c.created_by_id)
        names = {c.created_by_id: staff.display_name if staff else ""}
    return ConsentRow(
        c.id,
        c.client_id,
        c.kind,
        CONSENT_KINDS.get(c.kind, c.kind),
        c.signed_on,
        c.discloser,
        c.information,
        c.recipients,
        c.purpose,
        c.revocation_text,
        c.expires_on,
        c.expiry_event,
        c.client_signed,
        c.note,
        c.revoked_on,
        c.revoked_reason,
        names.get(c.created_by_id, ""),
        consent_status(c, on),
    )


def _staff_names() -> dict[int, str]:
    return {s.id: s.display_name for s in Staff.select()}


def _consent_rows(client_id: int, day: dt.date) -> list[ConsentRow]:
    _client(client_id)
    names = _staff_names()
    select = Consent.select().where(Consent.client == client_id)
    order = (Consent.signed_on.desc(), Consent.id.desc())
    return [_row(c, day, names) for c in select.order_by(*order)]


@use_case("consent.list", "consent.manage", kind="read", audited=False)
def list_consents(actor: Actor, client_id: int, on: dt.date | None = None) -> list[ConsentRow]:
    """All the client's consents, newest first, each with its standing on ``on`` (today)."""
    return _consent_rows(client_id, on or dt.date.today())


@use_case("consent.active", "consent.manage", kind="read", audited=False)
def active_disclosure_consents(
    actor: Actor, client_id: int, on: dt.date | None = None
) -> list[ConsentRow]:
    """Consents to disclose in force on ``on`` (for "release under which consent?" pickers)."""
    rows = _consent_rows(client_id, on or dt.date.today())
    return [row for row in rows if row.kind == "disclose" and row.status == "active"]


def log_disclosure(
    actor: Actor,
    client_id: int,
    consent_id: int,
    document: str,
    recipient: str,
    purpose: str,
) -> DisclosureRow:
    """Log a record leaving the program (call inside your own use case's transaction).

    Raises DomainError unless ``consent_id`` is this client's consent to disclose, in force today,
    and ValidationError (on ``recipient``) unless the consent names the recipient; the log keeps
    the consent's spelling of the recipient.
    """
    consent = Consent.get_or_none(Consent.id == consent_id)
    if consent is None or consent.client_id != client_id or consent.kind != "disclose":
        raise DomainError(
            "There is no consent to disclose on file for this client under that number; "
            "record the client's signed consent first."
        )
    status = consent_status(consent, dt.date.today())
    if status != "active":
        raise DomainError(
            f"The client's consent to disclose is {STATUS_LABELS[status].lower()}; "
            "nothing may be released under it."
        )
    errors = Collector()
    values = {
        "document": required_text(errors, "document", document, "Document", max_len=300),
        "recipient": required_text(errors, "recipient", recipient, "Recipient", max_len=300),
        "purpose": required_text(
            errors, "purpose", purpose or consent.purpose, "Purpose", max_len=MAX_SHORT * 10
        ),
    }
    errors.raise_if_any()
    named = named_recipient(consent.recipients, values["recipient"])
    if named is None:
        raise ValidationError({"recipient": (
            f"The client's consent of {formats.show_date(consent.signed_on)} does not name "
            f"“{values['recipient']}” as a recipient; it names: "
            f"{'; '.join(named_recipients(consent.recipients))}. Release only to a recipient "
            "the consent names, or ask the client to sign a consent that names this one."
        )})  # fmt: skip
    values["recipient"] = named
    row = Disclosure.create(
        client=client_id, consent=consent_id, by=actor.staff_id, at=now(), **values
    )
    return DisclosureRow(
        row.id, row.at, row.document, row.recipient, row.purpose, consent_id, actor.full_name
    )


@use_case("disclosure.list", "consent.manage", kind="read", audited=False)
def list_disclosures(actor: Actor, client_id: int) -> list[DisclosureRow]:
    """The client's disclosure log, newest first."""
    _client(client_id)
    names = _staff_names()
    select = Disclosure.select().where(Disclosure.client == client_id)
    return [
        DisclosureRow(
            d.id, d.at, d.document, d.recipient, d.purpose, d.consent_id, names.get(d.by_id, "")
        )
        for d in select.order_by(Disclosure.at.desc(), Disclosure.id.desc())
    ]
