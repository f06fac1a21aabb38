"""Weekly attendance against the IOP minimum and no-shows per group, for three weeks of
January 2025 worked out by hand: an adult, an adolescent admitted on a Tuesday, a client
discharged on a Saturday, and a week with a clinic closed day (Monday 20 January)."""

from __future__ import annotations

import pytest

from iopdesk.db.models.calendar import ClosedDay
from iopdesk.services.reports import attendance
from tests.factories.attendance import make_group
from tests.factories.reports import D, admit, attend, period
from tests.unit.report_helpers import csv_lines

WEEKS = period(D(2025, 1, 6), D(2025, 1, 26))  # Mondays 6, 13 and 20 January


@pytest.fixture
def january(clinician):
    group = make_group("Relapse Prevention")
    ann, _ = admit(clinician, D(2025, 1, 1), name="Ann")
    bo, _ = admit(clinician, D(2025, 1, 7), program="adolescent", name="Bo")
    cal, _ = admit(clinician, D(2024, 12, 1), D(2025, 1, 25), name="Cal")
    # Ann: 3 x 180 = 540; then 60 individual + 180 group + 120 family (an assessment does
    # not count) = 360; then the closed Monday's cancelled session does not count = 360.
    for day in (6, 8, 10):
        attend(ann, D(2025, 1, day), 180, group=group if day == 6 else None)
    attend(ann, D(2025, 1, 13), 60, kind="individual")
    attend(ann, D(2025, 1, 14), 60, kind="assessment")
    attend(ann, D(2025, 1, 15), 180)
    attend(ann, D(2025, 1, 17), 120, kind="family")
    ClosedDay.create(day=D(2025, 1, 20), name="Martin Luther King Jr. Day")
    attend(ann, D(2025, 1, 20), 180, group=group, cancelled=True)
    attend(ann, D(2025, 1, 22), 180)
    attend(ann, D(2025, 1, 24), 180)
    attend(ann, D(2025, 1, 27), 180)  # after the period
    # Bo (adolescent, 6 hours): the admission week does not count; 360; then 359.
    for day, minutes in ((8, 180), (13, 180), (15, 180), (21, 180), (23, 179)):
        attend(bo, D(2025, 1, day), minutes)
    # Cal: absent all week (0), then 540; discharged on Saturday 25th: that week does not count.
    attend(cal, D(2025, 1, 6), 0, group=group, status="absent_unexcused")
    attend(cal, D(2025, 1, 8), 0, group=group, status="absent_excused")
    for day in (13, 15, 17, 21):
        attend(cal, D(2025, 1, day), 180)


def test_each_client_week_in_care_all_seven_days(january, admin):
    printout = attendance.export_attendance(admin, WEEKS, "csv")
    assert csv_lines(printout.content) == [
        "record_number,week_start,minutes,met_minimum",
        "IOP-000001,2025-01-06,540,yes",
        "IOP-000003,2025-01-06,0,no",
        "IOP-000001,2025-01-13,360,no",
        "IOP-000002,2025-01-13,360,yes",
        "IOP-000003,2025-01-13,540,yes",
        "IOP-000001,2025-01-20,360,no",
        "IOP-000002,2025-01-20,359,no",
    ]
    assert printout.file_name.endswith("-internal-use.csv")


def test_the_adolescent_minimum_applies_to_adolescent_episodes(january, admin):
    view = attendance.view_attendance(admin, period(WEEKS.start, WEEKS.end, "adolescent"))
    rows = view.figures.tables[0].rows
    assert [(r[0], r[3], r[4]) for r in rows] == [("IOP-000002", 360, "yes"),
                                                  ("IOP-000002", 359, "no")]  # fmt: skip


def test_no_shows_per_group_leave_cancelled_sessions_out(january, admin):
    view = attendance.view_attendance(admin, WEEKS)
    assert view.figures.tables[1].rows == (("Relapse Prevention", 3, 3, 1, "33.3%"),)
    assert view.figures.summary[0].startswith("7 client-weeks")
    assert "3 (42.9%) met the weekly minimum" in view.figures.summary[0]


def test_a_period_shorter_than_a_whole_week_has_no_client_weeks(january, admin):
    view = attendance.view_attendance(admin, period(D(2025, 1, 7), D(2025, 1, 12)))
    assert view.figures.tables[0].rows == ()
