"""The events of an .ics export: titles that name no client, the Part 2 notice, series rules.

An .ics file leaves the program (phones, cloud calendars), so its events name no client: a
session is "Individual session - IOP-000123", a group its group's name, and every event
carries the 42 CFR Part 2 notice in its description.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from iopdesk.db.models.calendar import KINDS, Group, Room, Session, SessionClient, SessionSeries
from iopdesk.db.models.core import Client, Staff
from iopdesk.domain.recurrence import LATEST, expand
from iopdesk.reports.document import PART2_SHORT
from iopdesk.reports.ics import IcsEvent
from iopdesk.services.calendar.series import pattern_of
from iopdesk.services.calendar.setup import closed_day_map


@dataclass(frozen=True)
class Names:
    """What an exported event may say about rooms, counselors and groups (small tables)."""

    rooms: dict[int, str]
    counselors: dict[int, str]
    groups: dict[int, str]


def export_title(kind: str, group_name: str, record_numbers: Iterable[str], title: str) -> str:
    """An event title that names no client: record numbers, the group, or the typed title."""
    numbers = sorted(set(record_numbers))
    label = KINDS.get(kind, "Session")
    if numbers:
        return f"{label} session - {', '.join(numbers)}"
    if group_name:
        return group_name
    # A typed title could hold a name; only sessions about no client ("other") keep theirs.
    return title if kind == "other" else f"{label} session"


def _description(counselor: str) -> str:
    return f"Counselor: {counselor}\n\n{PART2_SHORT}" if counselor else PART2_SHORT


def _record_numbers(client_ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted({c for c in client_ids if c})
    if not wanted:
        return {}
    rows = Client.select(Client.id, Client.record_number).where(Client.id.in_(wanted))
    return {c.id: c.record_number for c in rows}


def _booked_numbers(session_ids: list[int]) -> dict[int, list[str]]:
    """Record numbers of the clients booked into each session (one query per 500 sessions)."""
    found: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(session_ids), 500):
        rows = (
            SessionClient.select(SessionClient.session, Client.record_number)
            .join(Client)
            .where(SessionClient.session.in_(session_ids[start : start + 500]))
            .tuples()
        )
        for session_id, number in rows:
            found[session_id].append(number)
    return found


def _start_of(series: SessionSeries, low: dt.date) -> dt.date | None:
    pattern = pattern_of(series)
    first = expand(pattern, low, low + dt.timedelta(days=6))
    return first[0] if first else None


def series_events(
    series: SessionSeries, low: dt.date, high: dt.date | None, names: Names
) -> list[IcsEvent]:
    """One RRULE event for the part of a series in [low, high], with EXDATEs and moves."""
    start_day = _start_of(series, max(low, series.first_date))
    last = series.last_date
    if high is not None:
        last = high if last is None else min(last, high)
    if start_day is None or (last is not None and start_day > last):
        return []
    uid = f"series-{series.id}-{start_day:%Y%m%d}@iopdesk"
    rows = Session.select().where(
        (Session.series == series.id) & (Session.original_date >= start_day)
    )
    if last is not None:
        rows = rows.where(Session.original_date <= last)
    exdates: list[dt.datetime] = []
    moves: list[IcsEvent] = []
    location = names.rooms.get(series.room_id, "")
    numbers = _record_numbers([series.client_id]).values()
    title = export_title(series.kind, names.groups.get(series.group_id, ""), numbers, series.title)
    for s in rows:
        original = dt.datetime.combine(s.original_date, series.start_time)
        if s.status == "cancelled":
            exdates.append(original)
        elif s.moved or (s.day, s.start_time, s.end_time) != (
            s.original_date,
            series.start_time,
            series.end_time,
        ):
            moves.append(
                IcsEvent(
                    uid,
                    title,
                    dt.datetime.combine(s.day, s.start_time),
                    dt.datetime.combine(s.day, s.end_time),
                    names.rooms.get(s.room_id, ""),
                    _description(names.counselors.get(s.counselor_id, "")),
                    recurrence_id=original,
                )
            )
    # Closed days past the materialized horizon are known too; a phone should skip them.
    pattern = pattern_of(series)
    beyond = (series.horizon or start_day) + dt.timedelta(days=1)
    for day in closed_day_map(max(beyond, start_day), last or LATEST):
        if day.weekday() in pattern.weekdays and (last is None or day <= last):
            exdates.append(dt.datetime.combine(day, series.start_time))
    main = IcsEvent(
        uid,
        title,
        dt.datetime.combine(start_day, series.start_time),
        dt.datetime.combine(start_day, series.end_time),
        location,
        _description(names.counselors.get(series.counselor_id, "")),
        weekdays=pattern.weekdays,
        until=last,
        exdates=tuple(sorted(set(exdates))),
    )
    return [main, *moves]


def single_events(rows: list[Session], names: Names) -> list[IcsEvent]:
    """One event per scheduled single session (cancelled ones are simply left out)."""
    scheduled = [s for s in rows if s.status == "scheduled"]
    booked = _booked_numbers([s.id for s in scheduled])
    return [
        IcsEvent(
            f"session-{s.id}@iopdesk",
            export_title(s.kind, names.groups.get(s.group_id, ""), booked.get(s.id, ()), s.title),
            dt.datetime.combine(s.day, s.start_time),
            dt.datetime.combine(s.day, s.end_time),
            names.rooms.get(s.room_id, ""),
            _description(names.counselors.get(s.counselor_id, "")),
        )
        for s in scheduled
    ]


def lookups() -> Names:
    """Room, counselor and group names for the events (whole tables: they stay small)."""
    rooms = {r.id: r.name for r in Room.select(Room.id, Room.name)}
    staff = {s.id: s.full_name for s in Staff.select(Staff.id, Staff.full_name)}
    groups = {g.id: g.name for g in Group.select(Group.id, Group.name)}
    return Names(rooms, staff, groups)
