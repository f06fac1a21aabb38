"""Calendar set-up for administrators: the clinic's rooms and its closed days (holidays)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iopdesk.db.models.calendar import ClosedDay, Room, Session
from iopdesk.domain import formats
from iopdesk.domain.recurrence import EARLIEST, LATEST
from iopdesk.domain.validators import date_field, required_text
from iopdesk.errors import Collector, NeedsConfirmation, NotFound, ValidationError
from iopdesk.services.calendar.records import has_records
from iopdesk.services.context import Actor, describe, use_case

CLOSED_PREFIX = "Clinic closed: "
MAX_CAPACITY = 200


@dataclass(frozen=True)
class RoomForm:
    """What the room form submits."""

    name: str
    capacity: int = 12
    active: bool = True


@dataclass(frozen=True)
class RoomRow:
    """One room as pickers and the set-up list show it."""

    id: int
    name: str
    capacity: int
    active: bool


@dataclass(frozen=True)
class ClosureResult:
    """What closing a day did: sessions cancelled, and those kept because records hang on them."""

    day: dt.date
    cancelled: int
    kept: tuple[str, ...] = ()  # "10:00-11:00 title" of each session left as it was

    @property
    def message(self) -> str:
        """The sentence the set-up window shows afterwards."""
        text = (
            f"The clinic is closed on {formats.show_date(self.day)}; {self.cancelled} session(s) "
        )
        text += "cancelled."
        if self.kept:
            text += (
                f" {len(self.kept)} session(s) with attendance or notes were kept as they are "
                f"(cancel or move them one by one if needed): {'; '.join(self.kept)}."
            )
        return text


@dataclass(frozen=True)
class ClosedDayRow:
    """One closed day of the clinic."""

    id: int
    day: dt.date
    name: str


def _room_values(form: RoomForm, room_id: int | None) -> dict[str, object]:
    errors = Collector()
    name = required_text(errors, "name", form.name, "Room name", max_len=100)
    capacity = form.capacity
    if not 1 <= capacity <= MAX_CAPACITY:
        errors.add("capacity", f"Capacity must be between 1 and {MAX_CAPACITY} people.")
    if name:
        clash = Room.get_or_none(Room.name == name)
        if clash is not None and clash.id != room_id:
            errors.add("name", f"There is already a room called {name}.")
    errors.raise_if_any()
    return {"name": name, "capacity": capacity, "active": bool(form.active)}


def _room_row(room: Room) -> RoomRow:
    return RoomRow(room.id, room.name, room.capacity, room.active)


@use_case("room.add", "schedule.setup", changes=("schedule",))
def add_room(actor: Actor, form: RoomForm) -> RoomRow:
    """Add a room sessions can be booked into."""
    room = Room.create(**_room_values(form, None))
    describe(record_type="room", record_id=room.id, detail=f"added room {room.name}")
    return _room_row(room)


@use_case("room.edit", "schedule.setup", changes=("schedule",))
def edit_room(actor: Actor, room_id: int, form: RoomForm) -> RoomRow:
    """Rename a room, change its capacity, or retire it (rooms are never deleted)."""
    room = Room.get_or_none(Room.id == room_id)
    if room is None:
        raise NotFound("That room does not exist.")
    Room.update(**_room_values(form, room_id)).where(Room.id == room_id).execute()
    describe(record_type="room", record_id=room_id, detail=f"edited room {form.name}")
    return _room_row(Room.get_by_id(room_id))


def rooms(include_inactive: bool = False) -> list[RoomRow]:
    """Rooms for pickers and the set-up list (no clinical content, so no permission)."""
    query = Room.select().order_by(Room.name)
    if not include_inactive:
        query = query.where(Room.active == True)  # noqa: E712
    return [_room_row(r) for r in query]


def closed_days(start: dt.date | None = None, end: dt.date | None = None) -> list[ClosedDayRow]:
    """The clinic's closed days, optionally within [start, end]."""
    query = ClosedDay.select().order_by(ClosedDay.day)
    if start is not None:
        query = query.where(ClosedDay.day >= start)
    if end is not None:
        query = query.where(ClosedDay.day <= end)
    return [ClosedDayRow(c.id, c.day, c.name) for c in query]


