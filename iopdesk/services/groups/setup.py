"""Therapy groups: name, type, track, topic, room, capacity and facilitators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import peewee as pw

from iopdesk.db.models.calendar import (
    Group,
    GroupFacilitator,
    Room,
    RosterMembership,
    Session,
    SessionSeries,
)
from iopdesk.db.models.core import Staff
from iopdesk.domain import formats
from iopdesk.domain.recurrence import WEEKDAY_NAMES
from iopdesk.domain.validators import choice_field, optional_text, required_text
from iopdesk.errors import Collector
from iopdesk.services.attendance.session_facts import (
    facilitator_names,
    fmt_time,
    get_group,
    length_of,
)
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.permissions import CLINICIAN

GROUP_TYPES = {"open": "Open (rolling admission)", "closed": "Closed (fixed cohort)"}
TRACKS = {"morning": "Morning", "afternoon": "Afternoon", "evening": "Evening"}


@dataclass(frozen=True)
class GroupForm:
    """What the group editor submits."""

    name: str
    group_type: str = "open"
    track: str = "morning"
    topic: str = ""
    capacity: int = 12
    room_id: int | None = None
    facilitator_ids: tuple[int, ...] = field(default_factory=tuple)
    active: bool = True


@dataclass(frozen=True)
class GroupRow:
    """A group as the list and the editor show it."""

    id: int
    name: str
    group_type: str
    track: str
    topic: str
    capacity: int
    room_id: int | None
    room_name: str
    facilitator_ids: tuple[int, ...]
    facilitators: tuple[str, ...]
    members_today: int
    schedule: str
    active: bool

    @property
    def type_label(self) -> str:
        return GROUP_TYPES.get(self.group_type, self.group_type).split(" ")[0]

    @property
    def track_label(self) -> str:
        return TRACKS.get(self.track, self.track)


def _validate(form: GroupForm, group_id: int | None = None) -> dict[str, object]:
    errors = Collector()
    name = required_text(errors, "name", form.name, "Group name", max_len=120)
    if name:
        clash = Group.get_or_none(pw.fn.LOWER(Group.name) == name.lower())
        if clash is not None and clash.id != group_id:
            errors.add("name", f"There is already a group called {clash.name}.")
    values: dict[str, object] = {
        "name": name,
        "group_type": choice_field(errors, "group_type", form.group_type, "Type", GROUP_TYPES),
        "track": choice_field(errors, "track", form.track, "Track", TRACKS),
        "topic": optional_text(errors, "topic", form.topic, "Topic", max_len=2000, multiline=True),
        "active": bool(form.active),
    }
    capacity = form.capacity
    if not 1 <= capacity <= 60:
        errors.add("capacity", "Capacity must be a whole number from 1 to 60.")
    values["capacity"] = capacity
    if form.room_id is not None:
        room = Room.get_or_none(Room.id == form.room_id)
        if room is None or not room.active:
            errors.add("room", "Choose a room that is in use.")
    values["room"] = form.room_id
    ids = list(dict.fromkeys(form.facilitator_ids))
    if not ids:
        errors.add("facilitators", "Choose at least one facilitator.")
    else:
        found = (
            Staff.select()
            .where(
                Staff.id.in_(ids) & (Staff.role == CLINICIAN) & (Staff.active == True)  # noqa: E712
            )
            .count()
        )
        if found != len(ids):
            errors.add("facilitators", "Facilitators must be active clinicians.")
    errors.raise_if_any()
    values["facilitators"] = ids
    return values


def _save_facilitators(group_id: int, ids: Sequence[int]) -> None:
    GroupFacilitator.delete().where(GroupFacilitator.group == group_id).execute()
    GroupFacilitator.insert_many([{"group": group_id, "staff": s} for s in ids]).execute()


@use_case("group.create", "group.manage", changes=("schedule",))
def create_group(actor: Actor, form: GroupForm) -> GroupRow:
    """Set up a new group with its facilitators (its weekly schedule is a calendar series)."""
    values = _validate(form)
    ids = values.pop("facilitators")
    group = Group.create(**values)
    _save_facilitators(group.id, ids)  # type: ignore[arg-type]
    describe(record_type="group", record_id=group.id, detail=f"created {group.name}")
    return group_rows([group.id])[0]


@use_case("group.edit", "group.manage", changes=("schedule",))
def edit_group(actor: Actor, group_id: int, form: GroupForm) -> GroupRow:
    """Change a group's details and facilitators."""
    get_group(group_id)
    values = _validate(form, group_id)
    ids = values.pop("facilitators")
    Group.update(**values).where(Group.id == group_id).execute()
    _save_facilitators(group_id, ids)  # type: ignore[arg-type]
    describe(record_type="group", record_id=group_id, detail=f"edited {values['name']}")
    return group_rows([group_id])[0]


