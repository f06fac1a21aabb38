"""Test factories for the groups and sessions the attendance tests need (direct rows)."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.calendar import Group, GroupFacilitator, Session, SessionClient
from iopdesk.services.context import Actor


def make_group(
    name: str = "Relapse Prevention", capacity: int = 12, facilitator: Actor | None = None
) -> int:
    group = Group.create(name=name, capacity=capacity, topic="Coping with triggers")
    if facilitator is not None:
        GroupFacilitator.create(group=group, staff=facilitator.staff_id)
    return group.id


def make_session(
    group_id: int | None,
    day: dt.date,
    start: dt.time = dt.time(9, 0),
    end: dt.time = dt.time(12, 0),
    *,
    kind: str = "group",
    counselor: Actor | None = None,
    status: str = "scheduled",
    client_ids: tuple[int, ...] = (),
    title: str = "",
) -> int:
    """One concrete session (as the calendar would materialise it)."""
    session = Session.create(
        day=day,
        start_time=start,
        end_time=end,
        kind=kind,
        title=title or "Session",
        group=group_id,
        counselor=counselor.staff_id if counselor else None,
        status=status,
    )
    for cid in client_ids:
        SessionClient.create(session=session, client=cid)
    return session.id
