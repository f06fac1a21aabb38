"""Weekly series: create, change from a date on, and materialize their sessions to a horizon.

Every occurrence is a ``Session`` row (stable id, unique per series and original date), made
ahead up to a horizon; ``ensure_horizon`` extends open-ended series as the calendar pages on.
"""

from __future__ import annotations

import datetime as dt
import functools
import weakref
from dataclasses import dataclass

import peewee

from iopdesk.db.connection import database, in_read_snapshot, write_transaction
from iopdesk.db.models.calendar import KINDS, Session, SessionClient, SessionSeries
from iopdesk.domain.recurrence import WeeklyPattern, expand, split_from
from iopdesk.domain.validators import date_field
from iopdesk.errors import Collector, NotFound, ValidationError
from iopdesk.services.calendar.conflicts import (
    Booking,
    capacity_warning,
    confirm_or_raise,
    find_conflicts,
    memberships,
    roster_on,
)
from iopdesk.services.calendar.forms import People, SeriesForm, check_series
from iopdesk.services.calendar.records import has_records
from iopdesk.services.calendar.setup import CLOSED_PREFIX, closed_day_map
from iopdesk.services.context import Actor, WritesFirst, describe, use_case

HORIZON_WEEKS = 26
_BATCH = 400
#: database -> the last day every series is known to be materialized to (saves a query per page)
_ensured: weakref.WeakKeyDictionary[peewee.Database, dt.date] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class SeriesDetail:
    """A series as the edit form shows it."""

    id: int
    kind: str
    title: str
    group_id: int | None
    client_id: int | None
    counselor_id: int | None
    room_id: int | None
    weekdays: frozenset[int]
    start_time: dt.time
    end_time: dt.time
    first_date: dt.date
    last_date: dt.date | None


def pattern_of(series: SessionSeries) -> WeeklyPattern:
    """The weekly pattern a series row stores."""
    days = frozenset(int(d) for d in series.weekdays.split(",") if d != "")
    return WeeklyPattern(
        days, series.start_time, series.end_time, series.first_date, series.last_date
    )


def default_horizon(first: dt.date, last: dt.date | None, today: dt.date | None = None) -> dt.date:
    """How far ahead a series is made: 26 weeks past today (or past its start), not past its end."""
    base = max(first, today or dt.date.today())
    horizon = base + dt.timedelta(weeks=HORIZON_WEEKS)
    floor = _ensured.get(database.obj)
    if floor is not None and floor > horizon:
        horizon = floor
    return horizon if last is None else min(horizon, last)


def materialize(
    series: SessionSeries, start: dt.date, end: dt.date, skip: set[dt.date] | None = None
) -> int:
    """Insert the series' missing sessions in [start, end]; closed days come out cancelled."""
    dates = expand(pattern_of(series), start, end)
    if not dates:
        return 0
    have = {
        row[0]
        for row in Session.select(Session.original_date)
        .where(
            (Session.series == series.id)
            & (Session.original_date >= dates[0])
            & (Session.original_date <= dates[-1])
        )
        .tuples()
    }
    closed = closed_day_map(dates[0], dates[-1])
    skip = skip or set()
    rows = []
    for day in dates:
        if day in have or day in skip:
            continue
        closure = closed.get(day)
        rows.append(
            {
                "series": series.id,
                "original_date": day,
                "day": day,
                "start_time": series.start_time,
                "end_time": series.end_time,
                "kind": series.kind,
                "title": series.title,
                "group": series.group_id,
                "counselor": series.counselor_id,
                "room": series.room_id,
                "status": "cancelled" if closure else "scheduled",
                "cancel_reason": f"{CLOSED_PREFIX}{closure}"[:300] if closure else "",
            }
        )
    for begin in range(0, len(rows), _BATCH):
        Session.insert_many(rows[begin : begin + _BATCH]).execute()
    if rows and series.client_id:
        new_ids = Session.select(Session.id).where(
            (Session.series == series.id) & (Session.original_date.in_([r["day"] for r in rows]))
        )
        links = [{"session": s.id, "client": series.client_id} for s in new_ids]
        for begin in range(0, len(links), _BATCH):
            SessionClient.insert_many(links[begin : begin + _BATCH]).execute()
    return len(rows)


