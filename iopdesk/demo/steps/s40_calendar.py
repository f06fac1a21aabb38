"""Demo step: rooms, US holidays, groups on three tracks, weekly individual and family sessions.

Series are materialized over the demo's whole span (20 years at the large scale) with bulk
inserts; the attendance step (ORDER 50) then puts clients on the rosters of these groups.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import math
import time

from iopdesk.db.connection import database
from iopdesk.db.models.calendar import (
    ClosedDay,
    Group,
    GroupFacilitator,
    Room,
    Session,
    SessionClient,
    SessionSeries,
)
from iopdesk.demo import GROUP_CAPACITY, DemoContext
from iopdesk.services.calendar.series import default_horizon, forget_horizon, materialize

ORDER = 40
MON, TUE, WED, THU, FRI, SAT = range(6)
#: (name, track, weekdays, topic): 3 sessions of 3 hours = the adult 9-hour week
GROUPS = [
    ("Relapse Prevention", "morning", (MON, WED, THU), "Triggers, cravings and a relapse plan"),
    ("Early Recovery Skills", "morning", (TUE, WED, FRI), "CBT skills for the first 90 days"),
    ("Mindfulness and Stress", "afternoon", (MON, TUE, THU), "MBSR practice and stress"),
    ("Motivational Enhancement", "afternoon", (TUE, WED, FRI), "MI: values and change talk"),
    ("Coping Skills", "evening", (MON, WED, THU), "DBT distress tolerance and emotions"),
    ("Communication and Relationships", "evening", (TUE, THU, FRI), "Family roles, boundaries"),
]
TRACK_HOURS = {"morning": (9, 12), "afternoon": (13, 16), "evening": (18, 21)}
#: Hours no group uses, so individual sessions never clash with a client's own group.
FREE_HOURS = [(d, h) for d in (MON, TUE, WED, THU, FRI) for h in (8, 12, 16, 17)]
FREE_HOURS += [(SAT, h) for h in range(9, 15)]


def _holidays(year: int) -> list[tuple[dt.date, str]]:
    """US federal holidays a small clinic usually closes for."""

    def nth(month: int, weekday: int, n: int) -> dt.date:
        if n < 0:
            last = dt.date(year, month, month_calendar.monthrange(year, month)[1])
            return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))

    return [
        (dt.date(year, 1, 1), "New Year's Day"),
        (nth(5, MON, -1), "Memorial Day"),
        (dt.date(year, 7, 4), "Independence Day"),
        (nth(9, MON, 1), "Labor Day"),
        (nth(11, THU, 4), "Thanksgiving"),
        (dt.date(year, 12, 25), "Christmas Day"),
    ]


def _first_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def populate(ctx: DemoContext) -> None:
    started = time.perf_counter()
    forget_horizon()
    span_start = ctx.today - dt.timedelta(days=365 * ctx.years + 120)
    counselors = [a.staff_id for a in ctx.clinicians]
    count = ctx.groups_needed()
    with database.atomic():
        rooms = _rooms(count, len(counselors))
        ClosedDay.insert_many(
            [
                {"day": day, "name": name}
                for year in range(span_start.year, ctx.today.year + 2)
                for day, name in _holidays(year)
            ]
        ).on_conflict_ignore().execute()
        made = _groups(ctx, count, counselors, rooms, span_start)
        slots = {c: list(FREE_HOURS) for c in counselors}
        made += _individual(ctx, counselors, rooms, slots)
        made += _family(ctx, rooms, slots)
    ctx.log(
        f"demo: {count} groups, {made:,} sessions materialized "
        f"in {time.perf_counter() - started:.1f} s"
    )


def _group_room(n: int) -> str:
    """Group ``n``'s room: the two groups of a track in each block of six never share a
    room, and the morning, afternoon and evening groups take turns in the same rooms."""
    return f"Group Room {2 * (n // len(GROUPS)) + n % 2 + 1}"


def _rooms(groups: int, counselors: int) -> dict[str, int]:
    names = [(f"Group Room {n + 1}", 14) for n in range(2 * math.ceil(groups / len(GROUPS)))]
    names += [(f"Office {n + 1}", 3) for n in range(max(1, counselors))]
    names.append(("Family Room", 6))
    Room.insert_many([{"name": n, "capacity": c} for n, c in names]).execute()
    return {r.name: r.id for r in Room.select(Room.id, Room.name)}


def _groups(
    ctx: DemoContext,
    count: int,
    counselors: list[int],
    rooms: dict[str, int],
    span_start: dt.date,
) -> int:
    busy: dict[int, set[tuple[int, str]]] = {c: set() for c in counselors}
    made = 0
    for n in range(count):
        name, track, weekdays, topic = GROUPS[n % len(GROUPS)]
        if ctx.scale == "large":  # the busy program meets four days a week
            weekdays = (*weekdays, next(d for d in (MON, TUE, WED, THU, FRI) if d not in weekdays))
        suffix = "" if n < len(GROUPS) else f" {chr(ord('A') + n // len(GROUPS))}"
        slots = {(d, track) for d in weekdays}
        counselor = None
        for k in range(len(counselors)):
            candidate = counselors[(n + k) % len(counselors)]
            if not busy[candidate] & slots:
                counselor = candidate
                break
        counselor = counselor or (counselors[n % len(counselors)] if counselors else None)
        if counselor is not None:
            busy[counselor] |= slots
        room = rooms[_group_room(n)]
        title = f"{name} ({track.title()}){suffix}"
        group = Group.create(
            name=title,
            group_type="open",
            track=track,
            topic=topic,
            capacity=GROUP_CAPACITY,
            room=room,
        )
        if counselor is not None:
            GroupFacilitator.create(group=group, staff=counselor)
        start, end = TRACK_HOURS[track]
        made += _series(
            kind="group",
            title=title,
            group=group.id,
            client=None,
            counselor=counselor,
            room=room,
            weekdays=weekdays,
            start=dt.time(start),
            end=dt.time(end),
            first=span_start,
            today=ctx.today,
        )
    return made


def _series(
    *,
    kind: str,
    title: str,
    group: int | None,
    client: int | None,
    counselor: int | None,
    room: int | None,
    weekdays: tuple[int, ...],
    start: dt.time,
    end: dt.time,
    first: dt.date,
    today: dt.date,
) -> int:
    horizon = default_horizon(first, None, today)
    series = SessionSeries.create(
        kind=kind,
        title=title,
        group=group,
        client=client,
        counselor=counselor,
        room=room,
        weekdays=",".join(str(d) for d in sorted(weekdays)),
        start_time=start,
        end_time=end,
        first_date=first,
        horizon=horizon,
    )
    return materialize(series, first, horizon)


def _individual(
    ctx: DemoContext,
    counselors: list[int],
    rooms: dict[str, int],
    slots: dict[int, list[tuple[int, int]]],
) -> int:
    """A weekly hour with their counselor for most active clients, from admission on."""
    if not counselors:
        return 0
    office = {c: rooms[f"Office {i + 1}"] for i, c in enumerate(counselors)}
    made = 0
    for client_id in ctx.active_clients():
        _, _, counselor, admitted = ctx.clients[client_id]
        if counselor not in slots or not slots[counselor] or admitted is None:
            continue
        weekday, hour = slots[counselor].pop(ctx.rng.randrange(len(slots[counselor])))
        name = _client_name(client_id)
        made += _series(
            kind="individual",
            title=name,
            group=None,
            client=client_id,
            counselor=counselor,
            room=office[counselor],
            weekdays=(weekday,),
            start=dt.time(hour),
            end=dt.time(hour + 1),
            first=_first_on_or_after(admitted, weekday),
            today=ctx.today,
        )
    return made


def _client_name(client_id: int) -> str:
    from iopdesk.db.models.core import Client

    c = Client.get_by_id(client_id)
    return c.full_name


def _family(
    ctx: DemoContext, rooms: dict[str, int], slots: dict[int, list[tuple[int, int]]]
) -> int:
    """A few family sessions: last week and next week, in the family room."""
    made = 0
    room_taken: set[tuple[int, int]] = set()  # one family room: one family at a time
    for client_id in ctx.active_clients()[::8]:
        _, _, counselor, _ = ctx.clients[client_id]
        free = [s for s in slots.get(counselor, []) if s not in room_taken]
        if not free:
            continue
        weekday, hour = free[-1]
        slots[counselor].remove(free[-1])
        room_taken.add(free[-1])
        for offset in (-7, 7):
            day = _first_on_or_after(ctx.today + dt.timedelta(days=offset), weekday)
            if ClosedDay.get_or_none(ClosedDay.day == day) is not None:
                continue
            session = Session.create(
                day=day,
                start_time=dt.time(hour),
                end_time=dt.time(hour + 1),
                kind="family",
                title=f"Family: {_client_name(client_id)}",
                counselor=counselor,
                room=rooms["Family Room"],
            )
            SessionClient.create(session=session, client=client_id)
            made += 1
    return made
