"""What the calendar's forms submit, and the checks a series and an appointment share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from iopdesk.db.models.calendar import KINDS, Group, Room, Session
from iopdesk.db.models.core import Client, Staff
from iopdesk.domain.recurrence import EARLIEST, LATEST, WeeklyPattern
from iopdesk.domain.validators import date_field, optional_text
from iopdesk.errors import Collector, ValidationError
from iopdesk.services.calendar.setup import check_open
from iopdesk.services.permissions import CLINICIAN

#: Kinds that are about one client (or a family around one client) and need a client.
CLIENT_KINDS = frozenset({"individual", "family", "assessment"})
WEEKDAYS_MESSAGE = "Choose weekdays from Monday to Sunday."
#: The title column's size (sessions and series alike): a typed or derived title fits it.
TITLE_MAX = Session.title.max_length


@dataclass(frozen=True)
class SeriesForm:
    """A weekly series: a group's meetings or a client's weekly individual session."""

    kind: str
    weekdays: frozenset[int] | list[int] | tuple[int, ...]
    start_time: dt.time | None
    end_time: dt.time | None
    first_date: dt.date | str | None
    last_date: dt.date | str | None = None
    title: str = ""
    group_id: int | None = None
    client_id: int | None = None
    counselor_id: int | None = None
    room_id: int | None = None


@dataclass(frozen=True)
class AppointmentForm:
    """A single session on one day (double-click on an empty slot)."""

    kind: str
    day: dt.date | str | None
    start_time: dt.time | None
    end_time: dt.time | None
    client_ids: tuple[int, ...] = field(default_factory=tuple)
    counselor_id: int | None = None
    room_id: int | None = None
    title: str = ""
    group_id: int | None = None


@dataclass(frozen=True)
class People:
    """The checked who/where of a session."""

    kind: str
    title: str
    group: Group | None
    clients: list[Client]
    counselor: Staff | None
    room: Room | None


def derived_title(names: Sequence[str], limit: int = TITLE_MAX) -> str:
    """The clients' names as a session title, shortened to fit the title column.

    Whole names are kept as far as they fit ("Ana Ames, Ben Burr and 2 more"); a single name
    longer than the column is cut with an ellipsis. PostgreSQL refuses an over-long value
    where SQLite would silently keep it, so the limit is the column's, not a guess.
    """
    text = ", ".join(names)
    if len(text) <= limit:
        return text
    for keep in range(len(names) - 1, 0, -1):
        text = f"{', '.join(names[:keep])} and {len(names) - keep} more"
        if len(text) <= limit:
            return text
    more = f" and {len(names) - 1} more" if len(names) > 1 else ""
    return names[0][: limit - len(more) - 1] + "…" + more


def check_people(
    errors: Collector,
    kind: str,
    title: str,
    group_id: int | None,
    client_ids: tuple[int, ...],
    counselor_id: int | None,
    room_id: int | None,
) -> People:
    """Check kind, group, clients, counselor and room; derive a title when none was typed."""
    if kind not in KINDS:
        errors.add("kind", f"Choose a kind of session: {', '.join(KINDS.values())}.")
    group = None
    if kind == "group":
        group = Group.get_or_none(Group.id == group_id) if group_id else None
        if group is None:
            errors.add("group", "Choose the group that meets.")
        elif not group.active:
            errors.add("group", f"The group {group.name} is no longer running.")
    clients: list[Client] = []
    for client_id in dict.fromkeys(client_ids):
        client = Client.get_or_none(Client.id == client_id)
        if client is None:
            errors.add("clients", "One of the chosen clients does not exist any more.")
        elif client.status == "discharged":
            errors.add("clients", f"{client.full_name} has been discharged; re-admit them first.")
        else:
            clients.append(client)
    if kind in CLIENT_KINDS and not client_ids:
        errors.add("clients", "Choose the client this session is for.")
    if kind == "individual" and len(clients) > 1:
        errors.add("clients", "An individual session is for one client; use Family or Other.")
    counselor = Staff.get_or_none(Staff.id == counselor_id) if counselor_id else None
    if counselor_id and (counselor is None or counselor.role != CLINICIAN or not counselor.active):
        errors.add("counselor", "Choose an active counselor (clinician) from the list.")
        counselor = None
    elif counselor_id is None and kind != "other":
        errors.add("counselor", "Choose the counselor who leads this session.")
    if room_id is None and group is not None and group.room_id is not None:
        room_id = group.room_id  # a group meets in its own room unless told otherwise
    room = Room.get_or_none(Room.id == room_id) if room_id else None
    if room_id and (room is None or not room.active):
        errors.add("room", "Choose a room that is in use.")
        room = None
    text = optional_text(errors, "title", title, "Title", max_len=TITLE_MAX)
    if not text:
        if group is not None:
            text = group.name
        elif clients:
            text = derived_title([c.full_name for c in clients])
        else:
            text = KINDS.get(kind, "Session")
    return People(kind, text, group, clients, counselor, room)


def check_times(
    errors: Collector,
    start: dt.time | None,
    end: dt.time | None,
    weekdays: frozenset[int],
    first: dt.date | None,
    last: dt.date | None,
) -> WeeklyPattern | None:
    """The weekly pattern's own rules (weekdays, length, dates), merged into ``errors``."""
    if not isinstance(start, dt.time):
        errors.add("start_time", "Choose a start time.")
    if not isinstance(end, dt.time):
        errors.add("end_time", "Choose an end time.")
    if not isinstance(start, dt.time) or not isinstance(end, dt.time) or first is None:
        if not weekdays:
            errors.add("weekdays", "Choose at least one weekday.")
        return None
    pattern = WeeklyPattern(frozenset(weekdays), start, end, first, last)
    try:
        pattern.validate()
    except ValidationError as exc:
        for key, message in exc.fields.items():
            errors.add(key, message)
        return None
    return pattern


