"""Clients: registration with duplicate check, demographics, the chart header, episodes."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from iopdesk.db.models.core import Client, Episode, Staff
from iopdesk.domain import clients as rules
from iopdesk.domain import formats
from iopdesk.domain.records import age_on, format_record_number, search_text
from iopdesk.domain.validators import (
    choice_field,
    date_field,
    optional_text,
    phone_field,
    record_id,
    required_text,
)
from iopdesk.errors import Collector, NotFound
from iopdesk.services.clients.contacts import (
    EmergencyContactForm,
    InsuranceForm,
    create_emergency_contact,
    create_insurance,
    validate_emergency_contact,
    validate_insurance,
)
from iopdesk.services.clients.program_weeks import current_phase, week_in_program
from iopdesk.services.clients.search import (
    CLINICAL_ALERT,
    ClientPage,
    ClientRow,
    client_page,
    client_rows_by_id,
    index_client,
    list_clients,
    safety_flag_for,
)
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.permissions import CLINICIAN
from iopdesk.services.versions import claim

__all__ = [
    "CLINICAL_ALERT",
    "ChartHeader",
    "ClientForm",
    "ClientPage",
    "ClientRow",
    "EmergencyContactForm",
    "EpisodeRow",
    "InsuranceForm",
    "chart_header",
    "client_form",
    "client_page",
    "current_episode",
    "edit_demographics",
    "episodes",
    "find_possible_duplicates",
    "header_summary",
    "list_clients",
    "register_client",
]

PROGRAMS = {"adult": "Adult IOP", "adolescent": "Adolescent IOP"}
#: The demographics a conflict shows side by side, by their form labels.
DETAIL_LABELS = {
    "legal_first_name": "Legal first name",
    "legal_last_name": "Legal last name",
    "preferred_name": "Preferred name",
    "pronouns": "Pronouns",
    "date_of_birth": "Date of birth",
    "sex": "Sex",
    "phone": "Phone",
    "email": "Email",
    "address": "Address",
    "counselor": "Counselor",
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class ClientForm:
    """What the New client / Edit demographics form submits (referral facts only when new)."""

    legal_first_name: str
    legal_last_name: str
    date_of_birth: dt.date | str | None
    preferred_name: str = ""
    pronouns: str = ""
    sex: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    counselor_id: int | None = None
    program: str = "adult"
    referral_date: dt.date | str | None = None
    referral_source: str = ""
    referral_reason: str = ""
    emergency: EmergencyContactForm | None = None
    insurance: InsuranceForm | None = None
    #: The version the details were read at (``client_form``); the Edit dialog submits it back.
    row_version: int | None = None


@dataclass(frozen=True)
class EpisodeRow:
    """One episode of care as the chart lists it."""

    id: int
    number: int
    status: str
    status_label: str
    program: str
    level_of_care: str
    counselor_name: str
    referral_date: dt.date | None
    referral_source: str
    referral_reason: str
    admission_date: dt.date | None
    discharge_date: dt.date | None
    is_current: bool

    @property
    def summary(self) -> str:
        """ "Episode 2 · Active · admitted 2025-03-01" for the chart header."""
        parts = [f"Episode {self.number}", self.status_label]
        if self.level_of_care:
            parts.append(self.level_of_care)
        if self.discharge_date:
            parts.append(f"discharged {formats.show_date(self.discharge_date)}")
        elif self.admission_date:
            parts.append(f"admitted {formats.show_date(self.admission_date)}")
        elif self.referral_date:
            parts.append(f"referred {formats.show_date(self.referral_date)}")
        return " · ".join(parts)


@dataclass(frozen=True)
class ChartHeader:
    """What the top of a client's chart always shows."""

    client_id: int
    record_number: str
    legal_name: str
    preferred_name: str
    pronouns: str
    date_of_birth: dt.date
    age: int
    status: str
    status_label: str
    counselor_name: str
    safety_flag: str  # the text for clinical readers, CLINICAL_ALERT for others, "" when none
    episode_summary: str
    #: "Week 3 of 12" while the current episode is active; "" otherwise
    program_week: str
    #: the active episode's program phase ("" before any is recorded); like the week, the
    #: front desk sees it too: it tells which groups a client belongs in, nothing clinical
    program_phase: str = ""

    @property
    def display_name(self) -> str:
        """The legal name with the name the client goes by, when different."""
        first = self.legal_name.split(" ")[0]
        if self.preferred_name and self.preferred_name != first:
            return f"{self.legal_name} (“{self.preferred_name}”)"
        return self.legal_name