def schedule_text(group_ids: list[int]) -> dict[int, str]:
    """Group id -> its current weekly schedule in words (``Mon, Wed, Fri 9:00 AM – 12:00 PM``)."""
    today = dt.date.today()
    out: dict[int, list[str]] = {g: [] for g in group_ids}
    query = (
        SessionSeries.select()
        .where(
            SessionSeries.group.in_(group_ids)
            & (SessionSeries.last_date.is_null() | (SessionSeries.last_date >= today))
        )
        .order_by(SessionSeries.first_date)
    )
    for s in query:
        days = ", ".join(WEEKDAY_NAMES[int(d)][:3] for d in s.weekdays.split(",") if d)
        text = f"{days} {fmt_time(s.start_time)} – {fmt_time(s.end_time)}"
        if s.first_date > today:
            text += f" from {formats.show_date(s.first_date)}"
        out[s.group_id].append(text)
    return {g: "; ".join(parts) for g, parts in out.items()}


def group_rows(group_ids: list[int] | None = None, include_inactive: bool = True) -> list[GroupRow]:
    """Groups with room, facilitators, today's member count and schedule (few queries)."""
    query = (
        Group.select(Group, Room.name.alias("room_name"))
        .join(Room, pw.JOIN.LEFT_OUTER)
        .order_by(Group.active.desc(), Group.name)
    )
    if group_ids is not None:
        query = query.where(Group.id.in_(group_ids))
    if not include_inactive:
        query = query.where(Group.active == True)  # noqa: E712
    groups = list(query.objects())
    ids = [g.id for g in groups]
    names = facilitator_names(ids)
    staff_ids: dict[int, list[int]] = {g: [] for g in ids}
    for f in GroupFacilitator.select().where(GroupFacilitator.group.in_(ids)):
        staff_ids[f.group_id].append(f.staff_id)
    today = dt.date.today()
    counts = dict(
        RosterMembership.select(RosterMembership.group, pw.fn.COUNT(RosterMembership.id))
        .where(
            RosterMembership.group.in_(ids)
            & (RosterMembership.start_date <= today)
            & (RosterMembership.end_date.is_null() | (RosterMembership.end_date >= today))
        )
        .group_by(RosterMembership.group)
        .tuples()
    )
    schedules = schedule_text(ids)
    return [
        GroupRow(
            g.id,
            g.name,
            g.group_type,
            g.track,
            g.topic,
            g.capacity,
            g.room_id,
            g.room_name or "",
            tuple(staff_ids[g.id]),
            tuple(names[g.id]),
            counts.get(g.id, 0),
            schedules.get(g.id, ""),
            g.active,
        )
        for g in groups
    ]


@use_case("group.list", "schedule.view", kind="read", audited=False)
def list_groups(actor: Actor, include_inactive: bool = False) -> list[GroupRow]:
    """Every group for the Groups area."""
    return group_rows(None, include_inactive)


@use_case("group.get", "schedule.view", kind="read", audited=False)
def group_detail(actor: Actor, group_id: int) -> GroupRow:
    get_group(group_id)
    return group_rows([group_id])[0]


@dataclass(frozen=True)
class GroupSessionRow:
    """A session of the group, for opening its attendance sheet."""

    session_id: int
    day: dt.date
    time_label: str
    status: str
    marked: int
    length: int


@use_case("group.sessions", "schedule.view", kind="read", audited=False)
def group_sessions(
    actor: Actor, group_id: int, start: dt.date, end: dt.date
) -> list[GroupSessionRow]:
    """The group's sessions between two dates with how many people are marked on each."""
    from iopdesk.db.models.attendance import Attendance

    get_group(group_id)
    sessions = list(
        Session.select()
        .where((Session.group == group_id) & Session.day.between(start, end))
        .order_by(Session.day.desc(), Session.start_time)
    )
    marked = dict(
        Attendance.select(Attendance.session, pw.fn.COUNT(Attendance.id))
        .where(Attendance.session.in_([s.id for s in sessions]))
        .group_by(Attendance.session)
        .tuples()
    )
    return [
        GroupSessionRow(
            s.id,
            s.day,
            f"{fmt_time(s.start_time)} – {fmt_time(s.end_time)}",
            s.status,
            marked.get(s.id, 0),
            length_of(s),
        )
        for s in sessions
    ]


def room_choices() -> list[tuple[int, str]]:
    """Rooms in use, for the group editor."""
    return [
        (r.id, r.name)
        for r in Room.select().where(Room.active == True).order_by(Room.name)  # noqa: E712
    ]
