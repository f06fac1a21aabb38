"""Taking the calendar out: a counselor's or client's sessions as .ics, and the printed week.

The events name no client and carry the Part 2 notice (see calendar_ics). A counselor's
calendar goes only to them or an administrator; a client's to whoever may see the schedule.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from iopdesk.db.models.calendar import Group, Room, Session, SessionClient, SessionSeries
from iopdesk.db.models.core import Client, Staff
from iopdesk.domain.recurrence import LATEST
from iopdesk.errors import NotFound, PermissionDenied
from iopdesk.reports.ics import IcsEvent, calendar_bytes
from iopdesk.reports.week_schedule import DayColumn, WeekEntry, WeekSchedule, render_week
from iopdesk.services.admin.clinic import clinic_info, get_setting
from iopdesk.services.calendar.conflicts import memberships
from iopdesk.services.calendar.ics import lookups, series_events, single_events
from iopdesk.services.calendar.queries import CalendarFilter, sessions_between
from iopdesk.services.calendar.series import ensure_horizon
from iopdesk.services.calendar.setup import closed_day_map
from iopdesk.services.context import Actor, current_actor, deny, describe, use_case
from iopdesk.services.permissions import ADMIN

#: How far back an export reaches: phones need what is coming, not years of history.
EXPORT_PAST_DAYS = 28
STAFF_EXPORT = "calendar.export_ics_staff"
OWN_CALENDAR_ONLY = (
    "Only the counselor themself or an administrator may export a counselor's calendar. "
    "Export your own under My schedule, or a client's calendar under Show: Client."
)


def _bytes(events: list[IcsEvent], name: str) -> bytes:
    return calendar_bytes(events, get_setting("timezone"), name)


def may_export_staff_calendar(actor: Actor, staff_id: int) -> bool:
    """Whether ``actor`` may take ``staff_id``'s calendar out: their own, or any as admin."""
    return actor.staff_id == staff_id or actor.role == ADMIN


def ics_for_staff(actor: Actor, staff_id: int, today: dt.date | None = None) -> bytes:
    """A counselor's sessions from four weeks ago on, as an .ics file (theirs, or an admin's).

    Refused (and audited) before the export's transaction opens: inside it, the denial's
    audit row would be rolled back with everything else.
    """
    actor = current_actor(actor)
    if not may_export_staff_calendar(actor, staff_id):
        deny(actor, STAFF_EXPORT, "own calendar or administrator")
        raise PermissionDenied(OWN_CALENDAR_ONLY)
    return _staff_calendar(actor, staff_id, today)


@use_case(STAFF_EXPORT, "schedule.view", kind="read")
def _staff_calendar(actor: Actor, staff_id: int, today: dt.date | None) -> bytes:
    """The export behind ``ics_for_staff`` (one transaction, one audit row)."""
    staff = Staff.get_or_none(Staff.id == staff_id)
    if staff is None:
        raise NotFound("That staff member does not exist.")
    low = (today or dt.date.today()) - dt.timedelta(days=EXPORT_PAST_DAYS)
    ensure_horizon(low + dt.timedelta(weeks=4))
    names = lookups()
    events: list[IcsEvent] = []
    series = SessionSeries.select().where(
        (SessionSeries.counselor == staff_id)
        & (SessionSeries.last_date.is_null() | (SessionSeries.last_date >= low))
    )
    for s in series:
        events += series_events(s, low, None, names)
    singles = Session.select().where(
        (Session.series.is_null()) & (Session.counselor == staff_id) & (Session.day >= low)
    )
    events += single_events(list(singles), names)
    describe(record_type="staff", record_id=staff_id, detail=f"exported {len(events)} events")
    return _bytes(events, f"IOPdesk - {staff.full_name}")


