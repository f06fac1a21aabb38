"""Re-screening reminders: which screenings the clinic repeats during an episode are due, for
Today and for one client's chart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from iopdesk.db.models.core import Client, Episode, Staff
from iopdesk.db.models.intake import ScreeningResult
from iopdesk.domain import formats
from iopdesk.domain.screenings import INSTRUMENTS, is_due, rescreen_due_on
from iopdesk.services.admin.clinic import get_setting
from iopdesk.services.context import Actor, use_case
from iopdesk.services.intake.screenings import client_or_404


@dataclass(frozen=True)
class ScreeningDue:
    """One instrument due again for a client in care: "PHQ-9 due since 11/28/2026"."""

    client_id: int
    client_name: str
    record_number: str
    counselor: str
    code: str
    instrument: str
    due_since: dt.date
    mine: bool

    @property
    def sentence(self) -> str:
        """How the chart says it (the date as the clinic shows dates)."""
        return f"{self.instrument} due since {formats.show_date(self.due_since)}"


def _due(actor: Actor, today: dt.date, client_id: int | None = None) -> list[ScreeningDue]:
    """Every repeated screening due by ``today`` for clients in care (or one client), from one
    aggregate query: the last complete administration per episode and instrument."""
    codes = [code for code in get_setting("rescreen_instruments") if code in INSTRUMENTS]
    if not codes:
        return []
    weeks = get_setting("rescreen_weeks")
    last_given = fn.MAX(ScreeningResult.administered_on)
    # One row per episode in care and instrument given (a row with no code when none was).
    per_instrument = (
        Episode.id,
        Episode.admission_date,
        Client.id,
        Client.legal_first_name,
        Client.legal_last_name,
        Client.record_number,
        Client.counselor,
        ScreeningResult.code,
    )
    query = (
        Episode.select(*per_instrument, last_given)
        .join(Client, on=(Episode.client == Client.id))
        .switch(Episode)
        .join(
            ScreeningResult,
            JOIN.LEFT_OUTER,
            on=(
                (ScreeningResult.episode == Episode.id)
                & (ScreeningResult.complete == True)  # noqa: E712 - SQL, not Python truth
                & ScreeningResult.code.in_(codes)
            ),
        )
        .where(
            (Episode.status == "active")
            & Episode.admission_date.is_null(False)
            & Episode.discharge_date.is_null()
        )
        .group_by(*per_instrument)
    )
    if client_id is not None:
        query = query.where(Episode.client == client_id)
    episodes: dict[int, tuple[dt.date, int, str, str, int | None]] = {}
    given: dict[tuple[int, str], dt.date] = {}
    for episode, admitted, cid, first, last, number, counselor, code, day in query.tuples():
        episodes[episode] = (admitted, cid, f"{first} {last}", number, counselor)
        if code is not None:
            given[(episode, code)] = day
    names = Staff.display_names()
    rows = []
    for episode, (admitted, cid, name, number, counselor) in episodes.items():
        for code in codes:
            due_on = rescreen_due_on(admitted, given.get((episode, code)), weeks)
            if is_due(due_on, today):
                rows.append(
                    ScreeningDue(
                        cid, name, number, names.get(counselor, ""), code,
                        INSTRUMENTS[code].name, due_on, counselor == actor.staff_id,
                    )
                )  # fmt: skip
    # The signed-in clinician's own clients first, the longest overdue at the top.
    rows.sort(key=lambda r: (not r.mine, r.due_since, r.client_name, r.code))
    return rows


@use_case("screening.due", "clinical.read", kind="read", audited=False)
def screenings_due(actor: Actor, today: dt.date | None = None) -> list[ScreeningDue]:
    """Today's "Screenings due": every repeated screening due for clients in care."""
    return _due(actor, today or dt.date.today())


@use_case("screening.due_for_client", "clinical.read", kind="read", audited=False)
def client_screenings_due(
    actor: Actor, client_id: int, today: dt.date | None = None
) -> list[ScreeningDue]:
    """The screenings due for one client in care, for their chart (none outside an episode)."""
    client = client_or_404(client_id)
    return _due(actor, today or dt.date.today(), client.id)