def closed_day_map(start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """Closed days in [start, end] as {day: name}, what the recurrence rules take."""
    return {row.day: row.name for row in closed_days(start, end)}


def closed_name(day: dt.date) -> str | None:
    """The name of the closure on ``day`` or None when the clinic is open."""
    row = ClosedDay.get_or_none(ClosedDay.day == day)
    return row.name if row is not None else None


def _scheduled_on(day: dt.date) -> list[Session]:
    return list(
        Session.select()
        .where((Session.day == day) & (Session.status == "scheduled"))
        .order_by(Session.start_time, Session.id)
    )


def _label(session: Session) -> str:
    return f"{formats.show_times(session.start_time, session.end_time)} {session.title}"


@use_case("closed_day.add", "schedule.setup", changes=("schedule",))
def add_closed_day(
    actor: Actor, day: dt.date | str | None, name: str, *, confirmed: bool = False
) -> ClosureResult:
    """Close the clinic on ``day``; sessions that day are cancelled, visibly.

    Sessions that already have attendance or notes are kept (the session happened, or its
    records would lose their place) and listed. Raises NeedsConfirmation first when sessions
    are booked that day, unless ``confirmed``.
    """
    errors = Collector()
    when = date_field(errors, "day", day, "Date", earliest=EARLIEST, latest=LATEST)
    label = required_text(errors, "name", name, "Name of the closure", max_len=100)
    if when is not None and ClosedDay.get_or_none(ClosedDay.day == when) is not None:
        errors.add("day", f"The clinic is already closed on {formats.show_date(when)}.")
    errors.raise_if_any()
    assert when is not None
    booked = _scheduled_on(when)
    recorded = has_records([s.id for s in booked])
    kept = tuple(_label(s) for s in booked if s.id in recorded)
    to_cancel = [s.id for s in booked if s.id not in recorded]
    if booked and not confirmed:
        parts = []
        if to_cancel:
            parts.append(
                f"{len(to_cancel)} session(s) are booked on {formats.show_date(when)}. Closing the "
                "clinic cancels them (they stay visible, struck through)."
            )
        if kept:
            parts.append(
                f"{len(kept)} session(s) already have attendance or notes recorded and stay "
                f"as they are: {'; '.join(kept)}."
            )
        raise NeedsConfirmation(" ".join(parts))
    ClosedDay.create(day=when, name=label)
    cancelled = (
        Session.update(status="cancelled", cancel_reason=f"{CLOSED_PREFIX}{label}"[:300])
        .where(Session.id.in_(to_cancel))
        .execute()
        if to_cancel
        else 0
    )
    describe(
        record_type="closed_day",
        record_id=when.isoformat(),
        detail=f"closed {when.isoformat()} ({label}); {cancelled} session(s) cancelled"
        + (f", {len(kept)} kept (attendance or notes recorded)" if kept else ""),
    )
    return ClosureResult(when, cancelled, kept)


@use_case("closed_day.remove", "schedule.setup", changes=("schedule",))
def remove_closed_day(actor: Actor, closed_day_id: int) -> int:
    """Re-open a closed day: sessions cancelled only by the closure are scheduled again."""
    row = ClosedDay.get_or_none(ClosedDay.id == closed_day_id)
    if row is None:
        raise NotFound("That closed day does not exist.")
    restored = (
        Session.update(status="scheduled", cancel_reason="")
        .where(
            (Session.day == row.day)
            & (Session.status == "cancelled")
            & (Session.cancel_reason == f"{CLOSED_PREFIX}{row.name}"[:300])
        )
        .execute()
    )
    row.delete_instance()
    describe(
        record_type="closed_day",
        record_id=row.day.isoformat(),
        detail=f"re-opened {row.day.isoformat()} ({row.name}); {restored} session(s) restored",
    )
    return restored


def check_open(errors: Collector, field: str, day: dt.date | None) -> None:
    """Refuse a single session on a closed day, naming the closure."""
    if day is None:
        return
    name = closed_name(day)
    if name is not None:
        errors.add(
            field, f"The clinic is closed on {formats.show_date(day)} ({name}); choose another day."
        )


def require_open(field: str, day: dt.date) -> None:
    """Raise a ValidationError when the clinic is closed on ``day``."""
    errors = Collector()
    check_open(errors, field, day)
    if errors.fields:
        raise ValidationError(errors.fields)
