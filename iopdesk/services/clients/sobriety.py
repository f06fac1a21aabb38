"""Sobriety dates: set and reset by a clinician, each time kept as a row of the client's history,
shown in the chart header, and the week's milestones of a counselor's clients for Today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from iopdesk.db.models.care import SobrietyDate
from iopdesk.db.models.core import Client, Staff
from iopdesk.domain import formats
from iopdesk.domain.aftercare import week_bounds
from iopdesk.domain.sobriety import days_sober, milestone_between, sober_line
from iopdesk.domain.validators import date_field, optional_text
from iopdesk.errors import Collector
from iopdesk.services.clients.records import client_or_404
from iopdesk.services.clients.search import IN_CARE
from iopdesk.services.context import Actor, describe, use_case

NO_DATE = "No sobriety date set"


@dataclass(frozen=True)
class SobrietyEntry:
    """One setting of the date, as the history lists it."""

    sober_since: dt.date
    note: str
    set_by: str
    set_at: dt.datetime
    #: "Set" for the first date on record, "Reset" for every later one.
    action: str


@dataclass(frozen=True)
class Sobriety:
    """A client's current sobriety date (None when never set) and every setting, newest first."""

    client_id: int
    sober_since: dt.date | None
    days: int | None
    line: str
    history: list[SobrietyEntry]


@dataclass(frozen=True)
class MilestoneRow:
    """A client of the counselor reaching a milestone in the week."""

    client_id: int
    client_name: str
    record_number: str
    sober_since: dt.date
    milestone: str
    on: dt.date


def _sobriety(client_id: int, with_history: bool) -> Sobriety:
    query = SobrietyDate.select().where(SobrietyDate.client == client_id)
    rows = list(query.order_by(SobrietyDate.id.desc()) if with_history else
                query.order_by(SobrietyDate.id.desc()).limit(1))  # fmt: skip
    if not rows:
        return Sobriety(client_id, None, None, NO_DATE, [])
    today, since = dt.date.today(), rows[0].sober_since
    history = []
    if with_history:
        names = {s.id: s.display_name for s in Staff.select()}
        history = [
            SobrietyEntry(r.sober_since, r.note, names.get(r.set_by_id, ""), r.set_at,
                          "Set" if i == len(rows) - 1 else "Reset")
            for i, r in enumerate(rows)
        ]  # fmt: skip
    line = sober_line(since, today, formats.show_date(since))
    return Sobriety(client_id, since, days_sober(since, today), line, history)


@use_case("sobriety.set", "clinical.write", changes=("clinical",))
def set_sobriety_date(
    actor: Actor, client_id: int, sober_since: dt.date | str | None, note: str = ""
) -> Sobriety:
    """Set the client's sobriety date, or reset it after a return to use; the earlier dates
    stay in the history."""
    client = client_or_404(client_id)
    errors = Collector()
    day = date_field(
        errors, "sober_since", sober_since, "Sober since",
        earliest=client.date_of_birth, latest=dt.date.today(),
    )  # fmt: skip
    text = optional_text(errors, "note", note, "Note", max_len=200)
    current = _sobriety(client.id, with_history=False).sober_since
    if day is not None and day == current:
        errors.add("sober_since", f"The sobriety date is already {formats.show_date(day)}.")
    errors.raise_if_any()
    row = SobrietyDate.create(client=client.id, sober_since=day, note=text, set_by=actor.staff_id)
    describe(client_id=client.id, record_type="sobriety_date", record_id=row.id)
    return _sobriety(client.id, with_history=True)


@use_case("sobriety.history", "clinical.read", kind="read")
def sobriety_history(actor: Actor, client_id: int) -> Sobriety:
    """The client's sobriety date with every setting and reset, newest first."""
    client_id = client_or_404(client_id).id
    describe(client_id=client_id, record_type="sobriety_dates")
    return _sobriety(client_id, with_history=True)


@use_case("sobriety.status", "clinical.read", kind="read", audited=False)
def sobriety_status(actor: Actor, client_id: int) -> Sobriety:
    """The chart header's "Sober since …" line (the chart's opening was audited)."""
    return _sobriety(client_or_404(client_id).id, with_history=False)


@use_case("sobriety.milestones", "clinical.read", kind="read", audited=False)
def sobriety_milestones(actor: Actor, week: dt.date) -> list[MilestoneRow]:
    """The signed-in counselor's clients (not discharged) whose current sobriety date reaches
    a milestone in the week of ``week``."""
    monday, sunday = week_bounds(week)
    # The clients in care through the status index: the counselor's index alone would read
    # every client they had in twenty years (decrypting their pages) to skip the discharged.
    in_care = Client.select(Client.id).where(Client.status.in_(IN_CARE))
    newest = (
        SobrietyDate.select(pw.fn.MAX(SobrietyDate.id))
        .join(Client, on=(SobrietyDate.client == Client.id))
        .where((Client.counselor == actor.staff_id) & Client.id.in_(in_care))
        .group_by(SobrietyDate.client)
    )
    query = (
        SobrietyDate.select(
            SobrietyDate.client,
            SobrietyDate.sober_since,
            Client.id,
            Client.legal_first_name,
            Client.legal_last_name,
            Client.record_number,
        )
        .join(Client, on=(SobrietyDate.client == Client.id))
        .where(SobrietyDate.id.in_(newest))
    )
    rows = []
    for r in query:
        reached = milestone_between(r.sober_since, monday, sunday)
        if reached is not None:
            rows.append(MilestoneRow(r.client_id, r.client.full_name, r.client.record_number,
                                     r.sober_since, reached.label, reached.on))  # fmt: skip
    return sorted(rows, key=lambda m: (m.on, m.client_name))
