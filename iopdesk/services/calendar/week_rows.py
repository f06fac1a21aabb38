"""The sessions a calendar period shows, read as plain rows: who is in each and what clashes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

import peewee as pw

from iopdesk.db.models.calendar import GroupFacilitator, Room, Session, SessionClient
from iopdesk.db.models.core import Client, Staff
from iopdesk.domain import formats
from iopdesk.domain.recurrence import overlaps
from iopdesk.services.calendar.conflicts import (
    Membership,
    facilitators,
    memberships,
    roster_on,
    staff_of_session,
)


class SessionRow(NamedTuple):
    """A session's columns with its counselor's and room's names: a busy week reads hundreds,
    so no model objects are made for them."""

    # What the clash check compares, then what only the screen shows.
    id: int
    day: dt.date
    start: dt.time
    end: dt.time
    status: str
    title: str
    counselor_id: int | None
    group_id: int | None
    room_id: int | None
    series_id: int | None
    kind: str
    cancel_reason: str
    moved: bool
    conflict_reason: str
    counselor: str
    room: str


#: Ids and text are taken as the database gives them (``coerce(False)``): peewee's
#: per-value conversion of every column cost more than the query itself on a busy week.
_COLUMNS = (
    Session.id.coerce(False),
    Session.day,
    Session.start_time,
    Session.end_time,
    Session.status.coerce(False),
    Session.title.coerce(False),
    Session.counselor.coerce(False),
    Session.group.coerce(False),
    Session.room.coerce(False),
    Session.series.coerce(False),
    Session.kind.coerce(False),
    Session.cancel_reason.coerce(False),
    Session.moved,
    Session.conflict_reason.coerce(False),
    pw.fn.COALESCE(Staff.full_name, ""),
    pw.fn.COALESCE(Room.name, ""),
)


def session_rows(where: pw.Expression) -> list[SessionRow]:
    """The sessions matching ``where``, by day, start and id, names joined in (one query)."""
    query = (
        Session.select(*_COLUMNS)
        .join_from(Session, Staff, pw.JOIN.LEFT_OUTER, on=Session.counselor == Staff.id)
        .join_from(Session, Room, pw.JOIN.LEFT_OUTER, on=Session.room == Room.id)
        .where(where)
        .order_by(Session.day, Session.start_time, Session.id)
    )
    return [SessionRow._make(row) for row in query.tuples().iterator()]


class People(NamedTuple):
    """Client ids per session (booked in, plus a group's roster on the day) and the names of
    the clients booked in (group sessions show no names)."""

    ids: dict[int, set[int]]
    names: dict[int, str]


#: A booking's session and client, with the client's names (as stored, like ``_COLUMNS``).
_LINK_COLUMNS = (
    SessionClient.session.coerce(False),
    Client.id.coerce(False),
    Client.legal_first_name.coerce(False),
    Client.legal_last_name.coerce(False),
)


def people_in(rows: list[SessionRow], sessions: pw.Expression) -> People:
    """Who is in each of ``rows``; ``sessions`` selects those same sessions in SQL, so the
    bookings are joined to them instead of listed by hundreds of session ids."""
    ids: dict[int, set[int]] = defaultdict(set)
    names: dict[int, str] = {}
    links = (
        SessionClient.select(*_LINK_COLUMNS)
        .join_from(SessionClient, Session)
        .join_from(SessionClient, Client)
        .where(sessions)
    )
    for session_id, client_id, first, last in links.tuples().iterator():
        ids[session_id].add(client_id)
        names[client_id] = Client.name_of(first, last)
    group_ids = {r.group_id for r in rows if r.group_id is not None}
    if group_ids:
        # Each group's own members: a busy week has hundreds of sessions and of memberships.
        by_group: dict[int, list[Membership]] = defaultdict(list)
        first_day, last_day = rows[0].day, rows[-1].day
        for m in memberships(first_day, last_day, group_ids=group_ids):
            by_group[m.group_id].append(m)
        for r in rows:
            if r.group_id is not None:
                ids[r.id] |= roster_on(by_group[r.group_id], r.group_id, r.day)
    return People(ids, names)


class _Slot(NamedTuple):
    """A scheduled session as the clash check reads it: plain values, as a busy day compares
    thousands of pairs."""

    start: dt.time
    end: dt.time
    id: int
    title: str
    room_id: int | None
    staff: set[int]
    clients: set[int]


def clashes(
    rows: list[SessionRow], people: dict[int, set[int]], led: dict[int, set[int]]
) -> dict[int, list[str]]:
    """For each scheduled session, what it clashes with (counselor or co-facilitator, room,
    shared clients); ``led`` holds the facilitators of the rows' groups."""
    found: dict[int, list[str]] = defaultdict(list)
    by_day: dict[dt.date, list[_Slot]] = defaultdict(list)
    for s in rows:
        if s.status == "scheduled":
            staff = staff_of_session(s.counselor_id, s.group_id, led)
            slot = _Slot(s.start, s.end, s.id, s.title, s.room_id, staff, people.get(s.id, set()))
            by_day[s.day].append(slot)
    for slots in by_day.values():
        slots.sort(key=lambda slot: slot.start)
        for i, a in enumerate(slots):
            for b in slots[i + 1 :]:
                if b.start >= a.end:
                    break
                if not overlaps(a.start, a.end, b.start, b.end):
                    continue
                what = []
                if a.staff & b.staff:
                    what.append("counselor")
                if a.room_id and a.room_id == b.room_id:
                    what.append("room")
                if a.clients & b.clients:
                    what.append("client")
                if what:
                    kinds = " and ".join(what)
                    found[a.id].append(f"Same {kinds} as {b.title} {formats.show_time(b.start)}")
                    found[b.id].append(f"Same {kinds} as {a.title} {formats.show_time(a.start)}")
    return found


class Neighbours(NamedTuple):
    """The clinic's other scheduled sessions that could clash with some sessions, with only
    the shared people in each (who else is in them cannot make a clash with those)."""

    rows: list[SessionRow]
    clients: dict[int, set[int]]
    led: dict[int, set[int]]


def neighbours(
    rows: list[SessionRow], people: dict[int, set[int]], led: dict[int, set[int]]
) -> Neighbours:
    """The sessions on the days of ``rows`` sharing a counselor or co-facilitator, a room or a
    client with one of them: all a clash check of ``rows`` needs, so a counselor's week costs
    their sessions, not the whole clinic's."""
    scheduled = [r for r in rows if r.status == "scheduled"]
    if not scheduled:
        return Neighbours([], {}, {})
    staff = set().union(*(staff_of_session(r.counselor_id, r.group_id, led) for r in scheduled))
    rooms = {r.room_id for r in scheduled if r.room_id is not None}
    clients = set().union(*(people.get(r.id, set()) for r in scheduled))
    low, high = scheduled[0].day, scheduled[-1].day
    their_groups = memberships(low, high, client_ids=clients) if clients else []
    shared_led: dict[int, set[int]] = defaultdict(set)
    if staff:
        pairs = GroupFacilitator.select(GroupFacilitator.group, GroupFacilitator.staff)
        for group_id, staff_id in pairs.where(GroupFacilitator.staff.in_(list(staff))).tuples():
            shared_led[group_id].add(staff_id)
    booked: dict[int, set[int]] = defaultdict(set)
    if clients:
        links = SessionClient.select(SessionClient.session, SessionClient.client).join(Session)
        days = Session.day.between(low, high) & SessionClient.client.in_(list(clients))
        for session_id, client_id in links.where(days).tuples():
            booked[session_id].add(client_id)
    groups = {m.group_id for m in their_groups} | set(shared_led)
    sharing = [Session.counselor.in_(list(staff))] if staff else []
    if rooms:
        sharing.append(Session.room.in_(list(rooms)))
    if groups:
        sharing.append(Session.group.in_(list(groups)))
    if booked:
        sharing.append(Session.id.in_(list(booked)))
    if not sharing:
        return Neighbours([], {}, {})
    known = {r.id for r in rows}
    where = (Session.status == "scheduled") & Session.days_and_any(low, high, *sharing)
    others = [r for r in session_rows(where) if r.id not in known]
    by_group: dict[int, list[Membership]] = defaultdict(list)
    for m in their_groups:
        by_group[m.group_id].append(m)
    shared = {
        r.id: booked.get(r.id, set()) | roster_on(by_group[r.group_id], r.group_id, r.day)
        for r in others
    }
    return Neighbours(others, shared, shared_led)


def group_leaders(rows: list[SessionRow]) -> dict[int, set[int]]:
    """The facilitators of the rows' groups."""
    return facilitators(r.group_id for r in rows if r.group_id is not None)
