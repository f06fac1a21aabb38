"""Group rosters: rolling membership with start and end dates, capacity and double membership."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from iopdesk.db.models.calendar import Group, RosterMembership, SessionSeries
from iopdesk.db.models.core import Client
from iopdesk.domain import formats
from iopdesk.domain.recurrence import WEEKDAY_NAMES
from iopdesk.domain.validators import date_field, fold, required_text
from iopdesk.errors import Collector, DomainError, NeedsConfirmation, NotFound, ValidationError
from iopdesk.services.attendance.session_facts import (
    client_label,
    client_name,
    get_client,
    get_group,
)
from iopdesk.services.context import Actor, describe, use_case


@dataclass(frozen=True)
class RosterRow:
    """One membership: who, in which group, from when to when."""

    membership_id: int
    group_id: int
    group_name: str
    client_id: int
    client_name: str
    record_number: str
    start_date: dt.date
    end_date: dt.date | None
    end_reason: str

    def current_on(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    @property
    def period(self) -> str:
        end = formats.show_date(self.end_date) if self.end_date else "ongoing"
        return f"{formats.show_date(self.start_date)} – {end}"


def _on(day: dt.date) -> pw.Expression:
    return (RosterMembership.start_date <= day) & (
        RosterMembership.end_date.is_null() | (RosterMembership.end_date >= day)
    )


def _query() -> pw.ModelSelect:
    return (
        RosterMembership.select(RosterMembership, Group.name, Client)
        .join(Group)
        .switch(RosterMembership)
        .join(Client)
    )


def _row(m: RosterMembership) -> RosterRow:
    c = m.client
    return RosterRow(
        m.id,
        m.group_id,
        m.group.name,
        m.client_id,
        client_name(c.legal_first_name, c.legal_last_name, c.preferred_name),
        c.record_number,
        m.start_date,
        m.end_date,
        m.end_reason,
    )


def members_on(group_id: int, day: dt.date) -> list[RosterRow]:
    """The group's members on ``day`` (no permission check: for other services).

    The memberships still running on ``day`` are found by end date (ongoing, or ending on or
    after it): two short ranges of the (group, end date) index, where a query on the start date
    would walk every membership the group has had in twenty years.
    """
    in_group = RosterMembership.group == group_id
    still_there = RosterMembership.select(RosterMembership.id).where(
        in_group & RosterMembership.end_date.is_null()
    ) + RosterMembership.select(RosterMembership.id).where(
        in_group & (RosterMembership.end_date >= day)
    )
    query = _query().where(RosterMembership.id.in_(still_there))
    rows = [_row(m) for m in query if m.start_date <= day]
    return sorted(rows, key=lambda r: (r.client_name.casefold(), r.client_id))


def _count_on(group_id: int, day: dt.date) -> int:
    return RosterMembership.select().where((RosterMembership.group == group_id) & _on(day)).count()


@use_case("roster.view", "schedule.view", kind="read", audited=False)
def roster_on(actor: Actor, group_id: int, day: dt.date) -> list[RosterRow]:
    """Who was (or will be) a member of the group on that day."""
    get_group(group_id)
    return members_on(group_id, day)


@use_case("roster.list", "schedule.view", kind="read", audited=False)
def group_roster(actor: Actor, group_id: int, include_past: bool = False) -> list[RosterRow]:
    """The group's current and upcoming members (and past ones when asked)."""
    get_group(group_id)
    today = dt.date.today()
    query = _query().where(RosterMembership.group == group_id)
    if not include_past:
        query = query.where(
            RosterMembership.end_date.is_null() | (RosterMembership.end_date >= today)
        )
    rows = [_row(m) for m in query]
    return sorted(rows, key=lambda r: (r.end_date is not None, r.client_name.casefold()))


@use_case("roster.client", "client.view", kind="read", audited=False)
def client_memberships(actor: Actor, client_id: int) -> list[RosterRow]:
    """Every group membership a client has had, newest first."""
    get_client(client_id)
    query = _query().where(RosterMembership.client == client_id)
    return sorted((_row(m) for m in query), key=lambda r: r.start_date, reverse=True)


@use_case("roster.add", "roster.manage", changes=("schedule",))
def add_member(
    actor: Actor,
    group_id: int,
    client_id: int,
    start_date: dt.date | str | None,
    *,
    reason: str = "",
) -> RosterRow:
    """Add a client to a group from a start date. A full group, a closed group whose cohort
    has begun, or a schedule clashing with the client's other group asks for a reason first."""
    group = get_group(group_id)
    client = get_client(client_id)
    errors = Collector()
    start = date_field(errors, "start_date", start_date, "Start date")
    errors.raise_if_any()
    assert start is not None
    if not group.active:
        raise ValidationError({"group": f"{group.name} is no longer running; choose another."})
    if client.status == "discharged":
        raise ValidationError(
            {"client": f"{client_label(client)} has been discharged; re-admit them first."}
        )
    overlap = (
        RosterMembership.select()
        .where(
            (RosterMembership.group == group_id)
            & (RosterMembership.client == client_id)
            & (RosterMembership.end_date.is_null() | (RosterMembership.end_date >= start))
        )
        .first()
    )
    if overlap is not None:
        raise ValidationError(
            {
                "client": f"{client_label(client)} is already in {group.name} from "
                f"{formats.show_date(overlap.start_date)}; end that membership first."
            }
        )
    warnings = _warnings(group, client, start)
    why = reason.strip()[:300] if isinstance(reason, str) else ""
    if warnings and not why:
        raise NeedsConfirmation(
            " ".join(warnings) + f" Add {client_label(client)} anyway? Say why."
        )
    membership = RosterMembership.create(group=group_id, client=client_id, start_date=start)
    detail = f"added to {group.name} from {start.isoformat()}"
    if warnings:
        detail += f"; warned: {' '.join(warnings)}; reason: {why}"
    describe(client_id=client_id, record_type="roster", record_id=membership.id, detail=detail)
    return _row(_query().where(RosterMembership.id == membership.id).get())