def _validate(form: ClientForm, errors: Collector, today: dt.date, new: bool) -> dict:
    values = {
        "legal_first_name": required_text(
            errors, "legal_first_name", form.legal_first_name, "Legal first name", max_len=100
        ),
        "legal_last_name": required_text(
            errors, "legal_last_name", form.legal_last_name, "Legal last name", max_len=100
        ),
        "preferred_name": optional_text(
            errors, "preferred_name", form.preferred_name, "Preferred name", max_len=100
        ),
        "pronouns": optional_text(errors, "pronouns", form.pronouns, "Pronouns", max_len=40),
        "sex": choice_field(errors, "sex", form.sex, "Sex", rules.SEXES, required=False),
        "phone": phone_field(errors, "phone", form.phone, "Phone"),
        "email": optional_text(errors, "email", form.email, "Email"),
        "address": optional_text(
            errors, "address", form.address, "Address", max_len=500, multiline=True
        ),
    }
    if values["email"] and not _EMAIL.match(values["email"]):
        errors.add("email", "Email does not look like an address (for example name@example.org).")
    dob = date_field(errors, "date_of_birth", form.date_of_birth, "Date of birth")
    if dob is not None:
        if dob > today:
            errors.add("date_of_birth", "Date of birth cannot be in the future.")
        elif rules.too_young(dob, today):
            errors.add(
                "date_of_birth",
                f"The client would be younger than {rules.MIN_AGE}; check the date of birth.",
            )
    values["date_of_birth"] = dob
    values["counselor"] = _counselor(errors, form.counselor_id)
    if new:
        choice_field(errors, "program", form.program, "Program", PROGRAMS)
        referral = date_field(errors, "referral_date", form.referral_date or today, "Referral date")
        if referral is not None and referral > today:
            errors.add("referral_date", "Referral date cannot be in the future.")
        elif referral is not None and dob is not None and referral < dob:
            errors.add("referral_date", "Referral date cannot be before the date of birth.")
        values["_episode"] = {
            "program": form.program,
            "referral_date": referral,
            "referral_source": optional_text(
                errors, "referral_source", form.referral_source, "Referral source"
            ),
            "referral_reason": optional_text(
                errors,
                "referral_reason",
                form.referral_reason,
                "Referral reason",
                max_len=5000,
                multiline=True,
            ),
        }
    return values


def _counselor(errors: Collector, counselor_id: int | None) -> int | None:
    if not counselor_id:
        return None
    staff = Staff.get_or_none(Staff.id == counselor_id)
    if staff is None or staff.role != CLINICIAN or not staff.active:
        errors.add("counselor", "Choose a counselor from the list of active clinicians.")
        return None
    return staff.id


def _search_text(values: dict, record_number: str) -> str:
    return search_text(
        values["legal_first_name"],
        values["legal_last_name"],
        values["preferred_name"],
        record_number,
        values["date_of_birth"],
    )


@use_case("client.register", "client.register", changes=("client",))
def register_client(actor: Actor, form: ClientForm, *, today: dt.date | None = None) -> Client:
    """Register a new client: record number, search words, episode 1 "referred" with referral."""
    today = today or dt.date.today()
    errors = Collector()
    values = _validate(form, errors, today, new=True)
    contact = (
        validate_emergency_contact(errors, form.emergency, "emergency_") if form.emergency else None
    )
    cover = validate_insurance(errors, form.insurance, "insurance_") if form.insurance else None
    errors.raise_if_any()
    episode = values.pop("_episode")
    # The record number comes from the row id, so take a unique placeholder first.
    client = Client.create(**values, record_number=f"new-{uuid.uuid4().hex[:12]}")
    client.record_number = format_record_number(client.id)
    client.search_text = _search_text(values, client.record_number)
    client.save()
    Episode.create(
        client=client, number=1, status="referred", counselor=values["counselor"], **episode
    )
    if contact:
        create_emergency_contact(client.id, contact)
    if cover:
        create_insurance(client.id, cover)
    index_client(client)
    describe(
        client_id=client.id, record_type="client", record_id=client.id, detail=client.record_number
    )
    return client


@use_case("client.duplicates", "client.register", kind="read", audited=False)
def find_possible_duplicates(actor: Actor, form: ClientForm) -> list[ClientRow]:
    """Clients who may be this person: same folded name and birth date, or same phone."""
    from iopdesk.db.models.clients import ClientSearchToken
    from iopdesk.domain.validators import parse_date

    found: set[int] = set()
    dob = parse_date(form.date_of_birth)
    if dob is not None:
        key = rules.same_person_key(form.legal_first_name, form.legal_last_name, dob)
        for c in Client.select(
            Client.id, Client.legal_first_name, Client.legal_last_name, Client.date_of_birth
        ).where(Client.date_of_birth == dob):
            if rules.same_person_key(c.legal_first_name, c.legal_last_name, c.date_of_birth) == key:
                found.add(c.id)
    digits = rules.phone_digits(form.phone or "")
    if len(digits) >= 7:
        same_phone = ClientSearchToken.select(ClientSearchToken.client).where(
            ClientSearchToken.token == digits
        )
        found.update(t.client_id for t in same_phone)
    return client_rows_by_id(actor, sorted(found))


