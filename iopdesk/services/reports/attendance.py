"""Weekly attendance against the IOP minimum per client-week, and no-shows per group."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import peewee as pw

from iopdesk.db.models.attendance import Attendance
from iopdesk.db.models.calendar import Group, Session
from iopdesk.db.models.core import Client, Episode
from iopdesk.domain.hours import CORE_KINDS, hours_text, minimum_minutes
from iopdesk.domain.report_layout import Chart, Figures, Table, count_text, percent_text
from iopdesk.domain.report_rules import (
    Span,
    active_weeks,
    is_small,
    month_key,
    rate,
    week_monday,
    weeks_within,
)
from iopdesk.services.admin.clinic import WEEKLY_MINIMUM_HOURS
from iopdesk.services.context import Actor
from iopdesk.services.reports.period import ReportPeriod
from iopdesk.services.reports.running import Computed, report_use_cases
from iopdesk.services.reports.sql import as_date, raw_rows, week_number

NAME = "attendance"
NO_SHOW = "absent_unexcused"


@dataclass(frozen=True)
class ClientWeek:
    """One client's attended minutes in one week they were active all seven days."""

    record_number: str
    week_start: dt.date
    minutes: int
    minimum_minutes: int

    @property
    def met_minimum(self) -> bool:
        return self.minutes >= self.minimum_minutes


@dataclass(frozen=True)
class GroupNoShows:
    """A group's sessions in the period and the unexcused absences at them."""

    group: str
    sessions: int
    records: int
    no_shows: int

    @property
    def rate(self) -> float | None:
        return rate(self.no_shows, self.records)


def _week_minutes(first: dt.date, last: dt.date) -> dict[tuple[int, int], int]:
    """(client id, week number) -> minutes attended at core sessions, one aggregate query."""
    week = week_number(Session.day)
    query = (
        Attendance.select(Attendance.client, week, pw.fn.SUM(Attendance.minutes))
        .join(Session, on=(Attendance.session == Session.id))
        .where(
            Session.day.between(first, last)
            & (Session.status != "cancelled")
            & Session.kind.in_(sorted(CORE_KINDS))
        )
        .group_by(Attendance.client, week)
    )
    return {(client, int(number)): int(minutes or 0) for client, number, minutes in raw_rows(query)}


def client_weeks(period: ReportPeriod) -> list[ClientWeek]:
    """Every client-week of the period's whole weeks in which the client was active all seven
    days, with the minutes attended and the minimum of the episode's program."""
    weeks = weeks_within(period.start, period.end)
    if not weeks:
        return []
    first, last = weeks[0], weeks[-1] + dt.timedelta(days=6)
    episodes = (
        Episode.select(
            Episode.client,
            Client.record_number,
            Episode.program,
            Episode.admission_date,
            Episode.discharge_date,
        )
        .join(Client, on=(Episode.client == Client.id))
        .where(
            Episode.admission_date.is_null(False)
            & (Episode.admission_date <= last)
            & (Episode.discharge_date.is_null() | (Episode.discharge_date >= first))
        )
    )
    spans: dict[int, list[tuple[Span, str]]] = defaultdict(list)
    numbers: dict[int, str] = {}
    for client, number, program, admitted, discharged in raw_rows(episodes):
        numbers[client] = number
        span = (as_date(admitted), as_date(discharged) if discharged else None)
        spans[client].append((span, program))
    minutes = _week_minutes(first, last)
    rows = []
    for client, episode_spans in spans.items():
        for monday in active_weeks([span for span, _ in episode_spans], weeks):
            program = _program_on(monday, episode_spans)
            if period.program and program != period.program:
                continue
            floor = minimum_minutes(WEEKLY_MINIMUM_HOURS.get(program, 9))
            number = (monday - week_monday(0)).days // 7
            rows.append(
                ClientWeek(numbers[client], monday, minutes.get((client, number), 0), floor)
            )
    return sorted(rows, key=lambda r: (r.week_start, r.record_number))


