"""Family members and other collaterals: who they are, how to reach them, and whether a consent
to disclose allows the program to contact them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iopdesk.db.models.clients import Consent
from iopdesk.db.models.family import Collateral
from iopdesk.domain import formats
from iopdesk.domain.family import COLLATERAL_KINDS, person_label
from iopdesk.domain.validators import (
    choice_field,
    optional_text,
    phone_field,
    record_id,
    required_text,
)
from iopdesk.errors import Collector, NotFound, ValidationError
from iopdesk.services.clients.consents import (
    STATUS_LABELS,
    consent_status,
    named_recipient,
    named_recipients,
)
from iopdesk.services.clients.records import client_or_404
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.versions import claim


@dataclass(frozen=True)
class CollateralForm:
    """A family member or other collateral as the dialog submits it.

    ``consent_id`` and ``consent_recipient`` name the consent to disclose that allows contact
    and the recipient it names for this person (both empty when none does).
    """

    name: str
    relationship: str = ""
    phone: str = ""
    kind: str = "family"
    consent_id: int | None = None
    consent_recipient: str = ""
    active: bool = True
    #: The stored version this was read at (None for a new collateral, or unchecked).
    row_version: int | None = None


@dataclass(frozen=True)
class CollateralRow:
    """A collateral as the chart lists it, with whether contact is allowed today."""

    id: int
    client_id: int
    kind: str
    name: str
    relationship: str
    phone: str
    consent_id: int | None
    consent_recipient: str
    active: bool
    contact_allowed: bool
    consent_text: str
    row_version: int

    @property
    def kind_label(self) -> str:
        return COLLATERAL_KINDS.get(self.kind, self.kind)

    @property
    def label(self) -> str:
        """ "Maria Lopez (mother)"."""
        return person_label(self.name, self.relationship)


@dataclass(frozen=True)
class ConsentChoice:
    """A recipient named by a consent to disclose in force today (a collateral may be it)."""

    consent_id: int
    recipient: str
    signed_on: dt.date
    expires_on: dt.date | None

    @property
    def label(self) -> str:
        until = f", until {formats.show_date(self.expires_on)}" if self.expires_on else ""
        return f"{self.recipient} — consent of {formats.show_date(self.signed_on)}{until}"


NO_CONSENT = "No consent allows contact"


def contact_standing(row: Collateral, consent: Consent | None, on: dt.date) -> tuple[bool, str]:
    """Whether a consent allows contact with this collateral on ``on``, and why in words."""
    if consent is None:
        return False, NO_CONSENT
    status = consent_status(consent, on)
    signed = formats.show_date(consent.signed_on)
    if status != "active":
        return False, f"{NO_CONSENT} (the consent of {signed} is {STATUS_LABELS[status].lower()})"
    if named_recipient(consent.recipients, row.consent_recipient) is None:
        return False, f"{NO_CONSENT} (the consent of {signed} no longer names them)"
    until = f" until {formats.show_date(consent.expires_on)}" if consent.expires_on else ""
    return True, f"Allowed: consent of {signed}{until}"


def collateral_row(c: Collateral, consents: dict[int, Consent], on: dt.date) -> CollateralRow:
    """The row of one collateral (``consents`` holds the consents rows point at, by id)."""
    allowed, text = contact_standing(c, consents.get(c.consent_id or 0), on)
    return CollateralRow(
        c.id,
        c.client_id,
        c.kind,
        c.name,
        c.relationship,
        c.phone,
        c.consent_id,
        c.consent_recipient,
        c.active,
        allowed,
        text,
        c.row_version,
    )


def rows_of(collaterals: list[Collateral], on: dt.date | None = None) -> list[CollateralRow]:
    """Rows of collaterals, their consents read in one query."""
    wanted = {c.consent_id for c in collaterals if c.consent_id}
    consents = {c.id: c for c in Consent.select().where(Consent.id.in_(wanted))} if wanted else {}
    return [collateral_row(c, consents, on or dt.date.today()) for c in collaterals]


def get_collateral(collateral_id: int) -> Collateral:
    """The collateral, or NotFound with a sentence."""
    row = Collateral.get_or_none(Collateral.id == record_id(collateral_id))
    if row is None:
        raise NotFound("That family member or collateral is not on record.")
    return row


def _validate(client_id: int, form: CollateralForm) -> dict[str, object]:
    errors = Collector()
    values: dict[str, object] = {
        "name": required_text(errors, "name", form.name, "Name"),
        "relationship": optional_text(
            errors, "relationship", form.relationship, "Relationship", max_len=100
        ),
        "phone": phone_field(errors, "phone", form.phone, "Phone"),
        "kind": choice_field(errors, "kind", form.kind, "Kind", COLLATERAL_KINDS),
        "active": bool(form.active),
        "consent": None,
        "consent_recipient": "",
    }
    if form.consent_id not in (None, 0):
        consent = Consent.get_or_none(Consent.id == record_id(form.consent_id))
        if consent is None or consent.client_id != client_id or consent.kind != "disclose":
            errors.add("consent", "Choose one of this client's consents to disclose.")
        elif consent_status(consent, dt.date.today()) != "active":
            status = STATUS_LABELS[consent_status(consent, dt.date.today())].lower()
            errors.add("consent", f"That consent is {status}; it allows no contact.")
        else:
            named = named_recipient(consent.recipients, str(form.consent_recipient or ""))
            if named is None:
                errors.add(
                    "consent",
                    "That consent does not name this recipient; it names: "
                    f"{'; '.join(named_recipients(consent.recipients))}.",
                )
            values["consent"], values["consent_recipient"] = consent.id, named or ""
    errors.raise_if_any()
    return values


def _shown(values: dict[str, object]) -> dict[str, str]:
    """A collateral as the conflict dialog shows it."""
    return {
        "Name": str(values["name"]),
        "Relationship": str(values["relationship"]),
        "Phone": str(values["phone"]),
        "Kind": COLLATERAL_KINDS.get(str(values["kind"]), str(values["kind"])),
        "Consent recipient": str(values["consent_recipient"]),
        "Still involved": "yes" if values["active"] else "no",
    }


def _stored(row: Collateral) -> dict[str, str]:
    return _shown({name: getattr(row, name) for name in (
        "name", "relationship", "phone", "kind", "consent_recipient", "active")})  # fmt: skip


@use_case("collateral.add", "client.edit", changes=("client",))
def add_collateral(actor: Actor, client_id: int, form: CollateralForm) -> CollateralRow:
    """Record a family member or other collateral of a client."""
    client_id = client_or_404(client_id).id
    values = _validate(client_id, form)
    row = Collateral.create(client=client_id, created_by=actor.staff_id, **values)
    describe(client_id=client_id, record_type="collateral", record_id=row.id)
    return rows_of([row])[0]


@use_case("collateral.edit", "client.edit", changes=("client",))
def edit_collateral(actor: Actor, collateral_id: int, form: CollateralForm) -> CollateralRow:
    """Correct a collateral, link (or unlink) the consent that names them, or mark them no
    longer involved; a change saved elsewhere since ``form.row_version`` is refused."""
    row = get_collateral(collateral_id)
    values = _validate(row.client_id, form)
    claim(
        row,
        form.row_version,
        actor,
        what="family member or collateral",
        mine=_shown(values),
        shown=_stored,
        client_id=row.client_id,
    )
    Collateral.update(**values).where(Collateral.id == collateral_id).execute()
    describe(client_id=row.client_id, record_type="collateral", record_id=collateral_id)
    return rows_of([get_collateral(collateral_id)])[0]


@use_case("collateral.list", "client.view", kind="read")
def list_collaterals(
    actor: Actor, client_id: int, *, include_inactive: bool = True
) -> list[CollateralRow]:
    """The client's family members and collaterals (those still involved first), each with
    whether a consent allows contact today."""
    client_id = client_or_404(client_id).id
    query = Collateral.select().where(Collateral.client == client_id)
    if not include_inactive:
        query = query.where(Collateral.active == True)  # noqa: E712 (peewee expression)
    describe(client_id=client_id, record_type="collaterals")
    return rows_of(list(query.order_by(Collateral.active.desc(), Collateral.name)))


@use_case("collateral.consents", "client.view", kind="read", audited=False)
def consent_choices(actor: Actor, client_id: int) -> list[ConsentChoice]:
    """Every recipient named by the client's consents to disclose in force today: what a
    collateral's "contact allowed by" can point at."""
    client_id = client_or_404(client_id).id
    today = dt.date.today()
    query = Consent.select().where((Consent.client == client_id) & (Consent.kind == "disclose"))
    return [
        ConsentChoice(c.id, recipient, c.signed_on, c.expires_on)
        for c in query.order_by(Consent.signed_on.desc(), Consent.id.desc())
        if consent_status(c, today) == "active"
        for recipient in named_recipients(c.recipients)
    ]


def check_belongs(collateral: Collateral, client_id: int) -> None:
    """Refuse a collateral of another client (as a form field error)."""
    if collateral.client_id != client_id:
        raise ValidationError({"collateral": "Choose one of this client's own collaterals."})
