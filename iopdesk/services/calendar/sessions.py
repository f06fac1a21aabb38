"""One session at a time: book a single appointment, cancel, restore or move an occurrence."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.calendar import KINDS, Session, SessionClient, SessionSeries
from iopdesk.domain import formats
from iopdesk.domain.recurrence import EARLIEST, LATEST
from iopdesk.domain.validators import date_field, required_text
from iopdesk.errors import Collector, DomainError, NotFound
from iopdesk.services.calendar.conflicts import (
    Booking,
    booked_clients,
    capacity_warning,
    confirm_or_raise,
    find_conflicts,
    memberships,
    roster_on,
)
from iopdesk.services.calendar.forms import (
    AppointmentForm,
    People,
    check_appointment,
    check_times,
)
from iopdesk.services.calendar.records import has_records
from iopdesk.services.calendar.setup import CLOSED_PREFIX, check_open, closed_name
from iopdesk.services.context import Actor, describe, use_case


def _session(session_id: int) -> Session:
    session = Session.get_or_none(Session.id == session_id)
    if session is None:
        raise NotFound("That session does not exist any more; the calendar has been refreshed.")
    return session


def _first_client(session_id: int) -> int | None:
    row = SessionClient.select(SessionClient.client).where(SessionClient.session == session_id)
    first = row.first()
    return first.client_id if first is not None else None


def _refuse_if_recorded(session: Session, what: str) -> None:
    if has_records([session.id]):
        raise DomainError(
            f"Attendance or notes are already recorded for this session, so it cannot be {what}."
        )


def _checked(
    form: AppointmentForm, override_reason: str, exclude: tuple[int, ...] = ()
) -> tuple[People, Booking, str]:
    """Validate an appointment and its double bookings and room size (asking for a reason
    first); returns who it books, the booking and the reason kept with it."""
    people, day = check_appointment(form)
    booking = Booking(
        day,
        form.start_time,  # type: ignore[arg-type]
        form.end_time,  # type: ignore[arg-type]
        people.counselor.id if people.counselor else None,
        people.room.id if people.room else None,
        people.group.id if people.group else None,
        frozenset(c.id for c in people.clients),
    )
    warnings = find_conflicts([booking], exclude)
    size = len(booking.client_ids)
    if people.group is not None:
        size = len(
            roster_on(memberships(day, day, group_ids=[people.group.id]), people.group.id, day)
        )
    warning = capacity_warning(booking.room_id, size)
    if warning:
        warnings.insert(0, warning)
    return people, booking, confirm_or_raise(warnings, override_reason)


def _booked(people: People, booking: Booking, form: AppointmentForm, reason: str) -> str:
    """What the audit trail says of a booking."""
    return (
        f"{KINDS.get(people.kind)} '{people.title}' on {booking.day.isoformat()} "
        f"{form.start_time:%H:%M}-{form.end_time:%H:%M}"
        + (f"; despite conflicts: {reason}" if reason else "")
    )


@use_case("session.book", "schedule.edit", changes=("schedule",))
def create_appointment(actor: Actor, form: AppointmentForm, override_reason: str = "") -> Session:
    """Book one session on one day (double-booking and room size ask first)."""
    people, booking, reason = _checked(form, override_reason)
    session = Session.create(
        day=booking.day,
        start_time=form.start_time,
        end_time=form.end_time,
        kind=people.kind,
        title=people.title,
        group=booking.group_id,
        counselor=booking.counselor_id,
        room=booking.room_id,
        conflict_reason=reason,
    )
    for client in people.clients:
        SessionClient.create(session=session.id, client=client.id)
    describe(
        client_id=people.clients[0].id if people.clients else None,
        record_type="session",
        record_id=session.id,
        detail=f"booked {_booked(people, booking, form, reason)}",
    )
    return session


@use_case("session.edit", "schedule.edit", changes=("schedule",))
def edit_appointment(
    actor: Actor, session_id: int, form: AppointmentForm, override_reason: str = ""
) -> Session:
    """Change a single appointment (date, time, counselor, room, clients, title) before
    anything is recorded for it; a session of a weekly series is changed with its series."""
    session = _session(session_id)
    if session.series_id is not None:
        raise DomainError(
            "This session belongs to a weekly series: move just this session, or change the "
            "series from this date."
        )
    if session.status == "cancelled":
        raise DomainError("This appointment is cancelled: restore it before changing it.")
    _refuse_if_recorded(session, "changed")
    people, booking, reason = _checked(form, override_reason, exclude=(session.id,))
    Session.update(
        day=booking.day,
        start_time=form.start_time,
        end_time=form.end_time,
        kind=people.kind,
        title=people.title,
        group=booking.group_id,
        counselor=booking.counselor_id,
        room=booking.room_id,
        conflict_reason=reason,
    ).where(Session.id == session.id).execute()
    SessionClient.delete().where(SessionClient.session == session.id).execute()
    for client in people.clients:
        SessionClient.create(session=session.id, client=client.id)
    describe(
        client_id=people.clients[0].id if people.clients else None,
        record_type="session",
        record_id=session.id,
        detail=f"changed to {_booked(people, booking, form, reason)}",
    )
    return Session.get_by_id(session.id)


@use_case("session.cancel", "schedule.edit", changes=("schedule",))
def cancel_occurrence(actor: Actor, session_id: int, reason: str) -> Session:
    """Cancel one session with a reason; the rest of its series is untouched."""
    session = _session(session_id)
    errors = Collector()
    text = required_text(errors, "reason", reason, "The reason for cancelling", max_len=300)
    errors.raise_if_any()
    if session.status == "cancelled":
        raise DomainError("This session is already cancelled.")
    _refuse_if_recorded(session, "cancelled")
    Session.update(status="cancelled", cancel_reason=text).where(Session.id == session.id).execute()
    describe(
        client_id=_first_client(session.id),
        record_type="session",
        record_id=session.id,
        detail=f"cancelled '{session.title}' on {session.day.isoformat()}: {text}",
    )
    return _session(session_id)


@use_case("session.restore", "schedule.edit", changes=("schedule",))
def restore_occurrence(actor: Actor, session_id: int) -> Session:
    """Undo a cancellation (not on a day the clinic is closed)."""
    session = _session(session_id)
    if session.status != "cancelled":
        raise DomainError("This session is not cancelled.")
    closure = closed_name(session.day)
    if closure is not None:
        raise DomainError(
            f"The clinic is closed on {formats.show_date(session.day)} ({closure}); move the "
            "session to another day instead."
        )
    Session.update(status="scheduled", cancel_reason="").where(Session.id == session.id).execute()
    describe(
        client_id=_first_client(session.id),
        record_type="session",
        record_id=session.id,
        detail=f"restored '{session.title}' on {session.day.isoformat()}",
    )
    return _session(session_id)


@use_case("session.move", "schedule.edit", changes=("schedule",))
def move_occurrence(
    actor: Actor,
    session_id: int,
    new_day: dt.date | str | None,
    new_start: dt.time | None,
    new_end: dt.time | None,
    override_reason: str = "",
) -> Session:
    """Move one session to another day or time; its series and identity stay the same."""
    session = _session(session_id)
    errors = Collector()
    day = date_field(errors, "day", new_day, "New date", earliest=EARLIEST, latest=LATEST)
    weekdays = frozenset({day.weekday()}) if day else frozenset({0})
    check_times(errors, new_start, new_end, weekdays, day, day)
    check_open(errors, "day", day)
    errors.raise_if_any()
    assert day is not None and new_start is not None and new_end is not None
    if session.status == "cancelled":
        raise DomainError("A cancelled session cannot be moved; restore it first.")
    _refuse_if_recorded(session, "moved")
    clients = frozenset(booked_clients([session.id]).get(session.id, set()))
    booking = Booking(
        day, new_start, new_end, session.counselor_id, session.room_id, session.group_id, clients
    )
    reason = confirm_or_raise(find_conflicts([booking], exclude=[session.id]), override_reason)
    moved = False
    if session.series_id is not None:
        series = SessionSeries.get_by_id(session.series_id)
        moved = (day, new_start, new_end) != (
            session.original_date,
            series.start_time,
            series.end_time,
        )
    changes: dict[str, object] = {
        "day": day,
        "start_time": new_start,
        "end_time": new_end,
        "moved": moved,
    }
    if reason:
        changes["conflict_reason"] = reason
    Session.update(**changes).where(Session.id == session.id).execute()
    describe(
        client_id=next(iter(sorted(clients)), None),
        record_type="session",
        record_id=session.id,
        detail=f"moved '{session.title}' from {session.day.isoformat()} "
        f"{session.start_time:%H:%M} to {day.isoformat()} {new_start:%H:%M}-{new_end:%H:%M}"
        + (f"; despite conflicts: {reason}" if reason else ""),
    )
    return _session(session_id)


def cancel_future_for_client(client_id: int, discharge_date: dt.date, reason: str) -> int:
    """Cancel a client's individual/family bookings after ``discharge_date`` (discharge uses it).

    Not a use case: the caller's own transaction and audit row cover it. The discharge day
    itself is kept (the client may have come that day), and so is every session that already
    has attendance or notes: records never lose their session. Sessions shared with other
    clients keep going without this client; the client's own series end on the discharge day.
    Returns how many sessions were cancelled or left.
    """
    text = (reason or "Client discharged").strip()[:300]
    booked = (
        Session.select(Session.id, Session.status)
        .join(SessionClient)
        .where(
            (SessionClient.client == client_id)
            & (Session.day > discharge_date)
            & (Session.kind != "group")
        )
    )
    scheduled = [s.id for s in booked if s.status == "scheduled"]
    recorded = has_records(scheduled)
    ids = [i for i in scheduled if i not in recorded]
    clients = booked_clients(ids)
    alone = [i for i in ids if clients.get(i, set()) <= {client_id}]
    shared = [i for i in ids if i not in alone]
    if alone:
        Session.update(status="cancelled", cancel_reason=text).where(
            Session.id.in_(alone)
        ).execute()
    if shared:
        SessionClient.delete().where(
            (SessionClient.client == client_id) & (SessionClient.session.in_(shared))
        ).execute()
    running = SessionSeries.select().where(
        (SessionSeries.client == client_id)
        & (SessionSeries.last_date.is_null() | (SessionSeries.last_date > discharge_date))
    )
    for series in running:
        last = max(series.first_date, discharge_date)
        SessionSeries.update(last_date=last, horizon=min(series.horizon or last, last)).where(
            SessionSeries.id == series.id
        ).execute()
    return len(ids)


def is_closure(session: Session) -> bool:
    """True when a session is cancelled only because the clinic is closed that day."""
    return session.status == "cancelled" and session.cancel_reason.startswith(CLOSED_PREFIX)
