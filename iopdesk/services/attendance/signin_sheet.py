"""The paper sign-in sheet of a session: built from the roster, rendered and audited in one use
case (a group's session on a date is found first)."""

from __future__ import annotations

import datetime as dt

import peewee as pw

from iopdesk.db.models.calendar import Group, Room, Session
from iopdesk.domain import formats
from iopdesk.domain.validators import date_field
from iopdesk.errors import Collector, NotFound
from iopdesk.reports.document import Letterhead
from iopdesk.reports.printout import safe_file_name
from iopdesk.reports.signin_sheet import SigninSheetData, render_signin_sheet
from iopdesk.services.admin.clinic import clinic_info
from iopdesk.services.attendance.session_facts import fmt_time, get_session, session_staff_names
from iopdesk.services.attendance.sheet import expected_clients
from iopdesk.services.context import Actor, describe, use_case


def signin_data(session: Session) -> SigninSheetData:
    """The sheet's content: roster (or booked clients) on the session's date."""
    info = clinic_info()
    room = Room.get_or_none(Room.id == session.room_id) if session.room_id else None
    return SigninSheetData(
        Letterhead(info.name, info.address, info.phone, info.program_label),
        session.title,
        f"{session.day:%A %B} {session.day.day}, {session.day.year}",
        f"{fmt_time(session.start_time)} – {fmt_time(session.end_time)}",
        room.name if room else "",
        tuple(session_staff_names(session)),
        tuple(name for _, name, _ in expected_clients(session)),
        session.status == "cancelled",
    )


@use_case("signin.print", "schedule.view", kind="read")
def signin_sheet(actor: Actor, session_id: int) -> bytes:
    """The sign-in sheet PDF of one session."""
    session = get_session(session_id)
    describe(record_type="session", record_id=session_id, detail="printed sign-in sheet")
    return render_signin_sheet(signin_data(session))


@use_case("signin.find", "schedule.view", kind="read", audited=False)
def group_session_on(actor: Actor, group_name: str, day: dt.date | str | None) -> int:
    """The id of a group's (first) session on a date, found by group name (for `iopdesk
    print signin`)."""
    errors = Collector()
    when = date_field(errors, "date", day, "Date")
    errors.raise_if_any()
    assert when is not None
    name = str(group_name or "").strip()
    group = Group.get_or_none(pw.fn.LOWER(Group.name) == name.lower())
    if group is None:
        raise NotFound(f"There is no group called {name!r}.")
    sessions = list(
        Session.select()
        .where((Session.group == group.id) & (Session.day == when))
        .order_by(Session.start_time)
    )
    if not sessions:
        raise NotFound(f"{group.name} has no session on {formats.show_date(when)}.")
    return sessions[0].id


def suggested_file_name(title: str, day: dt.date) -> str:
    """``sign-in-Relapse-Prevention-2026-03-02.pdf``."""
    return f"sign-in-{safe_file_name(title) or 'session'}-{day.isoformat()}.pdf"
