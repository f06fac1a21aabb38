"""Emergency contacts and insurance: validated forms and the use cases that change them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iopdesk.db.models.clients import EmergencyContact, Insurance
from iopdesk.db.models.core import Client
from iopdesk.domain import formats
from iopdesk.domain.validators import date_field, optional_text, phone_field, required_text
from iopdesk.errors import Collector, NotFound
from iopdesk.services.context import Actor, describe, use_case

MAX_AUTHORIZED_HOURS = 2000


@dataclass(frozen=True)
class EmergencyContactForm:
    """Who to call in an emergency."""

    name: str
    relationship: str = ""
    phone: str = ""


@dataclass(frozen=True)
class InsuranceForm:
    """A payer with its member numbers and the authorization for IOP hours."""

    payer: str
    member_number: str = ""
    group_number: str = ""
    authorization_number: str = ""
    auth_start: dt.date | str | None = None
    auth_end: dt.date | str | None = None
    authorized_hours: int | str | None = None
    active: bool = True


@dataclass(frozen=True)
class EmergencyContactRow:
    """An emergency contact as the chart shows it."""

    id: int
    name: str
    relationship: str
    phone: str


@dataclass(frozen=True)
class InsuranceRow:
    """A coverage as the chart shows it."""

    id: int
    payer: str
    member_number: str
    group_number: str
    authorization_number: str
    auth_start: dt.date | None
    auth_end: dt.date | None
    authorized_hours: int | None
    active: bool

    @property
    def authorization(self) -> str:
        """ "A-1234 · 2025-01-01 to 2025-03-31 · 90 h" (blank parts left out)."""
        parts = [self.authorization_number]
        if self.auth_start or self.auth_end:
            start = formats.show_date(self.auth_start) if self.auth_start else "?"
            end = formats.show_date(self.auth_end) if self.auth_end else "?"
            parts.append(f"{start} to {end}")
        if self.authorized_hours is not None:
            parts.append(f"{self.authorized_hours} h")
        return " · ".join(p for p in parts if p)


def validate_emergency_contact(
    errors: Collector, form: EmergencyContactForm, prefix: str = ""
) -> dict[str, str]:
    """Clean an emergency contact; field names get ``prefix`` (the New client form's)."""
    return {
        "name": required_text(errors, f"{prefix}name", form.name, "Emergency contact name"),
        "relationship": optional_text(
            errors, f"{prefix}relationship", form.relationship, "Relationship", max_len=100
        ),
        "phone": phone_field(
            errors, f"{prefix}phone", form.phone, "Emergency contact phone", required=True
        ),
    }


def _hours(errors: Collector, field: str, value: object) -> int | None:
    if value in (None, ""):
        return None
    try:
        hours = int(str(value).strip())
    except ValueError:
        errors.add(field, "Authorized hours must be a whole number.")
        return None
    if not 0 <= hours <= MAX_AUTHORIZED_HOURS:
        errors.add(field, f"Authorized hours must be between 0 and {MAX_AUTHORIZED_HOURS}.")
        return None
    return hours


def validate_insurance(errors: Collector, form: InsuranceForm, prefix: str = "") -> dict:
    """Clean a coverage: payer required, authorization ends on or after it starts."""
    values = {
        "payer": required_text(errors, f"{prefix}payer", form.payer, "Payer"),
        "member_number": optional_text(
            errors, f"{prefix}member_number", form.member_number, "Member number", max_len=60
        ),
        "group_number": optional_text(
            errors, f"{prefix}group_number", form.group_number, "Group number", max_len=60
        ),
        "authorization_number": optional_text(
            errors,
            f"{prefix}authorization_number",
            form.authorization_number,
            "Authorization number",
            max_len=60,
        ),
        "auth_start": date_field(
            errors, f"{prefix}auth_start", form.auth_start, "Authorization start", required=False
        ),
        "auth_end": date_field(
            errors, f"{prefix}auth_end", form.auth_end, "Authorization end", required=False
        ),
        "authorized_hours": _hours(errors, f"{prefix}authorized_hours", form.authorized_hours),
        "active": bool(form.active),
    }
    start, end = values["auth_start"], values["auth_end"]
    if start and end and end < start:
        errors.add(f"{prefix}auth_end", "Authorization end cannot be before its start.")
    return values


def create_emergency_contact(client_id: int, values: dict) -> EmergencyContact:
    """Insert validated values (inside the calling use case)."""
    return EmergencyContact.create(client=client_id, **values)


def create_insurance(client_id: int, values: dict) -> Insurance:
    """Insert validated values (inside the calling use case)."""
    return Insurance.create(client=client_id, **values)


def _client(client_id: int) -> Client:
    client = Client.get_or_none(Client.id == client_id)
    if client is None:
        raise NotFound("That client record does not exist.")
    return client


@use_case("client.contact.add", "client.edit", changes=("client",))
def add_emergency_contact(
    actor: Actor, client_id: int, form: EmergencyContactForm
) -> EmergencyContactRow:
    """Add an emergency contact to a client."""
    _client(client_id)
    errors = Collector()
    values = validate_emergency_contact(errors, form)
    errors.raise_if_any()
    row = create_emergency_contact(client_id, values)
    describe(client_id=client_id, record_type="emergency_contact", record_id=row.id)
    return _contact_row(row)


@use_case("client.contact.edit", "client.edit", changes=("client",))
def edit_emergency_contact(
    actor: Actor, contact_id: int, form: EmergencyContactForm
) -> EmergencyContactRow:
    """Correct an emergency contact."""
    row = EmergencyContact.get_or_none(EmergencyContact.id == contact_id)
    if row is None:
        raise NotFound("That emergency contact no longer exists.")
    errors = Collector()
    values = validate_emergency_contact(errors, form)
    errors.raise_if_any()
    EmergencyContact.update(**values).where(EmergencyContact.id == contact_id).execute()
    describe(client_id=row.client_id, record_type="emergency_contact", record_id=contact_id)
    return _contact_row(EmergencyContact.get_by_id(contact_id))


@use_case("client.contact.remove", "client.edit", changes=("client",))
def remove_emergency_contact(actor: Actor, contact_id: int) -> None:
    """Remove an emergency contact the client no longer wants called."""
    row = EmergencyContact.get_or_none(EmergencyContact.id == contact_id)
    if row is None:
        raise NotFound("That emergency contact no longer exists.")
    describe(
        client_id=row.client_id,
        record_type="emergency_contact",
        record_id=contact_id,
        detail=f"removed {row.name}",
    )
    row.delete_instance()


@use_case("client.insurance.add", "client.edit", changes=("client",))
def add_insurance(actor: Actor, client_id: int, form: InsuranceForm) -> InsuranceRow:
    """Add a coverage to a client."""
    _client(client_id)
    errors = Collector()
    values = validate_insurance(errors, form)
    errors.raise_if_any()
    row = create_insurance(client_id, values)
    describe(client_id=client_id, record_type="insurance", record_id=row.id, detail=row.payer)
    return _insurance_row(row)


@use_case("client.insurance.edit", "client.edit", changes=("client",))
def edit_insurance(actor: Actor, insurance_id: int, form: InsuranceForm) -> InsuranceRow:
    """Correct a coverage or its authorization (set ``active`` False when it ended)."""
    row = Insurance.get_or_none(Insurance.id == insurance_id)
    if row is None:
        raise NotFound("That insurance record no longer exists.")
    errors = Collector()
    values = validate_insurance(errors, form)
    errors.raise_if_any()
    Insurance.update(**values).where(Insurance.id == insurance_id).execute()
    describe(client_id=row.client_id, record_type="insurance", record_id=insurance_id)
    return _insurance_row(Insurance.get_by_id(insurance_id))


def _contact_row(c: EmergencyContact) -> EmergencyContactRow:
    return EmergencyContactRow(c.id, c.name, c.relationship, c.phone)


def _insurance_row(i: Insurance) -> InsuranceRow:
    return InsuranceRow(
        i.id,
        i.payer,
        i.member_number,
        i.group_number,
        i.authorization_number,
        i.auth_start,
        i.auth_end,
        i.authorized_hours,
        i.active,
    )


@use_case("client.contacts", "client.view", kind="read", audited=False)
def emergency_contacts(actor: Actor, client_id: int) -> list[EmergencyContactRow]:
    """The client's emergency contacts."""
    select = EmergencyContact.select().where(EmergencyContact.client == client_id)
    return [_contact_row(c) for c in select.order_by(EmergencyContact.id)]


@use_case("client.insurances", "client.view", kind="read", audited=False)
def insurances(actor: Actor, client_id: int) -> list[InsuranceRow]:
    """The client's coverages, active ones first."""
    select = Insurance.select().where(Insurance.client == client_id)
    return [_insurance_row(i) for i in select.order_by(Insurance.active.desc(), Insurance.id)]
