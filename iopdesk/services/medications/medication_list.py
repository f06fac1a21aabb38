"""The client's medication list, MAT included: add, correct or stop a medication; the current
ones for a drug test's "explained by a prescription"; the MAT lines for the aftercare plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iopdesk.db.models.care import Medication
from iopdesk.db.models.core import Client
from iopdesk.domain import formats
from iopdesk.domain.medications import is_current, medication_line
from iopdesk.domain.validators import date_field, optional_text, record_id, required_text
from iopdesk.errors import Collector, NotFound
from iopdesk.services.clients.records import client_or_404
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.versions import claim


@dataclass(frozen=True)
class MedicationForm:
    """A medication as the dialog submits it."""

    name: str
    dose: str = ""
    route: str = ""
    frequency: str = ""
    prescriber: str = ""
    start_date: dt.date | str | None = None
    stop_date: dt.date | str | None = None
    is_mat: bool = False
    notes: str = ""
    #: The stored version this was read at (None for a new medication, or unchecked).
    row_version: int | None = None


@dataclass(frozen=True)
class MedicationRow:
    """A medication as the chart lists it."""

    id: int
    client_id: int
    name: str
    dose: str
    route: str
    frequency: str
    prescriber: str
    start_date: dt.date | None
    stop_date: dt.date | None
    is_mat: bool
    notes: str
    row_version: int

    @property
    def line(self) -> str:
        """ "Methadone 80 mg, by mouth, once daily"."""
        return medication_line(self.name, self.dose, self.route, self.frequency)

    @property
    def short(self) -> str:
        """ "Methadone 80 mg": how a drug test names it."""
        return medication_line(self.name, self.dose)

    def current_on(self, day: dt.date) -> bool:
        return is_current(self.start_date, self.stop_date, day)

    @property
    def how_taken(self) -> str:
        """Route and frequency, as one column shows them."""
        return ", ".join(part for part in (self.route, self.frequency) if part)


def _row(m: Medication) -> MedicationRow:
    return MedicationRow(
        m.id, m.client_id, m.name, m.dose, m.route, m.frequency, m.prescriber,
        m.start_date, m.stop_date, m.is_mat, m.notes, m.row_version,
    )  # fmt: skip


def _validate(client: Client, form: MedicationForm) -> dict[str, object]:
    errors = Collector()
    values: dict[str, object] = {
        "name": required_text(errors, "name", form.name, "Medication"),
        "dose": optional_text(errors, "dose", form.dose, "Dose", max_len=100),
        "route": optional_text(errors, "route", form.route, "Route", max_len=60),
        "frequency": optional_text(errors, "frequency", form.frequency, "Frequency", max_len=100),
        "prescriber": optional_text(errors, "prescriber", form.prescriber, "Prescriber"),
        "is_mat": bool(form.is_mat),
        "notes": optional_text(errors, "notes", form.notes, "Notes", max_len=5000, multiline=True),
    }
    for key, label in (("start_date", "Start date"), ("stop_date", "Stop date")):
        values[key] = date_field(
            errors, key, getattr(form, key), label, required=False,
            earliest=client.date_of_birth, latest=dt.date.today() + dt.timedelta(days=366),
        )  # fmt: skip
    start, stop = values["start_date"], values["stop_date"]
    if start and stop and stop < start:  # type: ignore[operator]
        errors.add("stop_date", "The stop date cannot be before the start date.")
    errors.raise_if_any()
    return values


def _shown(values: dict[str, object]) -> dict[str, str]:
    """A medication as the conflict dialog shows it."""
    return {
        "Medication": str(values["name"]),
        "Dose": str(values["dose"]),
        "Route": str(values["route"]),
        "Frequency": str(values["frequency"]),
        "Prescriber": str(values["prescriber"]),
        "Started": formats.show_date(values["start_date"]),  # type: ignore[arg-type]
        "Stopped": formats.show_date(values["stop_date"]),  # type: ignore[arg-type]
        "MAT": "yes" if values["is_mat"] else "no",
        "Notes": str(values["notes"]),
    }


def _stored(m: Medication) -> dict[str, str]:
    return _shown({k: getattr(m, k) for k in (
        "name", "dose", "route", "frequency", "prescriber", "start_date", "stop_date", "is_mat",
        "notes")})  # fmt: skip


@use_case("medication.add", "clinical.write", changes=("clinical",))
def add_medication(actor: Actor, client_id: int, form: MedicationForm) -> MedicationRow:
    """Put a medication on the client's list."""
    client = client_or_404(client_id)
    row = Medication.create(client=client.id, created_by=actor.staff_id, **_validate(client, form))
    describe(client_id=client.id, record_type="medication", record_id=row.id)
    return _row(row)


