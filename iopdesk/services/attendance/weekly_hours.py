"""Weekly hours for every active client, and a client's attendance history with rates."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

import peewee as pw

from iopdesk.db.models.attendance import STATUSES, Attendance
from iopdesk.db.models.calendar import KINDS, RosterMembership, Session, SessionClient
from iopdesk.db.models.core import Client, Episode, Staff
from iopdesk.domain.hours import (
    CORE_KINDS,
    WeekHours,
    attendance_rate,
    minimum_minutes,
    session_minutes,
    week_days,
)
from iopdesk.domain.hours import (
    weekly_hours as group_weeks,
)
from iopdesk.services.admin.clinic import WEEKLY_MINIMUM_HOURS, clinic_info
from iopdesk.services.attendance.session_facts import as_time, client_name, get_client
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.reports.sql import as_date, raw_rows


@dataclass(frozen=True)
class WeeklyHoursRow:
    """One active client's core-service minutes this week against the program minimum."""

    client_id: int
    client_name: str
    record_number: str
    counselor_name: str
    program: str
    week: WeekHours
    scheduled_minutes: int  # still scheduled later this week (0 for past weeks)
    admitted_on: dt.date | None

    @property
    def below_minimum(self) -> bool:
        return self.week.below_minimum

    @property
    def cannot_reach_minimum(self) -> bool:
        """Even attending everything still scheduled this week leaves them below the minimum."""
        return self.week.minutes + self.scheduled_minutes < self.week.minimum_minutes

    @property
    def partial_week(self) -> bool:
        """Admitted during this week, so the minimum may not apply in full."""
        return self.admitted_on is not None and self.admitted_on > self.week.week_start


def _minimum_for(program: str) -> int:
    return WEEKLY_MINIMUM_HOURS.get(program, 9)


@use_case("hours.week", "schedule.view", kind="read", audited=False)
def weekly_hours(
    actor: Actor, day: dt.date, *, now: dt.datetime | None = None
) -> list[WeeklyHoursRow]:
    """Every active client's minutes in the ISO week holding ``day`` (one aggregate query)."""
    monday, sunday = week_days(day)
    clinic_program = clinic_info().program_type
    active = (
        Client.select(
            Client.id,
            Client.legal_first_name,
            Client.legal_last_name,
            Client.preferred_name,
            Client.record_number,
            Staff.full_name.alias("counselor_name"),
            Episode.program.alias("program"),
            Episode.admission_date.alias("admitted"),
        )
        .join(Staff, pw.JOIN.LEFT_OUTER, on=(Client.counselor == Staff.id))
        .switch(Client)
        .join(
            Episode,
            pw.JOIN.LEFT_OUTER,
            on=((Episode.client == Client.id) & (Episode.status == "active")),
        )
        .where(Client.status == "active")
    )
    totals = (
        Attendance.select(
            Attendance.client, Session.day, pw.fn.SUM(Attendance.minutes).alias("minutes")
        )
        .join(Session)
        .where(
            Session.day.between(monday, sunday)
            & (Session.status != "cancelled")
            & Session.kind.in_(list(CORE_KINDS))
        )
        .group_by(Attendance.client, Session.day)
    )
    # Rows as the driver gives them (a week of every client in care): no per-value conversion.
    by_client: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for client_id, day_value, minutes in raw_rows(totals):
        by_client[client_id].append((as_date(day_value), int(minutes or 0)))
    in_care = Client.select(Client.id).where(Client.status == "active")
    remaining = _still_scheduled(monday, sunday, now or dt.datetime.now(), in_care)
    rows = []
    for client_id, first, last, preferred, number, counselor, program, admitted in raw_rows(active):
        program = program or clinic_program
        floor = _minimum_for(program)
        weeks = group_weeks(by_client.get(client_id, []), floor)
        week = weeks.get(monday) or WeekHours(monday, 0, minimum_minutes(floor), ())
        rows.append(
            WeeklyHoursRow(
                client_id,
                client_name(first, last, preferred),
                number,
                counselor or "",
                program,
                week,
                remaining.get(client_id, 0),
                as_date(admitted) if admitted else None,
            )
        )
    return sorted(rows, key=lambda r: (r.week.minutes, r.client_name.casefold()))


