"""The attendance letter for a period (with drug test results when asked): the data built from
the attendance and drug test records, rendered as a copy for internal use, for the client, or
for a release (services.clients.releases decides which and logs a release)."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.attendance import STATUSES, Attendance
from iopdesk.db.models.calendar import Session
from iopdesk.db.models.core import Episode
from iopdesk.domain.hours import ABSENT_STATUSES
from iopdesk.domain.validators import date_field
from iopdesk.errors import Collector
from iopdesk.reports.attendance_letter import (
    AttendanceLetter,
    SessionLine,
    TestLine,
    render_attendance_letter,
)
from iopdesk.reports.copies import Copy
from iopdesk.reports.printout import Printout, safe_file_name
from iopdesk.services.admin.clinic import clinic_letterhead
from iopdesk.services.aftercare.discharge import client_or_404, counselor_name
from iopdesk.services.attendance.drug_tests import tests_between
from iopdesk.services.attendance.session_facts import fmt_time


def letter_period(start: object, end: object) -> tuple[dt.date, dt.date]:
    """The letter's period, checked: both dates, the end not before the start nor after
    today."""
    errors = Collector()
    first = date_field(errors, "start", start, "From")
    last = date_field(errors, "end", end, "To")
    if first and last:
        if last < first:
            errors.add("end", "The period cannot end before it starts.")
        elif last > dt.date.today():
            errors.add("end", "The period cannot end after today: a letter reports what "
                       "happened.")  # fmt: skip
    errors.raise_if_any()
    assert first is not None and last is not None
    return first, last


def letter_label(start: dt.date, end: dt.date, with_drug_tests: bool) -> str:
    """How a letter is named in the disclosure log."""
    kind = "Attendance and drug test letter" if with_drug_tests else "Attendance letter"
    return f"{kind}, {start.isoformat()} to {end.isoformat()}"


def _sessions(client_id: int, start: dt.date, end: dt.date) -> tuple[SessionLine, ...]:
    rows = (
        Attendance.select(Attendance, Session)
        .join(Session)
        .where(
            (Attendance.client == client_id)
            & Session.day.between(start, end)
            & (Session.status != "cancelled")  # a cancelled session was not attended
        )
        .order_by(Session.day, Session.start_time)
    )
    return tuple(
        SessionLine(
            a.session.day,
            a.session.title,
            f"{fmt_time(a.session.start_time)}–{fmt_time(a.session.end_time)}",
            STATUSES.get(a.status, a.status),
            a.minutes,
            a.status in ABSENT_STATUSES,
            a.status == "absent_excused",
            a.absence_reason,
        )
        for a in rows
    )


def letter_copy(
    client_id: int, start: object, end: object, with_drug_tests: bool, copy: Copy
) -> tuple[str, Printout[AttendanceLetter]]:
    """The letter for ``start`` to ``end`` rendered as ``copy`` (call inside a use case that
    checked the reader may see attendance, and drug tests when ``with_drug_tests``)."""
    client = client_or_404(client_id)
    first, last = letter_period(start, end)
    episode = (
        Episode.select()
        .where((Episode.client == client_id) & (Episode.referral_date <= last))
        .order_by(Episode.number.desc())
        .first()
    )
    tests = (
        tuple(
            TestLine(t.collected_on, t.specimen_label, t.observed,
                     (t.summary or "No result recorded")
                     + (f" (panel: {t.panel})" if t.panel else ""))
            for t in tests_between(client_id, first, last)
        )
        if with_drug_tests
        else ()
    )  # fmt: skip
    letterhead = clinic_letterhead()
    letter = AttendanceLetter(
        letterhead,
        client.full_name,
        client.date_of_birth,
        client.record_number,
        letterhead.program,
        episode.admission_date if episode else None,
        first,
        last,
        _sessions(client_id, first, last),
        with_drug_tests,
        tests,
        counselor_name(episode, client) if episode else "",
        dt.date.today(),
        copy,
    )
    name = safe_file_name(f"letter-{client.record_number}-{first.isoformat()}-{last.isoformat()}")
    printout = Printout(letter, render_attendance_letter(letter), f"{name}.pdf")
    return letter_label(first, last, with_drug_tests), printout
