"""The demo's attendance: rolling rosters, realistic marks, notes, tests."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.attendance import Attendance, DrugTest, GroupNote, ProgressNote
from iopdesk.db.models.calendar import RosterMembership, Session
from iopdesk.db.models.core import Staff
from iopdesk.domain.hours import ABSENT_STATUSES
from iopdesk.services.admin.auth import actor_for
from iopdesk.services.attendance import missing_records, weekly_hours


def test_demo_attendance_follows_rosters_with_notes_and_tests(demo):
    assert Attendance.select().count() > 1000
    bad = (
        Attendance.select()
        .join(Session)
        .join(
            RosterMembership,
            on=(
                (RosterMembership.group == Session.group)
                & (RosterMembership.client == Attendance.client)
            ),
        )
        .where(
            (Session.day < RosterMembership.start_date)
            | (RosterMembership.end_date.is_null(False) & (Session.day > RosterMembership.end_date))
        )
        .count()
    )
    assert bad == 0
    assert Attendance.select().join(Session).where(Session.day >= demo.today).count() == 0
    statuses = [a.status for a in Attendance.select(Attendance.status)]
    absent = sum(s in ABSENT_STATUSES for s in statuses) / len(statuses)
    assert 0.03 < absent < 0.3
    assert all(
        a.minutes == 0
        for a in Attendance.select().where(Attendance.status.in_(list(ABSENT_STATUSES)))
    )
    assert GroupNote.select().count() > 0 and ProgressNote.select().count() > 0
    assert ProgressNote.select().where(ProgressNote.signed_at.is_null()).exists()
    assert DrugTest.select().count() > len(demo.active_clients())
    clinician = actor_for(Staff.get(Staff.username == "mhernandez"))
    rows = weekly_hours.weekly_hours(clinician, demo.today - dt.timedelta(days=7))
    assert len(rows) == len(demo.active_clients())
    assert any(r.below_minimum for r in rows) and any(not r.below_minimum for r in rows)
    assert missing_records.missing_attendance(
        clinician, now=dt.datetime.combine(demo.today, dt.time(8))
    )


def test_every_demo_attendance_row_obeys_the_minutes_rules(demo):
    from iopdesk.db.models.calendar import Session
    from iopdesk.domain.hours import minutes_problem, session_minutes

    rows = Attendance.select(Attendance, Session).join(Session)
    problems = [
        (a.status, a.minutes)
        for a in rows
        if minutes_problem(
            a.status, a.minutes, session_minutes(a.session.start_time, a.session.end_time)
        )
    ]
    assert problems == []