def _program_on(monday: dt.date, episode_spans: list[tuple[Span, str]]) -> str:
    """The program of the episode in care on the Monday (the latest one begun by then)."""
    begun = [(span[0], program) for span, program in episode_spans if span[0] <= monday]
    return max(begun)[1]


def attended(period: ReportPeriod) -> pw.Expression:
    """Attendance at sessions of the period that were not cancelled (join Session); with a
    program chosen, only attendance while the client was in an episode of that program."""
    condition = Session.day.between(period.start, period.end) & (Session.status != "cancelled")
    if period.program:
        episode = Episode.alias()
        condition &= pw.fn.EXISTS(
            episode.select(episode.id).where(
                (episode.client == Attendance.client)
                & (episode.program == period.program)
                & (episode.admission_date <= Session.day)
                & (episode.discharge_date.is_null() | (episode.discharge_date >= Session.day))
            )
        )
    return condition


def group_no_shows(period: ReportPeriod) -> list[GroupNoShows]:
    """Per group: sessions held, attendance records and unexcused absences (one query)."""
    no_show = pw.Case(None, [(Attendance.status == NO_SHOW, 1)], 0)
    condition = attended(period)
    query = (
        Attendance.select(
            Group.name,
            pw.fn.COUNT(pw.fn.DISTINCT(Session.id)),
            pw.fn.COUNT(Attendance.id),
            pw.fn.SUM(no_show),
        )
        .join(Session, on=(Attendance.session == Session.id))
        .join(Group, on=(Session.group == Group.id))
        .where(condition)
        .group_by(Group.id, Group.name)
        .order_by(Group.name)
        .tuples()
    )
    return [GroupNoShows(name, s, r, int(n or 0)) for name, s, r, n in query]


def _figures(rows: list[ClientWeek], groups: list[GroupNoShows], board: bool) -> Figures:
    met = sum(1 for r in rows if r.met_minimum)
    by_month: dict[str, list[bool]] = defaultdict(list)
    for r in rows:
        by_month[month_key(r.week_start)].append(r.met_minimum)
    summary = [
        f"{count_text(len(rows), board)} client-weeks in which the client was in care all "
        f"seven days; {count_text(met, board)} ({percent_text(rate(met, len(rows)))}) met the "
        "weekly minimum."
    ]
    if rows:
        average = sum(r.minutes for r in rows) / len(rows)
        summary.append(f"Average attended per client-week: {hours_text(round(average))}.")
    return Figures(
        tuple(summary),
        (
            Table(
                "Client-weeks",
                ("Record number", "Week starting", "Attended", "Minutes", "Minimum met"),
                tuple(
                    (
                        r.record_number,
                        r.week_start,
                        hours_text(r.minutes),
                        r.minutes,
                        "yes" if r.met_minimum else "no",
                    )
                    for r in rows
                ),
                names_clients=True,
            ),
            Table(
                "No-shows by group",
                ("Group", "Sessions", "Attendance records", "No-shows", "No-show rate"),
                tuple(
                    (g.group, g.sessions, g.records, g.no_shows, percent_text(g.rate))
                    for g in groups
                ),
                counts=(2, 3),
                derived=(4,),
            ),
        ),
        (
            Chart(
                "bar",
                "Client-weeks meeting the weekly minimum, by month",
                tuple(by_month),
                tuple(
                    None if board and is_small(len(flags)) else rate(sum(flags), len(flags))
                    for flags in by_month.values()
                ),
                "%",
                counts=False,
            ),
        ),
    )


def _compute(period: ReportPeriod, actor: Actor) -> Computed:
    rows, groups = client_weeks(period), group_no_shows(period)
    return Computed(
        lambda board: _figures(rows, groups, board),
        [
            (r.record_number, r.week_start.isoformat(), r.minutes, "yes" if r.met_minimum else "no")
            for r in rows
        ],
    )


view_attendance, export_attendance = report_use_cases(NAME, _compute)
