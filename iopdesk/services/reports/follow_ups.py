"""The 30/60/90-day follow-up check-ins due in the period: reached or not, recovery status."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from iopdesk.db.models.aftercare import FollowUp
from iopdesk.db.models.core import Client, Episode
from iopdesk.domain.aftercare import FOLLOW_UP_DAYS, RECOVERY_STATUSES
from iopdesk.domain.report_layout import Chart, Figures, Table, count_text, percent_text
from iopdesk.domain.report_rules import is_small, rate
from iopdesk.services.context import Actor
from iopdesk.services.reports.period import ReportPeriod
from iopdesk.services.reports.running import Computed, report_use_cases
from iopdesk.services.reports.sql import as_date

NAME = "follow-ups"
IN_RECOVERY = "in_recovery"


@dataclass(frozen=True)
class CheckIn:
    """One standard check-in due in the period and what was recorded about it."""

    record_number: str
    days: int
    due_date: dt.date
    reached: bool | None
    recovery_status: str


def check_ins(period: ReportPeriod) -> list[CheckIn]:
    """The 30/60/90-day check-ins due in the period (one query; a few hundred a year)."""
    condition = FollowUp.due_date.between(period.start, period.end) & FollowUp.kind.in_(
        [str(days) for days in FOLLOW_UP_DAYS]
    )
    if period.program:
        condition &= Episode.program == period.program
    query = (
        FollowUp.select(
            Client.record_number,
            FollowUp.kind,
            FollowUp.due_date,
            FollowUp.done_on,
            FollowUp.reached,
            FollowUp.recovery_status,
        )
        .join(Episode, on=(FollowUp.episode == Episode.id))
        .switch(FollowUp)
        .join(Client, on=(FollowUp.client == Client.id))
        .where(condition)
        .order_by(FollowUp.due_date, Client.record_number)
        .tuples()
    )
    return [
        CheckIn(
            number,
            int(kind),
            as_date(due),
            None if done is None else bool(reached),
            (status or "") if done is not None else "",
        )
        for number, kind, due, done, reached, status in query
    ]


def _reached_text(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _figures(rows: list[CheckIn], board: bool) -> Figures:
    by_days: dict[int, list[CheckIn]] = defaultdict(list)
    for c in rows:
        by_days[c.days].append(c)
    table = []
    for days in FOLLOW_UP_DAYS:
        due = by_days.get(days, [])
        recorded = [c for c in due if c.reached is not None]
        reached = [c for c in recorded if c.reached]
        well = sum(1 for c in reached if c.recovery_status == IN_RECOVERY)
        table.append(
            (
                f"{days} days",
                len(due),
                len(recorded),
                len(reached),
                percent_text(rate(len(reached), len(recorded))),
                well,
                percent_text(rate(well, len(reached))),
            )
        )
    recorded = sum(row[2] for row in table)
    reached = sum(row[3] for row in table)
    well = sum(row[5] for row in table)
    summary = (
        f"{count_text(len(rows), board)} check-ins fell due; {count_text(recorded, board)} are "
        f"recorded and {count_text(reached, board)} reached the client "
        f"({'—' if board and is_small(recorded) else percent_text(rate(reached, recorded))}).",
        f"Of those reached, {count_text(well, board)} were in recovery "
        f"({'—' if board and is_small(reached) else percent_text(rate(well, reached))}).",
    )
    return Figures(
        summary,
        (
            Table(
                "Check-ins",
                ("Record number", "Check-in", "Due", "Reached", "Recovery status"),
                tuple(
                    (
                        c.record_number,
                        f"{c.days} days",
                        c.due_date,
                        _reached_text(c.reached),
                        RECOVERY_STATUSES.get(c.recovery_status, c.recovery_status),
                    )
                    for c in rows
                ),
                names_clients=True,
            ),
            Table(
                "By check-in",
                (
                    "Check-in",
                    "Due",
                    "Recorded",
                    "Reached",
                    "Reached share",
                    "In recovery",
                    "In recovery share",
                ),
                tuple(table),
                counts=(1, 2, 3, 5),
                derived=(4, 6),
            ),
        ),
        (
            Chart(
                "bar",
                "Recorded check-ins that reached the client",
                tuple(row[0] for row in table),
                tuple(
                    None if board and is_small(row[2]) else rate(row[3], row[2]) for row in table
                ),
                "%",
                counts=False,
            ),
        ),
    )


def _compute(period: ReportPeriod, actor: Actor) -> Computed:
    rows = check_ins(period)
    return Computed(
        lambda board: _figures(rows, board),
        [
            (
                c.record_number,
                c.days,
                c.due_date.isoformat(),
                _reached_text(c.reached),
                c.recovery_status,
            )
            for c in rows
        ],
    )


view_follow_ups, export_follow_ups = report_use_cases(NAME, _compute)
