"""The program's shape over time: the week and the phase a client is in, and the Today list of
clients past the clinic's expected program length."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from iopdesk.db.models.core import Client, Episode, Staff
from iopdesk.db.models.course import PhaseChange
from iopdesk.domain import program_length
from iopdesk.services.admin.clinic import get_setting
from iopdesk.services.context import Actor, use_case

#: The episode status in which weeks are counted (discharged clients have finished).
COUNTED_STATUS = "active"


@dataclass(frozen=True)
class PastLengthRow:
    """An active client in a week beyond the program's expected length."""

    client_id: int
    client_name: str
    record_number: str
    week: int
    expected_weeks: int
    admission_date: dt.date
    counselor_name: str
    mine: bool


def week_in_program(status: str, admitted: dt.date | None, on: dt.date) -> str:
    """ "Week 3 of 12" for a current episode in ``status``; "" unless the client is active."""
    if status != COUNTED_STATUS:
        return ""
    return program_length.week_label(admitted, on, get_setting("expected_weeks"))


def current_phase(episode_id: int) -> str:
    """The episode's current phase (its newest change), "" before any."""
    newest = (
        PhaseChange.select(PhaseChange.phase)
        .where(PhaseChange.episode == episode_id)
        .order_by(PhaseChange.effective_date.desc(), PhaseChange.id.desc())
        .first()
    )
    return newest.phase if newest is not None else ""


@use_case("client.past_length", "clinical.read", kind="read", audited=False)
def clients_past_expected_length(actor: Actor, today: dt.date) -> list[PastLengthRow]:
    """Active clients past the expected length, the signed-in clinician's own first, then the
    longest in the program."""
    expected = get_setting("expected_weeks")
    cutoff = program_length.latest_admission_past_length(today, expected)
    # Only the columns the list shows, as plain values.
    query = (
        Episode.select(
            Client.id,
            Client.legal_first_name,
            Client.legal_last_name,
            Client.record_number,
            Episode.admission_date,
            Client.counselor,
            Staff.full_name,
            Staff.credentials,
        )
        .join(Client, on=(Episode.client == Client.id))
        .join(Staff, pw.JOIN.LEFT_OUTER, on=(Client.counselor == Staff.id))
        .where(
            (Episode.status == COUNTED_STATUS)
            & Episode.discharge_date.is_null()
            & (Episode.admission_date <= cutoff)
        )
        .tuples()
    )
    rows = [
        PastLengthRow(
            client_id,
            f"{first} {last}",
            record_number,
            program_length.program_week(admitted, today) or 0,
            expected,
            admitted,
            Staff.name_with(name, credentials) if counselor_id else "(no counselor)",
            counselor_id == actor.staff_id,
        )
        for (
            client_id,
            first,
            last,
            record_number,
            admitted,
            counselor_id,
            name,
            credentials,
        ) in query
    ]
    rows.sort(key=lambda r: (not r.mine, r.admission_date, r.client_name))
    return rows
