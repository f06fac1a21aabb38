"""Discharges by TEDS discharge type with the completion rate, and the length of stay."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import peewee as pw

from iopdesk.db.models.aftercare import Discharge
from iopdesk.db.models.core import Episode
from iopdesk.domain.aftercare import DISCHARGE_TYPES
from iopdesk.domain.report_layout import (
    Chart,
    Figures,
    Table,
    count_text,
    percent_text,
    plain_number,
)
from iopdesk.domain.report_rules import Quartiles, is_small, quartiles, rate
from iopdesk.services.context import Actor
from iopdesk.services.reports.period import ReportPeriod
from iopdesk.services.reports.running import Computed, report_use_cases
from iopdesk.services.reports.sql import days_between

COMPLETED = "completed"
ALL = "all"


def discharged_in(period: ReportPeriod) -> pw.Expression:
    """Signed discharges dated in the period, of the period's program (join Episode)."""
    condition = Discharge.discharge_date.between(period.start, period.end)
    if period.program:
        condition &= Episode.program == period.program
    return condition


def _ordered_types(found: set[str]) -> list[str]:
    """The TEDS types in their usual order, then any others found in old records."""
    return [*DISCHARGE_TYPES, *sorted(found - set(DISCHARGE_TYPES))]


def _type_label(kind: str) -> str:
    return "All discharges" if kind == ALL else DISCHARGE_TYPES.get(kind, kind)


# --- discharges ------------------------------------------------------------------------------


def discharge_counts(period: ReportPeriod) -> dict[str, int]:
    """Discharges in the period per discharge type, every TEDS type listed (0 when none)."""
    query = (
        Discharge.select(Discharge.discharge_type, pw.fn.COUNT(Discharge.id))
        .join(Episode, on=(Discharge.episode == Episode.id))
        .where(discharged_in(period))
        .group_by(Discharge.discharge_type)
        .tuples()
    )
    found = dict(query)
    return {kind: found.get(kind, 0) for kind in _ordered_types(set(found))}


def _discharge_figures(counts: dict[str, int], board: bool) -> Figures:
    total = sum(counts.values())
    completed = counts.get(COMPLETED, 0)
    completion = rate(completed, total)
    hidden = board and (is_small(completed) or is_small(total))
    summary = (
        f"{count_text(total, board)} discharges in the period.",
        "Completion rate (treatment completed ÷ all discharges): "
        + ("—" if hidden else f"{percent_text(completion)} ({completed:,} of {total:,})"),
    )
    return Figures(
        summary,
        (
            Table(
                "Discharges by type",
                ("Discharge type", "TEDS type", "Discharges", "Share"),
                tuple(
                    (kind, _type_label(kind), n, percent_text(rate(n, total)))
                    for kind, n in counts.items()
                ),
                counts=(2,),
                derived=(3,),
            ),
        ),
        (
            Chart(
                "bar",
                "Discharges by type",
                tuple(_type_label(kind).split(" (")[0] for kind in counts),
                tuple(float(n) for n in counts.values()),
                "discharges",
            ),
        ),
    )


def _compute_discharges(period: ReportPeriod, actor: Actor) -> Computed:
    counts = discharge_counts(period)
    return Computed(lambda board: _discharge_figures(counts, board), list(counts.items()))


view_discharges, export_discharges = report_use_cases("discharges", _compute_discharges)

# --- length of stay --------------------------------------------------------------------------


@dataclass(frozen=True)
class StayLengths:
    """Length of stay quartiles per discharge type and for all (``ALL``), and how many
    discharges had no admission date."""

    by_type: dict[str, Quartiles | None]
    without_admission: int


def stay_lengths(period: ReportPeriod) -> StayLengths:
    """Days from admission to discharge, as a histogram per type from one aggregate query."""
    days = days_between(Episode.admission_date, Discharge.discharge_date)
    query = (
        Discharge.select(Discharge.discharge_type, days, pw.fn.COUNT(Discharge.id))
        .join(Episode, on=(Discharge.episode == Episode.id))
        .where(discharged_in(period) & Episode.admission_date.is_null(False))
        .group_by(Discharge.discharge_type, days)
        .tuples()
    )
    histograms: dict[str, dict[int, int]] = defaultdict(dict)
    overall: dict[int, int] = defaultdict(int)
    for kind, length, n in query:
        histograms[kind][int(length)] = n
        overall[int(length)] += n
    missing = (
        Discharge.select(pw.fn.COUNT(Discharge.id))
        .join(Episode, on=(Discharge.episode == Episode.id))
        .where(discharged_in(period) & Episode.admission_date.is_null())
        .scalar()
    ) or 0
    by_type = {kind: quartiles(histograms[kind]) for kind in _ordered_types(set(histograms))}
    by_type = {kind: q for kind, q in by_type.items() if q is not None}
    return StayLengths({**by_type, ALL: quartiles(overall)}, missing)


def _stay_rows(
    stays: StayLengths,
) -> list[tuple[str, int, float | None, float | None, float | None]]:
    rows = []
    for kind, q in stays.by_type.items():
        if q is None:
            rows.append((kind, 0, None, None, None))
        else:
            rows.append((kind, q.count, q.median, q.q1, q.q3))
    return rows


def _stay_figures(stays: StayLengths, board: bool) -> Figures:
    overall = stays.by_type[ALL]
    summary = [
        "No discharge in the period had an admission date."
        if overall is None
        else f"Median stay {overall.median:g} days (middle half from {overall.q1:g} to "
        f"{overall.q3:g} days) over {count_text(overall.count, board)} discharges."
    ]
    if stays.without_admission:
        summary.append(
            f"{count_text(stays.without_admission, board)} discharges without an admission date "
            "are left out."
        )
    rows = _stay_rows(stays)
    return Figures(
        tuple(summary),
        (
            Table(
                "Length of stay by discharge type (days)",
                (
                    "Discharge type",
                    "TEDS type",
                    "Discharges",
                    "Median",
                    "First quartile",
                    "Third quartile",
                ),
                tuple((kind, _type_label(kind), *stats) for kind, *stats in rows),
                counts=(2,),
                derived=(3, 4, 5),
            ),
        ),
        (
            Chart(
                "bar",
                "Median length of stay by discharge type",
                tuple(_type_label(kind).split(" (")[0] for kind, *_ in rows),
                tuple(None if board and is_small(n) else median for _, n, median, *_ in rows),
                "days",
                counts=False,
            ),
        ),
    )


def _compute_stays(period: ReportPeriod, actor: Actor) -> Computed:
    stays = stay_lengths(period)
    csv_rows = [
        (kind, n, *(plain_number(v) for v in stats)) for kind, n, *stats in _stay_rows(stays)
    ]
    return Computed(lambda board: _stay_figures(stays, board), csv_rows)


view_length_of_stay, export_length_of_stay = report_use_cases("length-of-stay", _compute_stays)
