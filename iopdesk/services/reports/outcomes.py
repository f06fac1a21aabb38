"""Screening outcomes of the clients discharged in the period: first and last totals."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass

import peewee as pw

from iopdesk.db.models.aftercare import Discharge
from iopdesk.db.models.core import Client, Episode
from iopdesk.db.models.intake import ScreeningResult
from iopdesk.domain.report_layout import Chart, Figures, Table, count_text, percent_text
from iopdesk.domain.report_rules import SMALL_CELL, improved_band, is_small, rate
from iopdesk.domain.screenings import INSTRUMENTS
from iopdesk.services.context import Actor
from iopdesk.services.reports.discharges import discharged_in
from iopdesk.services.reports.period import ReportPeriod
from iopdesk.services.reports.running import Computed, report_use_cases
from iopdesk.services.reports.sql import as_date

NAME = "outcomes"


@dataclass(frozen=True)
class Outcome:
    """One discharged client's first and last complete total of one instrument."""

    record_number: str
    instrument: str
    first_date: dt.date
    first_total: int
    last_date: dt.date
    last_total: int

    @property
    def change(self) -> int:
        return self.last_total - self.first_total

    @property
    def improved_band(self) -> bool | None:
        return improved_band(self.instrument, self.first_total, self.last_total)


def _scored() -> pw.Expression:
    return (ScreeningResult.complete == True) & ScreeningResult.total.is_null(False)  # noqa: E712


def outcomes(period: ReportPeriod) -> list[Outcome]:
    """First and last complete administrations per discharged episode and instrument, for
    instruments given two or more times: an aggregate picks the dates, a join their rows."""
    episodes = (
        Discharge.select(Discharge.episode)
        .join(Episode, on=(Discharge.episode == Episode.id))
        .where(discharged_in(period))
    )
    spread = (
        ScreeningResult.select(
            ScreeningResult.episode.alias("episode_id"),
            ScreeningResult.code.alias("code"),
            pw.fn.MIN(ScreeningResult.administered_on).alias("first_on"),
            pw.fn.MAX(ScreeningResult.administered_on).alias("last_on"),
        )
        .where(_scored() & ScreeningResult.episode.in_(episodes))
        .group_by(ScreeningResult.episode, ScreeningResult.code)
        .having(pw.fn.COUNT(ScreeningResult.id) >= 2)
        .alias("spread")
    )
    on_edge = (ScreeningResult.administered_on == spread.c.first_on) | (
        ScreeningResult.administered_on == spread.c.last_on
    )
    query = (
        ScreeningResult.select(
            ScreeningResult.episode,
            ScreeningResult.code,
            ScreeningResult.administered_on,
            ScreeningResult.id,
            ScreeningResult.total,
            Client.record_number,
        )
        .join(
            spread,
            on=(ScreeningResult.episode == spread.c.episode_id)
            & (ScreeningResult.code == spread.c.code)
            & on_edge,
        )
        .switch(ScreeningResult)
        .join(Client, on=(ScreeningResult.client == Client.id))
        .where(_scored())
        .tuples()
    )
    edges: dict[tuple[int, str], list[tuple[dt.date, int, int, str]]] = defaultdict(list)
    for episode, code, day, row_id, total, number in query:
        edges[(episode, code)].append((as_date(day), row_id, total, number))
    found = []
    for (_, code), rows in edges.items():
        rows.sort()
        (first_on, _, first_total, number), (last_on, _, last_total, _) = rows[0], rows[-1]
        found.append(Outcome(number, code, first_on, first_total, last_on, last_total))
    return sorted(found, key=lambda o: (o.record_number, o.instrument, o.first_date))


def _name(code: str) -> str:
    instrument = INSTRUMENTS.get(code)
    return instrument.name if instrument else code


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _figures(rows: list[Outcome], board: bool) -> Figures:
    by_code: dict[str, list[Outcome]] = defaultdict(list)
    for o in rows:
        by_code[o.instrument].append(o)
    summary_rows = []
    for code, items in sorted(by_code.items()):
        improved = sum(1 for o in items if o.improved_band)
        summary_rows.append(
            (
                _name(code),
                len(items),
                round(statistics.fmean(o.first_total for o in items), 1),
                round(statistics.fmean(o.last_total for o in items), 1),
                round(statistics.fmean(o.change for o in items), 1),
                improved,
                percent_text(rate(improved, len(items))),
            )
        )
    clients = len({o.record_number for o in rows})
    summary = [
        f"{count_text(clients, board)} clients discharged in the period were screened at least "
        "twice with one instrument."
        if rows
        else "No client discharged in the period was screened twice with one instrument."
    ]
    for name, n, _, _, change, _, share in summary_rows:
        summary.append(
            f"{name}: fewer than {SMALL_CELL} clients."
            if board and is_small(n)
            else f"{name}: average change {change:+g} over {n:,} clients; {share} ended in a "
            "milder band."
        )
    return Figures(
        tuple(summary),
        (
            Table(
                "First and last totals",
                (
                    "Record number",
                    "Instrument",
                    "First",
                    "Total",
                    "Last",
                    "Total",
                    "Change",
                    "Milder band",
                ),
                tuple(
                    (
                        o.record_number,
                        _name(o.instrument),
                        o.first_date,
                        o.first_total,
                        o.last_date,
                        o.last_total,
                        f"{o.change:+d}",
                        _yes_no(o.improved_band),
                    )
                    for o in rows
                ),
                names_clients=True,
            ),
            Table(
                "By instrument",
                (
                    "Instrument",
                    "Clients",
                    "Average first",
                    "Average last",
                    "Average change",
                    "Milder band",
                    "Share in a milder band",
                ),
                tuple(summary_rows),
                counts=(1, 5),
                derived=(2, 3, 4, 6),
            ),
        ),
        (
            Chart(
                "bar",
                "Clients ending in a milder band, by instrument",
                tuple(row[0] for row in summary_rows),
                tuple(
                    None if board and is_small(row[1]) else rate(row[5], row[1])
                    for row in summary_rows
                ),
                "%",
                counts=False,
            ),
        ),
    )


def _compute(period: ReportPeriod, actor: Actor) -> Computed:
    rows = outcomes(period)
    return Computed(
        lambda board: _figures(rows, board),
        [
            (
                o.record_number,
                o.instrument,
                o.first_date.isoformat(),
                o.first_total,
                o.last_date.isoformat(),
                o.last_total,
                o.change,
                _yes_no(o.improved_band),
            )
            for o in rows
        ],
    )


view_outcomes, export_outcomes = report_use_cases(NAME, _compute)