def ensure_horizon(until: dt.date) -> int:
    """Make every running series' sessions up to ``until`` (paging ahead, start-up)."""
    key = database.obj
    if _ensured.get(key, dt.date.min) >= until:
        return 0
    behind = SessionSeries.select().where(
        (SessionSeries.horizon.is_null() | (SessionSeries.horizon < until))
        & (
            SessionSeries.last_date.is_null()
            | SessionSeries.horizon.is_null()
            | (SessionSeries.last_date > SessionSeries.horizon)
        )
    )
    if in_read_snapshot():
        # A read cannot write: the sessions are made first, then the read starts again.
        if behind.exists():
            raise WritesFirst(functools.partial(ensure_horizon, until))
        return 0
    made = 0
    with write_transaction():
        for series in list(behind):
            if series.horizon is None:
                begin = series.first_date
            else:
                begin = series.horizon + dt.timedelta(days=1)
            end = until if series.last_date is None else min(until, series.last_date)
            made += materialize(series, begin, end)
            SessionSeries.update(horizon=end).where(SessionSeries.id == series.id).execute()
    _ensured[key] = until
    return made


def forget_horizon() -> None:
    """Drop the cached horizon (a new database was opened, or series changed)."""
    _ensured.pop(database.obj, None)


def _bookings(
    people: People, pattern: WeeklyPattern, start: dt.date, end: dt.date
) -> list[Booking]:
    client_ids = frozenset(c.id for c in people.clients)
    return [
        Booking(
            day,
            pattern.start_time,
            pattern.end_time,
            people.counselor.id if people.counselor else None,
            people.room.id if people.room else None,
            people.group.id if people.group else None,
            client_ids,
        )
        for day in expand(pattern, start, end)
    ]


def _warnings(
    people: People, pattern: WeeklyPattern, horizon: dt.date, exclude: list[int]
) -> list[str]:
    start = pattern.first_date
    warnings = find_conflicts(_bookings(people, pattern, start, horizon), exclude)
    if people.room is not None:
        if people.group is not None:
            members = memberships(start, start, group_ids=[people.group.id])
            size = len(roster_on(members, people.group.id, start))
        else:
            size = len(people.clients)
        warning = capacity_warning(people.room.id, size)
        if warning:
            warnings.insert(0, warning)
    return warnings


def _values(people: People, pattern: WeeklyPattern) -> dict[str, object]:
    return {
        "kind": people.kind,
        "title": people.title,
        "group": people.group.id if people.group else None,
        "client": people.clients[0].id if people.clients else None,
        "counselor": people.counselor.id if people.counselor else None,
        "room": people.room.id if people.room else None,
        "weekdays": ",".join(str(d) for d in sorted(pattern.weekdays)),
        "start_time": pattern.start_time,
        "end_time": pattern.end_time,
        "first_date": pattern.first_date,
        "last_date": pattern.last_date,
    }


@use_case("series.create", "schedule.edit", changes=("schedule",))
def create_series(actor: Actor, form: SeriesForm, override_reason: str = "") -> SessionSeries:
    """Create a weekly series and its sessions up to the horizon (conflicts ask first)."""
    people, pattern = check_series(form)
    horizon = default_horizon(pattern.first_date, pattern.last_date)
    reason = confirm_or_raise(_warnings(people, pattern, horizon, []), override_reason)
    series = SessionSeries.create(**_values(people, pattern), horizon=horizon)
    made = materialize(series, pattern.first_date, horizon)
    if reason:
        Session.update(conflict_reason=reason).where(Session.series == series.id).execute()
    describe(
        client_id=series.client_id,
        record_type="series",
        record_id=series.id,
        detail=f"{KINDS.get(series.kind)} series '{series.title}', {made} session(s)"
        + (f"; booked despite conflicts: {reason}" if reason else ""),
    )
    return series


def series_detail(series_id: int) -> SeriesDetail:
    """A series for the edit form (no clinical content)."""
    s = SessionSeries.get_or_none(SessionSeries.id == series_id)
    if s is None:
        raise NotFound("That series does not exist.")
    p = pattern_of(s)
    return SeriesDetail(
        s.id,
        s.kind,
        s.title,
        s.group_id,
        s.client_id,
        s.counselor_id,
        s.room_id,
        p.weekdays,
        p.start_time,
        p.end_time,
        p.first_date,
        p.last_date,
    )


