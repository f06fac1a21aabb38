"""The daily census: how many clients were active on each day of the period."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass

import peewee as pw

from iopdesk.db.models.core import Episode
from iopdesk.domain import formats
from iopdesk.domain.report_layout import Chart, Figures, Table, count_text, number_text
from iopdesk.domain.report_rules import daily_census, month_key
from iopdesk.services.context import Actor
from iopdesk.services.reports.period import ReportPeriod
from iopdesk.services.reports.running import Computed, report_use_cases
from iopdesk.services.reports.sql import as_date

NAME = "census"


def admitted_in(period: ReportPeriod) -> pw.Expression:
    """Episodes with an admission date, of the period's program (every program when none)."""
    condition = Episode.admission_date.is_null(False)
    if period.program:
        condition &= Episode.program == period.program
    return condition


def _per_day(field: pw.Field, first: dt.date, last: dt.date, scope: pw.Expression) -> dict:
    query = (
        Episode.select(field, pw.fn.COUNT(Episode.id))
        .where(scope & field.between(first, last))
        .group_by(field)
        .tuples()
    )
    return {as_date(day): count for day, count in query}


def _overlaps(period: ReportPeriod, scope: pw.Expression) -> list[tuple[dt.date, dt.date]]:
    """Days a client was in two episodes at once (readmitted on or before the day the
    earlier episode was discharged), clipped to the period; rare, so read row by row."""
    later = Episode.alias()
    condition = (
        scope
        & later.admission_date.is_null(False)
        & (later.admission_date <= Episode.discharge_date)
        & (Episode.discharge_date >= period.start)
        & (later.admission_date <= period.end)
    )
    if period.program:
        condition &= later.program == period.program
    query = (
        Episode.select(later.admission_date, Episode.discharge_date)
        .join(later, on=(later.client == Episode.client) & (later.number > Episode.number))
        .where(condition)
        .tuples()
    )
    return [(as_date(first), as_date(last)) for first, last in query]


@dataclass(frozen=True)
class CensusDay:
    """One day and the clients active on it."""

    day: dt.date
    active_clients: int


def census_days(period: ReportPeriod) -> list[CensusDay]:
    """The census of every day of the period: episodes active on the first day, admissions
    and discharges per day (aggregate queries), less the days a client had two episodes."""
    scope = admitted_in(period)
    at_start = (
        Episode.select(pw.fn.COUNT(Episode.id))
        .where(
            scope
            & (Episode.admission_date <= period.start)
            & (Episode.discharge_date.is_null() | (Episode.discharge_date >= period.start))
        )
        .scalar()
    ) or 0
    one_day = dt.timedelta(days=1)
    admitted = _per_day(Episode.admission_date, period.start + one_day, period.end, scope)
    discharged = _per_day(Episode.discharge_date, period.start, period.end - one_day, scope)
    overlaps = _overlaps(period, scope)
    days = daily_census(period.start, period.end, at_start, admitted, discharged, overlaps)
    return [CensusDay(day, count) for day, count in days]


def _figures(days: list[CensusDay], board: bool) -> Figures:
    counts = [d.active_clients for d in days]
    by_month: dict[str, list[int]] = defaultdict(list)
    for d in days:
        by_month[month_key(d.day)].append(d.active_clients)
    average = statistics.fmean(counts) if counts else 0.0
    high = max(days, key=lambda d: d.active_clients)
    low = min(days, key=lambda d: d.active_clients)
    summary = (
        f"Average daily census: {number_text(average)} clients over {len(days):,} days.",
        f"Highest: {count_text(high.active_clients, board)} on {formats.show_date(high.day)}; "
        f"lowest: {count_text(low.active_clients, board)} on {formats.show_date(low.day)}.",
    )
    monthly = tuple(
        (month, round(statistics.fmean(values), 1), min(values), max(values))
        for month, values in by_month.items()
    )
    return Figures(
        summary,
        (
            Table(
                "Clients active each day",
                ("Date", "Active clients"),
                tuple((d.day, d.active_clients) for d in days),
                counts=(1,),
            ),
            Table(
                "By month",
                ("Month", "Average daily census", "Lowest", "Highest"),
                monthly,
                counts=(2, 3),
                derived=(1,),
            ),
        ),
        (
            Chart(
                "line",
                "Clients active each day",
                tuple(formats.show_date(d.day) for d in days),
                tuple(float(c) for c in counts),
                "clients",
            ),
        ),
    )


def _compute(period: ReportPeriod, actor: Actor) -> Computed:
    days = census_days(period)
    return Computed(
        lambda board: _figures(days, board),
        [(d.day.isoformat(), d.active_clients) for d in days],
    )


view_census, export_census = report_use_cases(NAME, _compute)