@use_case("medication.edit", "clinical.write", changes=("clinical",))
def edit_medication(actor: Actor, medication_id: int, form: MedicationForm) -> MedicationRow:
    """Correct a medication, or give it a stop date; a change saved elsewhere since
    ``form.row_version`` was read is refused with both versions."""
    row = Medication.get_or_none(Medication.id == record_id(medication_id))
    if row is None:
        raise NotFound("That medication is not on the list any more.")
    values = _validate(client_or_404(row.client_id), form)
    claim(row, form.row_version, actor, what="medication", mine=_shown(values), shown=_stored,
          client_id=row.client_id)  # fmt: skip
    Medication.update(**values).where(Medication.id == medication_id).execute()
    describe(client_id=row.client_id, record_type="medication", record_id=medication_id)
    return _row(Medication.get_by_id(medication_id))


@use_case("medication.list", "clinical.read", kind="read")
def list_medications(actor: Actor, client_id: int) -> list[MedicationRow]:
    """Every medication on the client's list: not stopped first, then the newest start."""
    client = client_or_404(client_id)
    query = Medication.select().where(Medication.client == client.id)
    describe(client_id=client.id, record_type="medications")
    rows = [_row(m) for m in query.order_by(Medication.start_date.desc(), Medication.id.desc())]
    return sorted(rows, key=lambda r: r.stop_date is not None)


def current_rows(client_id: int, on: dt.date) -> list[MedicationRow]:
    """The medications the client takes on ``on`` (plain helper, no permission check)."""
    query = Medication.select().where(Medication.client == client_id).order_by(Medication.name)
    return [row for row in map(_row, query) if row.current_on(on)]


@use_case("medication.current", "clinical.read", kind="read", audited=False)
def current_medications(
    actor: Actor, client_id: int, on: dt.date | None = None
) -> list[MedicationRow]:
    """The medications taken on ``on`` (today): what may explain a positive drug test."""
    return current_rows(client_or_404(client_id).id, on or dt.date.today())


@use_case("medication.mat_follow_up", "clinical.read", kind="read", audited=False)
def mat_follow_up_text(actor: Actor, client_id: int) -> str:
    """The aftercare plan's MAT follow-up drawn from the list: one line per MAT medication
    taken today, with its prescriber ("" when there is none)."""
    lines = []
    for row in current_rows(client_or_404(client_id).id, dt.date.today()):
        if not row.is_mat:
            continue
        parts = [row.line]
        if row.prescriber:
            parts.append(f"prescribed by {row.prescriber}")
        if row.start_date:
            parts.append(f"since {formats.show_date(row.start_date)}")
        lines.append("; ".join(parts))
    return "\n".join(lines)


def explaining_medication(
    errors: Collector, client_id: int, medication_id: object, day: dt.date
) -> MedicationRow | None:
    """The listed medication a drug test's positive points at: the client's own, taken on the
    collection day; otherwise a problem on the results (inside the drug-test use case)."""
    row = Medication.get_or_none(Medication.id == record_id(medication_id))
    if row is None or row.client_id != client_id:
        errors.add("results", "Choose one of the client's own medications.")
        return None
    found = _row(row)
    if not found.current_on(day):
        errors.add("results", (
            f"{found.name} was not being taken on {formats.show_date(day)} by the medication "
            "list; correct its start or stop date, or choose no medication."
        ))  # fmt: skip
        return None
    return found
