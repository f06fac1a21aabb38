"""Test factories for groups, sessions and clients the attendance tests need (direct rows)."""

from __future__ import annotations

import datetime as dt
import itertools

from iopdesk.db.models.calendar import Group, GroupFacilitator, Session, SessionClient
from iopdesk.db.models.core import Client, Episode
from iopdesk.domain.records import format_record_number, search_text
from iopdesk.services.context import Actor

_numbers = itertools.count(90_000)

FIRST = [
    "Ana",
    "Ben",
    "Chloé",
    "Dmitri",
    "Esther",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jamal",
    "Keiko",
    "Liam",
    "Maya",
    "Noor",
    "Oscar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tariq",
]


def make_client(
    first: str = "Jordan",
    last: str = "Rivers",
    *,
    status: str = "active",
    program: str = "adult",
    admitted: dt.date | None = None,
    counselor: Actor | None = None,
) -> int:
    """An admitted client with an open episode; returns the client id."""
    number = format_record_number(next(_numbers))
    dob = dt.date(1990, 5, 17)
    client = Client.create(
        record_number=number,
        legal_first_name=first,
        legal_last_name=last,
        date_of_birth=dob,
        status=status,
        counselor=counselor.staff_id if counselor else None,
        search_text=search_text(first, last, "", number, dob),
    )
    Episode.create(
        client=client,
        number=1,
        status=status,
        program=program,
        admission_date=admitted or dt.date.today() - dt.timedelta(days=30),
    )
    return client.id


def make_clients(count: int, last: str = "Tester") -> list[int]:
    """``count`` active clients with distinct names."""
    return [make_client(FIRST[i % len(FIRST)], f"{last}{i:02d}") for i in range(count)]


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
