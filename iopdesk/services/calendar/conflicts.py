"""Double bookings: the same counselor or co-facilitator, room or client at overlapping times,
and room capacity."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from iopdesk.db.models.calendar import (
    GroupFacilitator,
    Room,
    RosterMembership,
    Session,
    SessionClient,
)
from iopdesk.db.models.core import Client, Staff
from iopdesk.domain import formats
from iopdesk.domain.recurrence import overlaps
from iopdesk.errors import NeedsConfirmation, ValidationError

MAX_LISTED = 8


@dataclass(frozen=True)
class Booking:
    """One session someone wants to book (or move), before it is saved."""

    day: dt.date
    start: dt.time
    end: dt.time
    counselor_id: int | None
    room_id: int | None
    group_id: int | None = None
    client_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Membership:
    """A roster membership reduced to what the calendar needs."""

    group_id: int
    client_id: int
    start: dt.date
    end: dt.date | None

    def on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def memberships(
    start: dt.date,
    end: dt.date,
    *,
    group_ids: Iterable[int] | None = None,
    client_ids: Iterable[int] | None = None,
) -> list[Membership]:
    """Roster memberships that overlap [start, end] for the given groups or clients."""
    fields = (  # the ids as stored: a busy week reads hundreds of memberships
        RosterMembership.group.coerce(False),
        RosterMembership.client.coerce(False),
        RosterMembership.start_date,
        RosterMembership.end_date,
    )
    scope = None
    if group_ids is not None:
        groups = list(set(group_ids))
        if not groups:
            return []
        scope = RosterMembership.group.in_(groups)
    if client_ids is not None:
        clients = list(set(client_ids))
        if not clients:
            return []
        by_client = RosterMembership.client.in_(clients)
        scope = by_client if scope is None else scope & by_client
    # Two index-friendly halves: still open, and ended within or after the range. One OR'ed
    # query would read every membership a group ever had (years of history).
    # (The start date is checked here, not in SQL, so the planner takes the end-date index.)
    still_open = RosterMembership.end_date.is_null()
    ended_late = RosterMembership.end_date >= start
    found: list[Membership] = []
    for clause in (still_open, ended_late):
        query = RosterMembership.select(*fields).where(clause)
        if scope is not None:
            query = query.where(scope)
        found += [Membership(g, c, s, e) for g, c, s, e in query.tuples().iterator() if s <= end]
    return found


def roster_on(members: Iterable[Membership], group_id: int | None, day: dt.date) -> set[int]:
    """Client ids on a group's roster on ``day``."""
    if group_id is None:
        return set()
    return {m.client_id for m in members if m.group_id == group_id and m.on(day)}


def booked_clients(session_ids: Iterable[int]) -> dict[int, set[int]]:
    """Client ids booked into each session (individual, family and other sessions)."""
    ids = list(session_ids)
    found: dict[int, set[int]] = defaultdict(set)
    for start in range(0, len(ids), 500):
        rows = SessionClient.select(SessionClient.session, SessionClient.client).where(
            SessionClient.session.in_(ids[start : start + 500])
        )
        for row in rows.tuples():
            found[row[0]].add(row[1])
    return found


def facilitators(group_ids: Iterable[int]) -> dict[int, set[int]]:
    """The staff ids facilitating each group (the co-facilitators beside its counselor)."""
    found: dict[int, set[int]] = defaultdict(set)
    wanted = list(set(group_ids))
    if wanted:
        rows = GroupFacilitator.select(GroupFacilitator.group, GroupFacilitator.staff)
        for group_id, staff_id in rows.where(GroupFacilitator.group.in_(wanted)).tuples():
            found[group_id].add(staff_id)
    return found


def staff_of_session(
    counselor_id: int | None, group_id: int | None, led: dict[int, set[int]]
) -> set[int]:
    """Who a session occupies: its counselor and its group's facilitators."""
    occupied = set(led.get(group_id, set())) if group_id is not None else set()
    if counselor_id is not None:
        occupied.add(counselor_id)
    return occupied


def _clock(day: dt.date, start: dt.time, end: dt.time) -> str:
    return f"{formats.show_weekday_date(day)} {formats.show_times(start, end)}"


def _names(model: type, ids: Iterable[int], field: str) -> dict[int, str]:
    wanted = list(set(ids))
    if not wanted:
        return {}
    if model is Client:
        rows = Client.select(Client.id, Client.legal_first_name, Client.legal_last_name).where(
            Client.id.in_(wanted)
        )
        return {c.id: c.full_name for c in rows}
    rows = model.select(model.id, getattr(model, field)).where(model.id.in_(wanted))
    return {r.id: getattr(r, field) for r in rows}