@use_case("calendar.export_ics_client", "schedule.view", kind="read")
def ics_for_client(actor: Actor, client_id: int, today: dt.date | None = None) -> bytes:
    """A client's sessions (their groups while on the roster, their bookings) as .ics."""
    client = Client.get_or_none(Client.id == client_id)
    if client is None:
        raise NotFound("That client does not exist.")
    low = (today or dt.date.today()) - dt.timedelta(days=EXPORT_PAST_DAYS)
    ensure_horizon(low + dt.timedelta(weeks=4))
    names = lookups()
    events: list[IcsEvent] = []
    own = SessionSeries.select().where(
        (SessionSeries.client == client_id)
        & (SessionSeries.last_date.is_null() | (SessionSeries.last_date >= low))
    )
    for s in own:
        events += series_events(s, low, None, names)
    spans: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for m in memberships(low, LATEST, client_ids=[client_id]):
        spans[m.group_id].append((max(m.start, low), m.end))
    if spans:
        group_series = SessionSeries.select().where(
            SessionSeries.group.in_(list(spans))
            & (SessionSeries.last_date.is_null() | (SessionSeries.last_date >= low))
        )
        for s in group_series:
            for begin, end in spans[s.group_id]:
                events += series_events(s, begin, end, names)
    singles = list(
        Session.select()
        .join(SessionClient)
        .where(
            Session.series.is_null() & (SessionClient.client == client_id) & (Session.day >= low)
        )
    )
    group_singles = (
        [
            s
            for s in Session.select().where(
                Session.series.is_null() & Session.group.in_(list(spans)) & (Session.day >= low)
            )
            if any(b <= s.day and (e is None or s.day <= e) for b, e in spans[s.group_id])
        ]
        if spans
        else []
    )
    events += single_events(singles + group_singles, names)
    describe(
        client_id=client_id,
        record_type="client",
        record_id=client_id,
        detail=f"exported {len(events)} calendar events",
    )
    return _bytes(events, f"IOPdesk - {client.record_number}")


def _entry(view) -> WeekEntry:
    who = ", ".join(view.clients)
    return WeekEntry(
        view.time_text,
        view.title,
        view.kind_label,
        view.counselor,
        view.room,
        who,
        view.cancelled,
        view.cancel_reason,
        bool(view.conflicts),
        view.moved,
        view.start.hour,
    )


def _subtitle(filters: CalendarFilter) -> str:
    if filters.counselor_id is not None:
        s = Staff.get_or_none(Staff.id == filters.counselor_id)
        return f"Counselor: {s.full_name}" if s else "Counselor"
    if filters.room_id is not None:
        r = Room.get_or_none(Room.id == filters.room_id)
        return f"Room: {r.name}" if r else "Room"
    if filters.client_id is not None:
        c = Client.get_or_none(Client.id == filters.client_id)
        return f"Client: {c.full_name} ({c.record_number})" if c else "Client"
    if filters.group_id is not None:
        g = Group.get_or_none(Group.id == filters.group_id)
        return f"Group: {g.name}" if g else "Group"
    return "Whole clinic"


def week_schedule(monday: dt.date, filters: CalendarFilter) -> WeekSchedule:
    """The plain data of a printed week (used by the PDF and by tests)."""
    monday = monday - dt.timedelta(days=monday.weekday())
    sunday = monday + dt.timedelta(days=6)
    ensure_horizon(sunday)
    views = sessions_between(monday, sunday, filters)
    closed = closed_day_map(monday, sunday)
    days = []
    for n in range(7):
        day = monday + dt.timedelta(days=n)
        entries = tuple(_entry(v) for v in views if v.day == day)
        days.append(DayColumn(day, closed.get(day, ""), entries))
    info = clinic_info()
    return WeekSchedule(
        info.name,
        info.address,
        info.phone,
        info.program_label,
        monday,
        _subtitle(filters),
        tuple(days),
    )


@use_case("calendar.print_week", "schedule.view", kind="read")
def print_week(actor: Actor, monday: dt.date, filters: CalendarFilter | None = None) -> bytes:
    """The week as a landscape PDF for one counselor, room, client, group or the clinic."""
    filters = filters or CalendarFilter()
    if filters.client_id is not None and Client.get_or_none(Client.id == filters.client_id) is None:
        # the audit row names the client: one that is not there cannot be named
        raise NotFound("There is no such client; choose one from the list.")
    schedule = week_schedule(monday, filters)
    describe(
        client_id=filters.client_id,
        record_type="week_schedule",
        record_id=schedule.monday.isoformat(),
        detail=schedule.subtitle,
    )
    return render_week(schedule)


def file_name(text: str) -> str:
    """A safe file-name stem from a title."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-") or "calendar"


def staff_id_for(username: str) -> int:
    """A staff member's id from their user name (command line)."""
    row = Staff.get_or_none(Staff.username == (username or "").strip().lower())
    if row is None:
        raise NotFound(f"There is no staff member with the user name {username}.")
    return row.id


def room_id_for(name: str) -> int:
    """A room's id from its name (command line)."""
    row = Room.get_or_none(Room.name == (name or "").strip())
    if row is None:
        raise NotFound(f"There is no room called {name}.")
    return row.id


def client_id_for(record_number: str) -> int:
    """A client's id from the record number (command line)."""
    row = Client.get_or_none(Client.record_number == (record_number or "").strip().upper())
    if row is None:
        raise NotFound(f"There is no client with record number {record_number}.")
    return row.id
