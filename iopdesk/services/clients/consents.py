"""Consents: to treatment, the confidentiality notice, and 42 CFR 2.31 consents to disclose with
the categories of information each covers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from iopdesk.db.models.clients import CONSENT_KINDS, Consent
from iopdesk.db.models.core import Client, Staff
from iopdesk.domain import formats
from iopdesk.domain.releases import (
    CATEGORIES,
    category_names,
    category_words,
    parse_categories,
    store_categories,
    uncovered,
)
from iopdesk.domain.validators import (
    clean_text,
    date_field,
    fold,
    optional_text,
    required_text,
)
from iopdesk.errors import Collector, DomainError, NotFound
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
    categories: Sequence[str] = ()  # domain.releases.CATEGORIES keys the information covers


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
    categories: tuple[str, ...] = ()

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

    @property
    def covers(self) -> str:
        """The categories of information it covers, in words."""
        if self.kind != "disclose":
            return ""
        return category_words(self.categories) or "Not recorded yet"

    @property
    def covers_briefly(self) -> str:
        """What it covers in a few words (a table cell)."""
        if self.kind != "disclose":
            return ""
        return category_names(self.categories).capitalize() or "Not recorded yet"

    def not_covered(self, needed: Iterable[str]) -> str:
        """Why this consent cannot cover ``needed`` categories, in a sentence ("" if it does)."""
        if not self.categories:
            return (
                f"The consent of {formats.show_date(self.signed_on)} was recorded before "
                "IOPdesk kept what each consent covers; record the information it covers "
                "(Consents tab, “What it covers…”) from the signed form first."
            )
        missing = uncovered(self.categories, needed)
        if not missing:
            return ""
        return (
            f"The consent of {formats.show_date(self.signed_on)} does not cover "
            f"{category_words(missing).lower()}; it covers: {category_words(self.categories)}. "
            "Release only what the client agreed to, or ask the client to sign a consent "
            "that covers this."
        )


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


def client_record(client_id: int) -> Client:
    """The client row, or NotFound."""
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
    return consent_row(consent, dt.date.today())


@use_case("consent.treatment", "consent.manage", changes=("client",))
def record_treatment_consent(
    actor: Actor, client_id: int, signed_on: dt.date | str | None, note: str = ""
) -> ConsentRow:
    """The client signed the consent to treatment on ``signed_on``."""
    client = client_record(client_id)
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
    client = client_record(client_id)
    errors = Collector()
    day = _signed_date(errors, "given_on", given_on, "Date given", client)
    text = optional_text(errors, "note", note, "Note", max_len=2000, multiline=True)
    errors.raise_if_any()
    return _create(actor, client, "notice_given", signed_on=day, note=text)


@use_case("consent.disclose", "consent.manage", changes=("client",))
def add_disclosure_consent(actor: Actor, client_id: int, form: DisclosureConsentForm) -> ConsentRow:
    """Record a signed consent to disclose; every 42 CFR 2.31 element is required."""
    client = client_record(client_id)
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
    categories = categories_field(errors, form.categories)
    errors.raise_if_any()
    return _create(
        actor,
        client,
        "disclose",
        **values,
        categories=store_categories(categories),
        expires_on=expires,
        signed_on=signed,
        client_signed=True,
    )


def categories_field(errors: Collector, value: object) -> list[str]:
    """The ticked categories, checked: at least one, each one IOPdesk knows."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        errors.add("categories", "Tick the kinds of information the consent covers.")
        return []
    chosen = list(value)
    if not chosen:
        errors.add("categories", "Tick at least one kind of information the consent covers.")
    elif any(not isinstance(c, str) or c not in CATEGORIES for c in chosen):
        errors.add("categories", "Choose the kinds of information from the list.")
    return chosen


@use_case("consent.categories", "consent.manage", changes=("client",))
def record_consent_categories(
    actor: Actor, consent_id: int, categories: Sequence[str]
) -> ConsentRow:
    """Record what a consent recorded before IOPdesk kept categories covers, read from the
    signed form; a consent whose categories are on file never changes them (it is signed)."""
    consent = Consent.get_or_none(Consent.id == consent_id)
    if consent is None or consent.kind != "disclose":
        raise NotFound("That consent to disclose no longer exists.")
    if consent.categories:
        raise DomainError(
            "What this consent covers is already on file and cannot change: the client signed "
            "it. Record a new consent if the client agrees to something else."
        )
    errors = Collector()
    chosen = categories_field(errors, categories)
    errors.raise_if_any()
    consent.categories = store_categories(chosen)
    consent.save()
    describe(client_id=consent.client_id, record_type="consent", record_id=consent.id,
             detail=f"covers {consent.categories}")  # fmt: skip
    return consent_row(consent, dt.date.today())


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
    return consent_row(consent, dt.date.today())


def consent_row(c: Consent, on: dt.date, names: dict[int, str] | None = None) -> ConsentRow:
    """A stored consent as a plain row, with its standing on ``on``."""
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
        parse_categories(c.categories),
    )


def _consent_rows(client_id: int, day: dt.date) -> list[ConsentRow]:
    client_record(client_id)
    names = Staff.display_names()
    select = Consent.select().where(Consent.client == client_id)
    order = (Consent.signed_on.desc(), Consent.id.desc())
    return [consent_row(c, day, names) for c in select.order_by(*order)]


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