def check_weekdays(errors: Collector, chosen: Iterable[int]) -> frozenset[int]:
    """The chosen weekdays as numbers 0 (Monday) to 6; any other number is a field error."""
    days = frozenset(chosen)
    if not all(0 <= day <= 6 for day in days):
        errors.add("weekdays", WEEKDAYS_MESSAGE)
        return frozenset()
    return days


def check_series(form: SeriesForm) -> tuple[People, WeeklyPattern]:
    """Validate a series form; raises ValidationError naming every field to fix."""
    errors = Collector()
    client_ids = (form.client_id,) if form.client_id else ()
    people = check_people(
        errors, form.kind, form.title, form.group_id, client_ids, form.counselor_id, form.room_id
    )
    first = date_field(
        errors, "first_date", form.first_date, "First date", earliest=EARLIEST, latest=LATEST
    )
    last = date_field(
        errors,
        "last_date",
        form.last_date,
        "Last date",
        required=False,
        earliest=EARLIEST,
        latest=LATEST,
    )
    weekdays = check_weekdays(errors, form.weekdays)
    pattern = check_times(errors, form.start_time, form.end_time, weekdays, first, last)
    errors.raise_if_any()
    assert pattern is not None
    return people, pattern


def check_appointment(form: AppointmentForm) -> tuple[People, dt.date]:
    """Validate a single appointment; a closed day is refused like any other bad input."""
    errors = Collector()
    people = check_people(
        errors,
        form.kind,
        form.title,
        form.group_id,
        tuple(form.client_ids or ()),
        form.counselor_id,
        form.room_id,
    )
    day = date_field(errors, "day", form.day, "Date", earliest=EARLIEST, latest=LATEST)
    weekdays = frozenset({day.weekday()}) if day else frozenset({0})
    check_times(errors, form.start_time, form.end_time, weekdays, day, day)
    check_open(errors, "day", day)
    errors.raise_if_any()
    assert day is not None
    return people, day