def find_conflicts(bookings: list[Booking], exclude: Iterable[int] = ()) -> list[str]:
    """One sentence per double booking of the counselor or a co-facilitator, the room or a
    client."""
    if not bookings:
        return []
    low = min(b.day for b in bookings)
    high = max(b.day for b in bookings)
    excluded = set(exclude)
    group_ids = {b.group_id for b in bookings if b.group_id is not None}
    own_roster = memberships(low, high, group_ids=group_ids) if group_ids else []
    wanted: dict[int, set[int]] = {}
    for index, b in enumerate(bookings):
        wanted[index] = set(b.client_ids) | roster_on(own_roster, b.group_id, b.day)
    all_clients = set().union(*wanted.values())
    their_groups = memberships(low, high, client_ids=all_clients) if all_clients else []
    led = facilitators(group_ids)
    staff_of = {
        i: staff_of_session(b.counselor_id, b.group_id, led) for i, b in enumerate(bookings)
    }
    counselors = set().union(*staff_of.values())
    room_ids = {b.room_id for b in bookings if b.room_id is not None}
    co_led = GroupFacilitator.select(GroupFacilitator.group).where(
        GroupFacilitator.staff.in_(list(counselors))
    )
    other_groups = {m.group_id for m in their_groups} | {g for (g,) in co_led.tuples()}
    sharing = [Session.counselor.in_(list(counselors)), Session.room.in_(list(room_ids))]
    if other_groups:
        sharing.append(Session.group.in_(list(other_groups)))
    if all_clients:
        booked = SessionClient.select(SessionClient.session).where(
            SessionClient.client.in_(list(all_clients))
        )
        sharing.append(Session.id.in_(booked))
    days = {b.day for b in bookings}
    existing = [
        s
        for s in Session.select()
        .where((Session.day >= low) & (Session.day <= high) & (Session.status == "scheduled"))
        .where(Session.days_and_any(low, high, *sharing))
        .iterator()
        if s.id not in excluded and s.day in days
    ]
    if not existing:
        return []
    clients_of = booked_clients(s.id for s in existing)
    led.update(facilitators({s.group_id for s in existing if s.group_id} - set(led)))
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for index, b in enumerate(bookings):
        by_day[b.day].append(index)
    staff = _names(Staff, counselors, "full_name")
    rooms = _names(Room, room_ids, "name")
    clients = _names(Client, all_clients, "")
    found: list[str] = []
    for s in existing:
        theirs = clients_of.get(s.id, set()) | roster_on(their_groups, s.group_id, s.day)
        for index in by_day[s.day]:
            b = bookings[index]
            if not overlaps(b.start, b.end, s.start_time, s.end_time):
                continue
            when = f"{_clock(s.day, s.start_time, s.end_time)} ({s.title})"
            for staff_id in sorted(
                staff_of[index] & staff_of_session(s.counselor_id, s.group_id, led)
            ):
                found.append(f"{staff.get(staff_id, 'The counselor')} is already booked {when}.")
            if b.room_id is not None and b.room_id == s.room_id:
                found.append(f"Room {rooms.get(b.room_id, '')} is already booked {when}.")
            for client_id in sorted(wanted[index] & theirs):
                found.append(f"{clients.get(client_id, 'A client')} is already booked {when}.")
    return found


def capacity_warning(room_id: int | None, people: int) -> str | None:
    """A sentence when more people are booked than the room holds."""
    if room_id is None:
        return None
    room = Room.get_or_none(Room.id == room_id)
    if room is None or people <= room.capacity:
        return None
    return f"Room {room.name} holds {room.capacity} people; {people} are booked into it."


def confirm_or_raise(warnings: list[str], override_reason: str) -> str:
    """Raise NeedsConfirmation listing the warnings unless the user gave a reason to go ahead.

    Returns the reason to store with the session ("" when there was nothing to override).
    """
    if not warnings:
        return ""
    reason = (override_reason or "").strip()
    if reason:
        if len(reason) > 300:
            raise ValidationError({"override_reason": "Keep the reason under 300 characters."})
        return reason
    listed = warnings[:MAX_LISTED]
    more = len(warnings) - len(listed)
    text = "This booking clashes with the calendar:\n" + "\n".join(f"• {w}" for w in listed)
    if more:
        text += f"\n• ...and {more} more."
    text += "\nGive a reason to book it anyway, or change the time, counselor or room."
    raise NeedsConfirmation(text, warnings)
