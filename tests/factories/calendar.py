"""Test factories for the calendar: rooms, groups, roster rows and series forms (direct rows)."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.calendar import Group, Room, RosterMembership
from iopdesk.services.calendar import SeriesForm

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def room(name: str = "Room A", capacity: int = 12) -> int:
    """A room; returns its id."""
    return Room.create(name=name, capacity=capacity).id


def group(name: str = "Relapse Prevention (Morning)", room_id: int | None = None) -> int:
    """A running group; returns its id."""
    return Group.create(name=name, room=room_id, topic="Relapse prevention").id


def member(group_id: int, client_id: int, start: dt.date, end: dt.date | None = None) -> None:
    """Put a client on a group's roster from ``start`` to ``end``."""
    RosterMembership.create(group=group_id, client=client_id, start_date=start, end_date=end)


def next_weekday(weekday: int, after: dt.date | None = None) -> dt.date:
    """The first ``weekday`` strictly after ``after`` (default today)."""
    base = after or dt.date.today()
    return base + dt.timedelta(days=(weekday - base.weekday()) % 7 or 7)


def group_series(
    group_id: int,
    counselor_id: int,
    first: dt.date,
    *,
    weekdays: tuple[int, ...] = (MON, WED, THU),
    start: dt.time = dt.time(9),
    end: dt.time = dt.time(12),
    last: dt.date | None = None,
    room_id: int | None = None,
) -> SeriesForm:
    """A group's weekly series form."""
    return SeriesForm(
        "group",
        weekdays,
        start,
        end,
        first,
        last,
        group_id=group_id,
        counselor_id=counselor_id,
        room_id=room_id,
    )


def individual_series(
    client_id: int,
    counselor_id: int,
    first: dt.date,
    *,
    weekdays: tuple[int, ...] = (TUE,),
    start: dt.time = dt.time(14),
    end: dt.time = dt.time(15),
    last: dt.date | None = None,
    room_id: int | None = None,
) -> SeriesForm:
    """A client's weekly individual session form."""
    return SeriesForm(
        "individual",
        weekdays,
        start,
        end,
        first,
        last,
        client_id=client_id,
        counselor_id=counselor_id,
        room_id=room_id,
    )
