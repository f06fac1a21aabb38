"""What the calendar shows: sessions in a date range with names, status and conflict markers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from iopdesk.db.models.calendar import KINDS, Group, Session, SessionClient
from iopdesk.db.models.core import Client
from iopdesk.domain import formats
from iopdesk.domain.hours import CORE_KINDS, WeekHours, session_minutes, week_start, weekly_hours
from iopdesk.errors import NotFound
from iopdesk.services.admin.clinic import clinic_info
from iopdesk.services.calendar.conflicts import memberships
from iopdesk.services.calendar.series import ensure_horizon
from iopdesk.services.calendar.setup import closed_day_map
from iopdesk.services.calendar.week_rows import (
    People,
    SessionRow,
    clashes,
    group_leaders,
    neighbours,
    people_in,
    session_rows,
)
from iopdesk.services.clients import search as client_search
from iopdesk.services.context import Actor, require, use_case


@dataclass(frozen=True)
class CalendarFilter:
    """Whose sessions to show; all None shows the whole clinic."""

    counselor_id: int | None = None
    room_id: int | None = None
    group_id: int | None = None
    client_id: int | None = None


@dataclass(frozen=True)
class SessionView:
    """One session as the week view, the chart and the printout show it."""

    id: int
    series_id: int | None
    day: dt.date
    start: dt.time
    end: dt.time
    kind: str
    kind_label: str
    title: str
    counselor_id: int | None
    counselor: str
    room_id: int | None
    room: str
    group_id: int | None
    client_ids: tuple[int, ...]
    clients: tuple[str, ...]
    status: str
    cancel_reason: str
    moved: bool
    conflicts: tuple[str, ...]
    conflict_reason: str

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def minutes(self) -> int:
        return session_minutes(self.start, self.end)

    @property
    def time_text(self) -> str:
        return formats.show_times(self.start, self.end)


@dataclass(frozen=True)
class ClientChoice:
    """A client for the appointment and series pickers."""

    id: int
    record_number: str
    name: str
    status: str


@dataclass(frozen=True)
class Choice:
    """An id and a label for a drop-down (groups, counselors)."""

    id: int
    label: str


def _view(row: SessionRow, people: People, conflicts: dict[int, list[str]]) -> SessionView:
    client_ids = tuple(sorted(people.ids.get(row.id, set())))
    shown = () if row.group_id is not None else tuple(people.names[c] for c in client_ids)
    return SessionView(
        row.id,
        row.series_id,
        row.day,
        row.start,
        row.end,
        row.kind,
        KINDS.get(row.kind, row.kind),
        row.title,
        row.counselor_id,
        row.counselor,
        row.room_id,
        row.room,
        row.group_id,
        client_ids,
        shown,
        row.status,
        row.cancel_reason,
        row.moved,
        tuple(conflicts.get(row.id, ())),
        row.conflict_reason,
    )


def _chosen(start: dt.date, end: dt.date, filters: CalendarFilter) -> pw.Expression:
    """The filtered sessions in [start, end] as SQL, so each is found by its own index (a
    counselor's, a room's or a group's days; a client's bookings and groups)."""
    chosen = Session.day.between(start, end)
    if filters.counselor_id is not None:
        chosen &= Session.counselor == filters.counselor_id
    if filters.room_id is not None:
        chosen &= Session.room == filters.room_id
    if filters.group_id is not None:
        chosen &= Session.group == filters.group_id
    if filters.client_id is not None:
        groups = {m.group_id for m in memberships(start, end, client_ids=[filters.client_id])}
        booked = SessionClient.select(SessionClient.session).where(
            SessionClient.client == filters.client_id
        )
        theirs = [Session.id.in_(booked)]
        if groups:
            theirs.append(Session.group.in_(list(groups)))
        chosen &= Session.days_and_any(start, end, *theirs)
    return chosen


def sessions_between(
    start: dt.date,
    end: dt.date,
    filters: CalendarFilter | None = None,
    *,
    whole_clinic: bool = True,
) -> list[SessionView]:
    """The sessions in [start, end] that ``filters`` choose, with their clashes.

    A filtered view reads its own sessions, then only the clinic's sessions that could clash
    with them (sharing a counselor or co-facilitator, a room or a client on those days), so
    its cost grows with what it shows; the clashes are the same as the whole clinic's view
    gives. With ``whole_clinic=False`` and a client filter (a client's chart) the clashes
    are those between the client's own sessions.
    """
    filters = filters or CalendarFilter()
    chosen = _chosen(start, end, filters)
    rows = session_rows(chosen)
    people = people_in(rows, chosen)
    every, led = rows, group_leaders(rows)
    own_only = not whole_clinic and filters.client_id is not None
    if filters != CalendarFilter() and not own_only:
        near = neighbours(rows, people.ids, led)
        if near.rows:
            every = sorted(rows + near.rows, key=lambda r: (r.day, r.start, r.id))
            # Others' people and facilitators are only those shared with the chosen sessions:
            # all a clash with them can involve. The chosen sessions' own are complete.
            people = People({**near.clients, **people.ids}, people.names)
            led = {**near.led, **led}
    conflicts = clashes(every, people.ids, led)
    if filters.client_id is not None:  # a group session shows them only while on its roster
        rows = [s for s in rows if filters.client_id in people.ids.get(s.id, set())]
    return [_view(row, people, conflicts) for row in rows]


def week(
    actor: Actor, monday: dt.date, filters: CalendarFilter | None = None, days: int = 7
) -> list[SessionView]:
    """The sessions of a week (or of ``days`` days from ``monday``) for the calendar view."""
    require(actor, "schedule.view", "calendar.week")
    end = monday + dt.timedelta(days=days - 1)
    ensure_horizon(end)
    return sessions_between(monday, end, filters)


def closed_days_between(start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """Closed days to mark on the calendar header."""
    return closed_day_map(start, end)


@use_case("calendar.client_sessions", "schedule.view", kind="read", audited=False)
def sessions_for_client(
    actor: Actor, client_id: int, start: dt.date, end: dt.date
) -> list[SessionView]:
    """A client's sessions in [start, end]: their group rosters on each date plus bookings."""
    ensure_horizon(end)
    return sessions_between(start, end, CalendarFilter(client_id=client_id), whole_clinic=False)


@use_case("calendar.client_hours", "schedule.view", kind="read", audited=False)
def scheduled_hours_per_week(
    actor: Actor, client_id: int, monday: dt.date, weeks: int = 1
) -> list[WeekHours]:
    """Core-service minutes scheduled per ISO week for a client, against the program minimum."""
    first = week_start(monday)
    last = first + dt.timedelta(days=7 * weeks - 1)
    ensure_horizon(last)
    sessions = sessions_between(
        first, last, CalendarFilter(client_id=client_id), whole_clinic=False
    )
    entries = [(s.day, s.minutes) for s in sessions if not s.cancelled and s.kind in CORE_KINDS]
    minimum = clinic_info().weekly_minimum_hours
    found = weekly_hours(entries, minimum)
    out = []
    for n in range(weeks):
        day = first + dt.timedelta(days=7 * n)
        out.append(found.get(day) or WeekHours(day, 0, minimum * 60, ()))
    return out


def session_view(actor: Actor, session_id: int) -> SessionView:
    """One session for the session dialog."""
    require(actor, "schedule.view", "calendar.session")
    row = Session.get_or_none(Session.id == session_id)
    if row is None:
        raise NotFound("That session does not exist any more; the calendar has been refreshed.")
    for view in sessions_between(row.day, row.day):
        if view.id == session_id:
            return view
    raise NotFound("That session does not exist any more.")


def client_choices(actor: Actor, text: str, limit: int = 25) -> list[ClientChoice]:
    """Clients still in care (not discharged) with a word starting with each typed word.

    Searches exactly as the Clients list does, through client_search's word index (one
    indexed query); discharged clients, most of a large clinic, are left out in the query so
    they never crowd the page.
    """
    require(actor, "schedule.view", "calendar.find_client")
    # The Clients list's own filter (typed words -> index range scans), reused, not copied.
    matches = client_search.matching_clients(text, "", None).where(Client.status != "discharged")
    rows = matches.order_by(Client.legal_last_name, Client.legal_first_name, Client.id).limit(
        max(1, min(int(limit), client_search.MAX_PAGE))
    )
    return [ClientChoice(c.id, c.record_number, c.full_name, c.status) for c in rows]


def client_choice(client_id: int) -> ClientChoice | None:
    """One client for a picker (when a form is opened for a known client)."""
    c = Client.get_or_none(Client.id == client_id)
    return None if c is None else ClientChoice(c.id, c.record_number, c.full_name, c.status)


def group_choices() -> list[Choice]:
    """Running groups for pickers."""
    rows = Group.select(Group.id, Group.name).where(Group.active == True)  # noqa: E712
    return [Choice(g.id, g.name) for g in rows.order_by(Group.name)]
