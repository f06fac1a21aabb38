"""Admissions per month, by referral source."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import peewee as pw

from iopdesk.db.models.core import Episode
from iopdesk.domain.report_layout import Chart, Figures, Table, count_text
from iopdesk.services.context import Actor
from iopdesk.services.reports.census import admitted_in
from iopdesk.services.reports.period import ReportPeriod
from iopdesk.services.reports.running import Computed, report_use_cases
from iopdesk.services.reports.sql import month_of

NAME = "admissions"
NOT_RECORDED = "not recorded"


@dataclass(frozen=True)
class AdmissionCount:
    """Admissions of one month from one referral source."""

    month: str
    referral_source: str
    admissions: int


def admission_counts(period: ReportPeriod) -> list[AdmissionCount]:
    """Episodes admitted in the period, counted by month and referral source (one query)."""
    month = month_of(Episode.admission_date)
    source = pw.fn.TRIM(Episode.referral_source)
    query = (
        Episode.select(month, source, pw.fn.COUNT(Episode.id))
        .where(admitted_in(period) & Episode.admission_date.between(period.start, period.end))
        .group_by(month, source)
        .tuples()
    )
    counts: Counter[tuple[str, str]] = Counter()
    for when, where, n in query:
        # Sources typed with other spacing or an empty one fold together here.
        counts[(str(when), where or NOT_RECORDED)] += n
    return [AdmissionCount(m, s, n) for (m, s), n in sorted(counts.items())]


def _months(period: ReportPeriod) -> list[str]:
    months, year, month = [], period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _figures(period: ReportPeriod, rows: list[AdmissionCount], board: bool) -> Figures:
    total = sum(r.admissions for r in rows)
    by_month: Counter[str] = Counter()
    by_source: Counter[str] = Counter()
    for r in rows:
        by_month[r.month] += r.admissions
        by_source[r.referral_source] += r.admissions
    months = _months(period)
    summary = [f"{count_text(total, board)} admissions in the period."]
    if by_source:
        top, n = by_source.most_common(1)[0]
        summary.append(f"Most came from: {top} ({count_text(n, board)}).")
    return Figures(
        tuple(summary),
        (
            Table(
                "Admissions by month and referral source",
                ("Month", "Referral source", "Admissions"),
                tuple((r.month, r.referral_source, r.admissions) for r in rows),
                counts=(2,),
            ),
            Table(
                "By referral source",
                ("Referral source", "Admissions"),
                tuple(by_source.most_common()),
                counts=(1,),
            ),
        ),
        (
            Chart(
                "bar",
                "Admissions per month",
                tuple(months),
                tuple(float(by_month.get(m, 0)) for m in months),
                "admissions",
            ),
        ),
    )


def _compute(period: ReportPeriod, actor: Actor) -> Computed:
    rows = admission_counts(period)
    return Computed(
        lambda board: _figures(period, rows, board),
        [(r.month, r.referral_source, r.admissions) for r in rows],
    )


view_admissions, export_admissions = report_use_cases(NAME, _compute)