def _details(values: dict) -> dict[str, str]:
    """Demographics as a person reads them (for both sides of a conflict)."""
    counselor = Staff.get_or_none(Staff.id == values["counselor"]) if values["counselor"] else None
    shown = {
        **values,
        "date_of_birth": values["date_of_birth"].isoformat() if values["date_of_birth"] else "",
        "sex": rules.SEXES.get(values["sex"], values["sex"]),
        "counselor": counselor.display_name if counselor else "Not assigned",
    }
    return {label: str(shown[key] or "") for key, label in DETAIL_LABELS.items()}


def _stored_details(client: Client) -> dict[str, str]:
    stored = {key: getattr(client, key) for key in DETAIL_LABELS if key != "counselor"}
    return _details({**stored, "counselor": client.counselor_id})


@use_case("client.edit", "client.edit", changes=("client",))
def edit_demographics(actor: Actor, client_id: int, form: ClientForm) -> Client:
    """Change a client's names, birth date, contact details and counselor; refused with both
    versions when someone saved them since ``form.row_version`` was read."""
    client = client_or_404(client_id)
    errors = Collector()
    values = _validate(form, errors, dt.date.today(), new=False)
    errors.raise_if_any()
    claim(
        client,
        form.row_version,
        actor,
        what="client's details",
        mine=_details(values),
        shown=_stored_details,
        client_id=client.id,
    )
    changed = sorted(
        k
        for k, v in values.items()
        if getattr(client, k if k != "counselor" else "counselor_id") != v
    )
    for key, value in values.items():
        setattr(client, key, value)
    client.search_text = _search_text(values, client.record_number)
    client.save()
    index_client(client)
    describe(
        client_id=client.id,
        record_type="client",
        record_id=client.id,
        detail="changed: " + (", ".join(changed) or "nothing"),
    )
    return client


@use_case("client.form", "client.view", kind="read", audited=False)
def client_form(actor: Actor, client_id: int) -> ClientForm:
    """The client's current demographics as a form, for the Edit dialog."""
    c = client_or_404(client_id)
    return ClientForm(
        c.legal_first_name,
        c.legal_last_name,
        c.date_of_birth,
        c.preferred_name,
        c.pronouns,
        c.sex,
        c.phone,
        c.email,
        c.address,
        c.counselor_id,
        row_version=c.row_version,
    )


def client_or_404(client_id: object) -> Client:
    """The client, or NotFound with a sentence (whatever ``client_id`` is)."""
    client = Client.get_or_none(Client.id == record_id(client_id))
    if client is None:
        raise NotFound("That client record does not exist.")
    return client


def current_episode(client_id: int) -> Episode | None:
    """The client's latest episode of care (plain helper for other services)."""
    return (
        Episode.select().where(Episode.client == client_id).order_by(Episode.number.desc()).first()
    )


def _episode_rows(client_id: int) -> list[EpisodeRow]:
    names = Staff.display_names()
    rows = list(Episode.select().where(Episode.client == client_id).order_by(Episode.number.desc()))
    return [
        EpisodeRow(
            e.id,
            e.number,
            e.status,
            rules.STATUSES.get(e.status, e.status),
            e.program,
            e.level_of_care,
            names.get(e.counselor_id, "") if e.counselor_id else "",
            e.referral_date,
            e.referral_source,
            e.referral_reason,
            e.admission_date,
            e.discharge_date,
            i == 0,
        )
        for i, e in enumerate(rows)
    ]


@use_case("client.episodes", "client.view", kind="read", audited=False)
def episodes(actor: Actor, client_id: int) -> list[EpisodeRow]:
    """The client's episodes of care, newest first; the first one is current."""
    client_or_404(client_id)
    return _episode_rows(client_id)


def _header(actor: Actor, client_id: int) -> ChartHeader:
    c = client_or_404(client_id)
    counselor = Staff.get_or_none(Staff.id == c.counselor_id) if c.counselor_id else None
    current = _episode_rows(client_id)[:1]
    week = (
        week_in_program(current[0].status, current[0].admission_date, dt.date.today())
        if current
        else ""
    )
    return ChartHeader(
        c.id,
        c.record_number,
        c.full_name,
        c.preferred_name,
        c.pronouns,
        c.date_of_birth,
        age_on(c.date_of_birth, dt.date.today()),
        c.status,
        rules.STATUSES.get(c.status, c.status),
        counselor.display_name if counselor else "",
        safety_flag_for(actor, c.safety_flag),
        current[0].summary if current else "No episode of care",
        week,
        current_phase(current[0].id) if week else "",
    )


@use_case("client.open", "client.view", kind="read")
def chart_header(actor: Actor, client_id: int) -> ChartHeader:
    """Open a client's chart (an audited read): the facts its header always shows."""
    header = _header(actor, client_id)
    describe(client_id=client_id, record_type="client", record_id=client_id)
    return header


@use_case("client.header", "client.view", kind="read", audited=False)
def header_summary(actor: Actor, client_id: int) -> ChartHeader:
    """The header of a chart already open (refresh after a change; the opening was audited)."""
    return _header(actor, client_id)
