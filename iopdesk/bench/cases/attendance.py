"""Attendance figures: open a sheet, save a full group's sheet, weekly hours, Today's lists."""

from __future__ import annotations

import datetime as dt

import peewee as pw

from iopdesk.bench import BenchCase
from iopdesk.db.models.attendance import Attendance
from iopdesk.db.models.calendar import Session
from iopdesk.services.attendance import missing_records, weekly_hours
from iopdesk.services.attendance import sheet as attendance
from iopdesk.services.attendance.sheet import AttendanceEntry

_busiest: dict[str, int] = {}


def _full_session() -> int:
    """The recent past group session with the most people marked (a full group)."""
    if "id" not in _busiest:
        today = dt.date.today()
        row = (
            Attendance.select(Attendance.session, pw.fn.COUNT(Attendance.id).alias("n"))
            .join(Session)
            .where(
                Session.day.between(today - dt.timedelta(days=14), today - dt.timedelta(days=1))
                & (Session.kind == "group")
                & (Session.status != "cancelled")
            )
            .group_by(Attendance.session)
            .order_by(pw.SQL("n").desc())
            .first()
        )
        if row is None:
            raise RuntimeError("the demo clinic has no recorded group session in the last 2 weeks")
        _busiest["id"] = row.session_id
    return _busiest["id"]


def _open_sheet(actors) -> None:
    attendance.sheet(actors["clinician"], _full_session())


def _save_sheet(actors) -> None:
    clinician = actors["clinician"]
    session = _full_session()
    sheet = attendance.sheet(clinician, session)
    entries = [
        AttendanceEntry(r.client_id, r.status or "present", r.minutes if r.status else None,
                        r.guest)
        for r in sheet.rows
    ]  # fmt: skip
    attendance.save_sheet(clinician, session, entries)


def _weekly_hours(actors) -> None:
    weekly_hours.weekly_hours(actors["front_desk"], dt.date.today())


def _missing(actors) -> None:
    missing_records.missing_attendance(actors["clinician"])


def _history(actors) -> None:
    sheet = attendance.sheet(actors["clinician"], _full_session())
    weekly_hours.attendance_history(actors["clinician"], sheet.rows[0].client_id)


CASES = [
    BenchCase("attendance: open a group's sheet", 100, _open_sheet),
    BenchCase("attendance: save a full group's sheet", 100, _save_sheet),
    BenchCase("attendance: weekly hours, all active clients", 200, _weekly_hours),
    BenchCase("attendance: missing attendance and notes (Today)", 100, _missing),
    BenchCase("attendance: a client's attendance history (chart)", 100, _history),
]
