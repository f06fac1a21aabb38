"""Weekly hours for active clients and a client's attendance history."""

from __future__ import annotations

import datetime as dt

from iopdesk.services.attendance import sheet as attendance
from iopdesk.services.attendance import weekly_hours
from iopdesk.services.attendance.sheet import AttendanceEntry as E
from iopdesk.services.groups import roster
from tests.factories.attendance import make_group, make_session
from tests.factories.clients import make_client

MONDAY = dt.date.today() - dt.timedelta(days=dt.date.today().weekday() + 14)


def _week(clinician, days, minutes_each, client, group, kind="group"):
    for offset in days:
        s = make_session(group, MONDAY + dt.timedelta(days=offset), kind=kind)
        attendance.save_sheet(clinician, s, [E(client, "present", minutes_each)])


def test_weekly_hours_flags_below_minimum_and_short_days(clinician, front_desk):
    group = make_group()
    full, short = make_client("Full", "Week"), make_client("Short", "Week")
    teen = make_client("Teen", "Ager", program="adolescent")
    for cid in (full, short, teen):
        roster.add_member(clinician, group, cid, MONDAY - dt.timedelta(days=7))
    _week(clinician, [0, 2, 4], 180, full, group)
    _week(clinician, [0, 2, 4], 150, short, group)
    _week(clinician, [0, 2], 180, teen, group)
    # a session the next Monday must not count in this week
    _week(clinician, [7], 180, short, group)
    rows = {r.client_id: r for r in weekly_hours.weekly_hours(front_desk, MONDAY + dt.timedelta(3))}
    assert rows[full].week.minutes == 540 and not rows[full].below_minimum
    assert rows[short].week.minutes == 450 and rows[short].below_minimum
    assert len(rows[short].week.short_days) == 3
    assert rows[teen].week.minutes == 360 and not rows[teen].below_minimum
    assert rows[teen].week.minimum_minutes == 360


def test_cancelled_and_non_core_sessions_do_not_count(clinician, front_desk):
    client = make_client()
    s = make_session(None, MONDAY, kind="assessment", client_ids=(client,))
    attendance.save_sheet(clinician, s, [E(client, "present")])
    rows = {r.client_id: r for r in weekly_hours.weekly_hours(front_desk, MONDAY)}
    assert rows[client].week.minutes == 0


def test_client_still_scheduled_this_week_can_reach_the_minimum(clinician, front_desk):
    group = make_group()
    client = make_client()
    roster.add_member(clinician, group, client, MONDAY)
    monday = MONDAY + dt.timedelta(days=14)  # this week
    for offset in range(3):
        make_session(group, monday + dt.timedelta(days=offset), dt.time(18), dt.time(21))
    moment = dt.datetime.combine(monday, dt.time(8))
    row = next(
        r
        for r in weekly_hours.weekly_hours(front_desk, monday, now=moment)
        if r.client_id == client
    )
    assert row.scheduled_minutes == 540 and row.below_minimum and not row.cannot_reach_minimum


def test_attendance_history_rate_and_weeks(clinician):
    group = make_group()
    client = make_client()
    roster.add_member(clinician, group, client, MONDAY)
    s1, s2 = make_session(group, MONDAY), make_session(group, MONDAY + dt.timedelta(days=8))
    attendance.save_sheet(clinician, s1, [E(client, "present")])
    attendance.save_sheet(clinician, s2, [E(client, "absent_unexcused")])
    history = weekly_hours.attendance_history(clinician, client)
    assert [r.session_id for r in history.rows] == [s2, s1]
    assert history.rate == 0.5 and history.rate_text == "50%"
    assert [w.minutes for w in history.weeks] == [0, 180]
    assert history.weeks_below_minimum == 2
