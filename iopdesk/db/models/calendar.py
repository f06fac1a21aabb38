"""Calendar tables: rooms, closed days, groups, recurring series and concrete sessions.

A ``Session`` row is one concrete session on one date: its id is the stable identity that
attendance and notes hang on. Series are materialized into Session rows up to a horizon
(see services/calendar); editing a series from a date on changes only future rows.
"""

from __future__ import annotations

import peewee as pw

from iopdesk.db.models.base import BaseModel, now
from iopdesk.db.models.core import Client, Staff

KINDS = {
    "group": "Group",
    "individual": "Individual",
    "family": "Family",
    "assessment": "Assessment",
    "other": "Other",
}


class Room(BaseModel):
    """A room sessions are held in."""

    name = pw.CharField(max_length=100, unique=True)
    capacity = pw.IntegerField(default=12)
    active = pw.BooleanField(default=True)


class ClosedDay(BaseModel):
    """A day the clinic is closed (holiday); sessions falling on it are cancelled, visibly."""

    day = pw.DateField(unique=True)
    name = pw.CharField(max_length=100)


class Group(BaseModel):
    """A therapy group: its type, track, topic, room and capacity."""

    name = pw.CharField(max_length=120, unique=True)
    group_type = pw.CharField(max_length=10, default="open")  # open (rolling) | closed
    track = pw.CharField(max_length=10, default="morning")  # morning | afternoon | evening
    topic = pw.TextField(default="")
    capacity = pw.IntegerField(default=12)
    room = pw.ForeignKeyField(Room, null=True, backref="groups", on_delete="RESTRICT")
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField(default=now)


class GroupFacilitator(BaseModel):
    """A staff member who facilitates a group."""

    group = pw.ForeignKeyField(Group, backref="facilitators", on_delete="CASCADE")
    staff = pw.ForeignKeyField(Staff, backref="facilitated_groups", on_delete="RESTRICT")

    class Meta:
        indexes = ((("group", "staff"), True),)


class SessionSeries(BaseModel):
    """A session repeating weekly on chosen weekdays from first_date to an optional last_date."""

    kind = pw.CharField(max_length=12, default="group")
    title = pw.CharField(max_length=200)
    group = pw.ForeignKeyField(Group, null=True, backref="series", on_delete="RESTRICT")
    client = pw.ForeignKeyField(Client, null=True, backref="series", on_delete="RESTRICT")
    counselor = pw.ForeignKeyField(Staff, null=True, backref="series", on_delete="RESTRICT")
    room = pw.ForeignKeyField(Room, null=True, backref="series", on_delete="RESTRICT")
    weekdays = pw.CharField(max_length=20)  # "0,2,4" (0 = Monday)
    start_time = pw.TimeField()
    end_time = pw.TimeField()
    first_date = pw.DateField()
    last_date = pw.DateField(null=True)
    #: materialized up to and including this date
    horizon = pw.DateField(null=True)
    previous = pw.ForeignKeyField("self", null=True, backref="continued_by", on_delete="RESTRICT")
    created_at = pw.DateTimeField(default=now)


class Session(BaseModel):
    """One concrete session on one date (a series occurrence or a single appointment)."""

    series = pw.ForeignKeyField(SessionSeries, null=True, backref="sessions", on_delete="RESTRICT")
    original_date = pw.DateField(null=True)
    day = pw.DateField(index=True)
    start_time = pw.TimeField()
    end_time = pw.TimeField()
    kind = pw.CharField(max_length=12, default="group")
    title = pw.CharField(max_length=200)
    group = pw.ForeignKeyField(Group, null=True, backref="sessions", on_delete="RESTRICT")
    counselor = pw.ForeignKeyField(Staff, null=True, backref="sessions", on_delete="RESTRICT")
    room = pw.ForeignKeyField(Room, null=True, backref="sessions", on_delete="RESTRICT")
    status = pw.CharField(max_length=12, default="scheduled")  # scheduled | cancelled
    cancel_reason = pw.CharField(max_length=300, default="")
    moved = pw.BooleanField(default=False)
    conflict_reason = pw.CharField(max_length=300, default="")
    created_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = (
            (("series", "original_date"), True),
            (("counselor", "day"), False),
            (("room", "day"), False),
            (("group", "day"), False),
        )

    @classmethod
    def days_and_any(cls, first: object, last: object, *which: pw.Expression) -> pw.Expression:
        """Sessions from ``first`` to ``last`` (dates) that match any of ``which`` (this
        counselor, these groups, these rooms...). The days are repeated inside each
        alternative: SQLite then searches each (counselor, day) / (group, day) index by the
        days too, where a separate days condition lets it read every session of twenty years
        of that counselor or group first."""
        days = cls.day.between(first, last)
        alternatives = [days & condition for condition in which]
        found = alternatives[0]
        for alternative in alternatives[1:]:
            found = found | alternative
        return found


class SessionClient(BaseModel):
    """A client booked into an individual, family or other non-group session."""

    session = pw.ForeignKeyField(Session, backref="clients", on_delete="CASCADE")
    client = pw.ForeignKeyField(Client, backref="booked_sessions", on_delete="RESTRICT")

    class Meta:
        indexes = ((("session", "client"), True), (("client", "session"), False))


class RosterMembership(BaseModel):
    """A client's membership of a group from start_date to an optional end_date (inclusive)."""

    group = pw.ForeignKeyField(Group, backref="memberships", on_delete="RESTRICT")
    client = pw.ForeignKeyField(Client, backref="memberships", on_delete="RESTRICT")
    start_date = pw.DateField()
    end_date = pw.DateField(null=True)
    end_reason = pw.CharField(max_length=300, default="")
    created_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = (
            (("group", "start_date"), False),
            (("client", "start_date"), False),
            # "on the roster during this week" without reading 20 years of ended memberships
            (("group", "end_date"), False),
        )


CALENDAR_MODELS = [
    Room,
    ClosedDay,
    Group,
    GroupFacilitator,
    SessionSeries,
    Session,
    SessionClient,
    RosterMembership,
]