def _warnings(group: Group, client: Client, start: dt.date) -> list[str]:
    """What needs a reason before the client joins: capacity, a begun cohort, a clash."""
    said = []
    members = _count_on(group.id, start)
    if members >= group.capacity:
        said.append(
            f"{group.name} already has {members} members on {formats.show_date(start)} "
            f"(capacity {group.capacity})."
        )
    began = cohort_start(group.id)
    if group.group_type == "closed" and began is not None and start > began:
        said.append(
            f"{group.name} is a closed group whose cohort began on {formats.show_date(began)}."
        )
    said.extend(
        f"{client_label(client)} is in {other} at the same time ({when})."
        for other, when in schedule_clashes(group.id, client.id, start)
    )
    return said


def cohort_start(group_id: int) -> dt.date | None:
    """The first day a group's sessions were scheduled (a closed group's cohort start)."""
    first = (
        SessionSeries.select(pw.fn.MIN(SessionSeries.first_date))
        .where(SessionSeries.group == group_id)
        .scalar()
    )
    return dt.date.fromisoformat(str(first)) if first else None


def _running(group_id: int, day: dt.date) -> list[SessionSeries]:
    return list(
        SessionSeries.select().where(
            (SessionSeries.group == group_id)
            & (SessionSeries.last_date.is_null() | (SessionSeries.last_date >= day))
        )
    )


def schedule_clashes(group_id: int, client_id: int, start: dt.date) -> list[tuple[str, str]]:
    """The client's other groups (member on ``start`` or later) meeting on a weekday of this
    group's schedule at an overlapping time: (group name, "Mondays 9:00 AM")."""
    ours = _running(group_id, start)
    if not ours:
        return []
    others = (
        Group.select(Group.id, Group.name)
        .join(RosterMembership, on=(RosterMembership.group == Group.id))
        .where(
            (RosterMembership.client == client_id)
            & (Group.id != group_id)
            & (RosterMembership.end_date.is_null() | (RosterMembership.end_date >= start))
        )
        .distinct()
    )
    found = []
    for other in others:
        for theirs in _running(other.id, start):
            for mine in ours:
                days = set(mine.weekdays.split(",")) & set(theirs.weekdays.split(","))
                overlap = mine.start_time < theirs.end_time and theirs.start_time < mine.end_time
                if days and overlap:
                    weekday = WEEKDAY_NAMES[int(min(days))]
                    found.append((other.name, f"{weekday}s {formats.show_time(theirs.start_time)}"))
    return found


@use_case("roster.end", "roster.manage", changes=("schedule",))
def end_membership(
    actor: Actor, membership_id: int, end_date: dt.date | str | None, reason: str
) -> RosterRow:
    """End a membership on its last day, with a reason (completed, moved track, discharged...)."""
    membership = RosterMembership.get_or_none(RosterMembership.id == membership_id)
    if membership is None:
        raise NotFound("That roster membership does not exist.")
    errors = Collector()
    end = date_field(errors, "end_date", end_date, "End date")
    why = required_text(errors, "end_reason", reason, "Reason for ending", max_len=300)
    if end is not None and end < membership.start_date:
        errors.add(
            "end_date",
            "The membership cannot end before it started "
            f"({formats.show_date(membership.start_date)}).",
        )
    errors.raise_if_any()
    if membership.end_date is not None and membership.end_date < dt.date.today():
        raise DomainError("That membership has already ended.")
    membership.end_date = end
    membership.end_reason = why
    membership.save()
    describe(
        client_id=membership.client_id,
        record_type="roster",
        record_id=membership.id,
        detail=f"ended {end.isoformat() if end else ''}: {why}",
    )
    return _row(_query().where(RosterMembership.id == membership.id).get())


@use_case("roster.pick", "roster.manage", kind="read", audited=False)
def clients_to_add(actor: Actor, search: str = "", limit: int = 50) -> list[tuple[int, str, str]]:
    """(id, name, record number) of clients who can join a group, for the add-member picker."""
    query = Client.select(
        Client.id,
        Client.legal_first_name,
        Client.legal_last_name,
        Client.preferred_name,
        Client.record_number,
    ).where(Client.status.in_(["intake", "active"]))
    for word in fold(search).split():
        query = query.where(Client.search_text.contains(word))
    query = query.order_by(Client.legal_last_name, Client.legal_first_name).limit(limit)
    return [
        (
            c.id,
            client_name(c.legal_first_name, c.legal_last_name, c.preferred_name),
            c.record_number,
        )
        for c in query
    ]
