"""Small shared look-ups for the attendance services: sessions, clients, names, facilitators."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.calendar import Group, GroupFacilitator, Session
from iopdesk.db.models.core import Client, Staff
from iopdesk.domain import formats
from iopdesk.domain.hours import session_minutes
from iopdesk.domain.validators import record_id
from iopdesk.errors import NotFound


def get_session(session_id: int) -> Session:
    """The session, or NotFound with a sentence (it may have been removed from the calendar)."""
    session = Session.get_or_none(Session.id == record_id(session_id))
    if session is None:
        raise NotFound("That session is not on the calendar (it may have been removed).")
    return session


def get_client(client_id: int) -> Client:
    client = Client.get_or_none(Client.id == record_id(client_id))
    if client is None:
        raise NotFound("That client record does not exist.")
    return client


def get_group(group_id: int) -> Group:
    group = Group.get_or_none(Group.id == group_id)
    if group is None:
        raise NotFound("That group does not exist.")
    return group


def client_name(first: str, last: str, preferred: str = "") -> str:
    """How staff see a client in lists: legal name, with the preferred name when it differs."""
    if preferred and preferred != first:
        return f"{first} “{preferred}” {last}"
    return f"{first} {last}"


def client_label(client: Client) -> str:
    return client_name(client.legal_first_name, client.legal_last_name, client.preferred_name)


def length_of(session: Session) -> int:
    """A session's length in minutes (what minutes attended default to)."""
    return session_minutes(_as_time(session.start_time), _as_time(session.end_time))


def _as_time(value: object) -> dt.time:
    # SQLite hands back TimeField values as text when a row came from a raw or joined query.
    if isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value))


def facilitator_names(group_ids: list[int]) -> dict[int, list[str]]:
    """Group id -> facilitator names (one query for many groups)."""
    names: dict[int, list[str]] = {g: [] for g in group_ids}
    if not group_ids:
        return names
    query = (
        GroupFacilitator.select(GroupFacilitator.group, Staff.full_name)
        .join(Staff)
        .where(GroupFacilitator.group.in_(group_ids))
        .order_by(Staff.full_name)
    )
    for row in query:
        names[row.group_id].append(row.staff.full_name)
    return names


def session_staff_names(session: Session) -> list[str]:
    """Who runs the session: the group's facilitators, or its counselor."""
    names: list[str] = []
    if session.group_id:
        names = facilitator_names([session.group_id])[session.group_id]
    if session.counselor_id:
        counselor = Staff.get_by_id(session.counselor_id).full_name
        if counselor not in names:
            names.insert(0, counselor)
    return names


def is_facilitator(staff_id: int, session: Session) -> bool:
    """Whether this staff member runs the session (counselor or group facilitator)."""
    if session.counselor_id == staff_id:
        return True
    if session.group_id is None:
        return False
    return (
        GroupFacilitator.select()
        .where((GroupFacilitator.group == session.group_id) & (GroupFacilitator.staff == staff_id))
        .exists()
    )


def fmt_time(value: object) -> str:
    """A time of day as the clinic shows it (``9:00 AM`` or ``09:00``)."""
    return formats.show_time(_as_time(value))


def as_time(value: object) -> dt.time:
    """A TimeField value as a ``datetime.time`` whatever the driver returned."""
    return _as_time(value)