@use_case("series.edit_from", "schedule.edit", changes=("schedule",))
def edit_series_from(
    actor: Actor,
    series_id: int,
    from_date: dt.date | str | None,
    form: SeriesForm,
    override_reason: str = "",
    *,
    today: dt.date | None = None,
) -> SessionSeries:
    """Change a series from ``from_date`` on; earlier sessions, and any with attendance, stay.

    The old series ends the day before and a new one (previous = old) carries the change;
    future sessions without records keep their id and move to the new series when it still
    meets that day, otherwise they are removed.
    """
    old = SessionSeries.get_or_none(SessionSeries.id == series_id)
    if old is None:
        raise NotFound("That series does not exist.")
    today = today or dt.date.today()
    errors = Collector()
    start = date_field(errors, "from_date", from_date, "Change from")
    if start is not None and start < today:
        errors.add("from_date", "Changes start today or later; past sessions stay as they were.")
    errors.raise_if_any()
    assert start is not None
    earlier, _ = split_from(pattern_of(old), start)
    people, pattern = check_series(form)
    if pattern.first_date < start:
        pattern = WeeklyPattern(
            pattern.weekdays, pattern.start_time, pattern.end_time, start, pattern.last_date
        )
        if pattern.last_date is not None and pattern.last_date < start:
            raise ValidationError({"last_date": "The series cannot end before the change starts."})
    future = list(
        Session.select().where(
            (Session.series == old.id) & (Session.original_date >= start) & (Session.day >= today)
        )
    )
    locked = has_records([s.id for s in future])
    movable = [s for s in future if s.id not in locked]
    horizon = default_horizon(pattern.first_date, pattern.last_date)
    reason = confirm_or_raise(
        _warnings(people, pattern, horizon, [s.id for s in movable]), override_reason
    )
    values = _values(people, pattern)
    if earlier is None:
        SessionSeries.update(**values, horizon=horizon).where(SessionSeries.id == old.id).execute()
        target = SessionSeries.get_by_id(old.id)
    else:
        SessionSeries.update(last_date=earlier.last_date, horizon=earlier.last_date).where(
            SessionSeries.id == old.id
        ).execute()
        target = SessionSeries.create(**values, horizon=horizon, previous=old.id)
    keep_days = {s.original_date for s in future if s.id in locked}
    meets = set(expand(pattern, start, horizon))
    for session in movable:
        if session.original_date in meets:
            changes: dict[str, object] = {
                "series": target.id,
                "kind": target.kind,
                "title": target.title,
                "group": target.group_id,
                "counselor": target.counselor_id,
                "room": target.room_id,
            }
            if not session.moved:
                changes.update(start_time=target.start_time, end_time=target.end_time)
            if reason:
                changes["conflict_reason"] = reason
            Session.update(**changes).where(Session.id == session.id).execute()
            SessionClient.delete().where(SessionClient.session == session.id).execute()
            if target.client_id:
                SessionClient.create(session=session.id, client=target.client_id)
        else:
            SessionClient.delete().where(SessionClient.session == session.id).execute()
            session.delete_instance()
    made = materialize(target, pattern.first_date, horizon, skip=keep_days)
    if reason:
        Session.update(conflict_reason=reason).where(
            (Session.series == target.id) & (Session.conflict_reason == "")
        ).execute()
    forget_horizon()
    describe(
        client_id=target.client_id,
        record_type="series",
        record_id=target.id,
        detail=f"changed series {old.id} from {start.isoformat()}: {len(movable)} session(s) "
        f"updated or removed, {made} added, {len(locked)} with attendance left as they were",
    )
    return target


@use_case("series.end", "schedule.edit", changes=("schedule",))
def end_series(actor: Actor, series_id: int, last_date: dt.date | str | None) -> int:
    """End a series after ``last_date``; future sessions without records are removed."""
    old = SessionSeries.get_or_none(SessionSeries.id == series_id)
    if old is None:
        raise NotFound("That series does not exist.")
    errors = Collector()
    last = date_field(errors, "last_date", last_date, "Last date")
    if last is not None and last < old.first_date:
        errors.add("last_date", "The series cannot end before it starts.")
    errors.raise_if_any()
    assert last is not None
    after = list(
        Session.select(Session.id).where(
            (Session.series == old.id) & (Session.original_date > last)
        )
    )
    locked = has_records([s.id for s in after])
    gone = [s.id for s in after if s.id not in locked]
    if gone:
        SessionClient.delete().where(SessionClient.session.in_(gone)).execute()
        Session.delete().where(Session.id.in_(gone)).execute()
    horizon = min(old.horizon or last, last)
    SessionSeries.update(last_date=last, horizon=horizon).where(
        SessionSeries.id == old.id
    ).execute()
    describe(
        client_id=old.client_id,
        record_type="series",
        record_id=old.id,
        detail=f"ended after {last.isoformat()}; {len(gone)} session(s) removed",
    )
    return len(gone)