def _still_scheduled(
    monday: dt.date, sunday: dt.date, moment: dt.datetime, clients: pw.SelectQuery
) -> dict[int, int]:
    """Client id -> minutes of core sessions still ahead of ``moment`` this week, for the
    clients ``clients`` selects (their ids)."""
    if moment.date() > sunday:
        return {}
    # Read as the driver gives them, and asked by dates and the clients in care (subqueries):
    # a busy week has hundreds of sessions, each id written into SQL costs more than it finds.
    coming = (
        Session.day.between(max(monday, moment.date()), sunday)
        & (Session.status != "cancelled")
        & Session.kind.in_(list(CORE_KINDS))
    )
    ahead: list[tuple[int, dt.date, int, int | None]] = []
    for session_id, day_value, start_value, end_value, group_id in raw_rows(
        Session.select(
            Session.id, Session.day, Session.start_time, Session.end_time, Session.group
        ).where(coming)
    ):
        day, start = as_date(day_value), as_time(start_value)
        if dt.datetime.combine(day, start) > moment:
            ahead.append((session_id, day, session_minutes(start, as_time(end_value)), group_id))
    if not ahead:
        return {}
    out: dict[int, int] = defaultdict(int)
    # Memberships by group, so each session looks only at its own group's members.
    members: dict[int, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)
    for group_id, client_id, start, end in raw_rows(
        RosterMembership.select(
            RosterMembership.group,
            RosterMembership.client,
            RosterMembership.start_date,
            RosterMembership.end_date,
        ).where(
            # by client (the active few) rather than by group (years of members)
            RosterMembership.client.in_(clients)
            & (RosterMembership.start_date <= sunday)
            & (RosterMembership.end_date.is_null() | (RosterMembership.end_date >= monday))
        )
    ):
        members[group_id].append((client_id, as_date(start), end and as_date(end)))
    booked_by_session: dict[int, list[int]] = defaultdict(list)
    for session_id, client_id in raw_rows(
        SessionClient.select(SessionClient.session, SessionClient.client)
        .join(Session)
        .where(coming)
    ):
        booked_by_session[session_id].append(client_id)
    for session_id, day, length, group_id in ahead:
        for client_id, start, end in members.get(group_id, ()) if group_id else ():
            if start <= day and (end is None or end >= day):
                out[client_id] += length
        for client_id in booked_by_session.get(session_id, []):
            out[client_id] += length
    return out


@dataclass(frozen=True)
class HistoryRow:
    """One recorded session in a client's attendance history."""

    session_id: int
    day: dt.date
    title: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    minutes: int
    guest: bool


@dataclass(frozen=True)
class ClientAttendance:
    """A client's attendance: every recorded session, rates, and hours per week."""

    client_id: int
    rows: tuple[HistoryRow, ...]
    rate: float | None
    counts: dict[str, int]
    weeks: tuple[WeekHours, ...]
    minimum_hours: int

    @property
    def rate_text(self) -> str:
        return "no attendance recorded yet" if self.rate is None else f"{self.rate:.0%}"

    @property
    def weeks_below_minimum(self) -> int:
        return sum(1 for w in self.weeks if w.below_minimum)


@use_case("attendance.history", "client.view", kind="read")
def attendance_history(actor: Actor, client_id: int) -> ClientAttendance:
    """The client's recorded attendance, newest first, with the rate and weekly hours."""
    client = get_client(client_id)
    query = (
        Attendance.select(
            Attendance.session,
            Attendance.status,
            Attendance.minutes,
            Attendance.guest,
            Session.id,
            Session.day,
            Session.title,
            Session.kind,
        )
        .join(Session)
        .where(Attendance.client == client_id)
        .order_by(Session.day.desc(), Session.start_time.desc())
    )
    rows = tuple(
        HistoryRow(
            a.session_id,
            as_date(a.session.day),
            a.session.title,
            a.session.kind,
            KINDS.get(a.session.kind, a.session.kind),
            a.status,
            STATUSES.get(a.status, a.status),
            a.minutes,
            a.guest,
        )
        for a in query
    )
    episode = (
        Episode.select(Episode.program)
        .where(Episode.client == client_id)
        .order_by(Episode.number.desc())
        .first()
    )
    program = episode.program if episode else clinic_info().program_type
    floor = _minimum_for(program)
    core = [(r.day, r.minutes) for r in rows if r.kind in CORE_KINDS]
    weeks = tuple(
        sorted(group_weeks(core, floor).values(), key=lambda w: w.week_start, reverse=True)
    )
    describe(client_id=client.id, record_type="attendance_history", record_id=client.id)
    return ClientAttendance(
        client.id,
        rows,
        attendance_rate(r.status for r in rows),
        dict(Counter(r.status for r in rows)),
        weeks,
        floor,
    )
