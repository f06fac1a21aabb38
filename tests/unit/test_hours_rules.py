"""Pure rules for hours attended: ISO weeks, the weekly minimum, short days, minutes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iopdesk.domain.hours import (
    ABSENT_STATUSES,
    ATTENDED_STATUSES,
    attendance_rate,
    default_minutes,
    hours_text,
    minutes_problem,
    session_minutes,
    week_days,
    week_start,
    weekly_hours,
)


def test_week_runs_monday_to_sunday_across_a_year_boundary():
    # 2025-12-31 is a Wednesday; its ISO week starts Monday 2025-12-29 and ends 2026-01-04.
    assert week_days(dt.date(2025, 12, 31)) == (dt.date(2025, 12, 29), dt.date(2026, 1, 4))
    assert week_start(dt.date(2026, 1, 4)) == dt.date(2025, 12, 29)
    assert week_start(dt.date(2026, 1, 5)) == dt.date(2026, 1, 5)


def test_sunday_and_next_monday_fall_in_different_weeks():
    weeks = weekly_hours([(dt.date(2026, 1, 4), 180), (dt.date(2026, 1, 5), 180)], 9)
    assert sorted(weeks) == [dt.date(2025, 12, 29), dt.date(2026, 1, 5)]
    assert all(w.minutes == 180 for w in weeks.values())


def test_adult_week_below_and_at_minimum():
    monday = dt.date(2026, 3, 2)
    three_days = [(monday + dt.timedelta(days=i), 180) for i in range(3)]
    week = weekly_hours(three_days, 9)[monday]
    assert week.minutes == 540 and not week.below_minimum and week.full_days == 3
    short = weekly_hours([*three_days[:2], (monday + dt.timedelta(days=2), 179)], 9)[monday]
    assert short.below_minimum
    assert short.short_days == (monday + dt.timedelta(days=2),)


def test_adolescent_minimum_is_six_hours():
    monday = dt.date(2026, 3, 2)
    week = weekly_hours([(monday, 180), (monday + dt.timedelta(days=1), 180)], 6)[monday]
    assert not week.below_minimum and week.minimum_minutes == 360


def test_two_sessions_on_one_day_add_up_before_the_three_hour_check():
    day = dt.date(2026, 3, 3)
    week = weekly_hours([(day, 120), (day, 60)], 9)[week_start(day)]
    assert week.short_days == () and week.days_attended == 1


def test_day_with_only_absences_is_not_a_short_day():
    day = dt.date(2026, 3, 3)
    week = weekly_hours([(day, 0)], 9)[week_start(day)]
    assert week.short_days == () and week.days_attended == 0 and week.below_minimum


def test_minutes_rules():
    assert minutes_problem("present", 180, 180) is None
    assert "negative" in minutes_problem("present", -1, 180)
    assert "180" in minutes_problem("late", 181, 180)
    assert "absent" in minutes_problem("absent_excused", 30, 180).lower()
    assert minutes_problem("absent_unexcused", 0, 180) is None
    assert "absent" in minutes_problem("present", 0, 180)
    assert default_minutes("absent_excused", 180) == 0
    assert default_minutes("present", 180) == 180


@pytest.mark.parametrize("status", ["late", "left_early"])
def test_late_and_left_early_have_no_default_and_need_fewer_minutes_than_the_session(status):
    # The whole session for someone who came late would inflate hours and the 3-hour day.
    assert default_minutes(status, 180) is None
    assert "less than the session's 180 minutes" in minutes_problem(status, 180, 180)
    assert "more than 0" in minutes_problem(status, 0, 180)
    assert minutes_problem(status, 1, 180) is None
    assert minutes_problem(status, 179, 180) is None


@given(
    st.sampled_from(sorted(ABSENT_STATUSES | ATTENDED_STATUSES)),
    st.integers(min_value=-1000, max_value=1000),
    st.integers(min_value=2, max_value=600),
)
def test_minutes_rule_accepts_exactly_what_the_status_allows(status, minutes, length):
    if status in ABSENT_STATUSES:
        allowed = minutes == 0
    elif status == "present":
        allowed = 0 < minutes <= length
    else:
        allowed = 0 < minutes < length
    assert (minutes_problem(status, minutes, length) is None) == allowed


def test_session_minutes_and_text():
    assert session_minutes(dt.time(9), dt.time(12)) == 180
    assert session_minutes(dt.time(12), dt.time(9)) == 0
    assert hours_text(450) == "7 h 30 min"
    assert hours_text(540) == "9 h"
    assert hours_text(45) == "45 min"


def test_attendance_rate():
    assert attendance_rate([]) is None
    assert attendance_rate(["present", "late", "absent_excused", "absent_unexcused"]) == 0.5


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)),
            st.integers(min_value=0, max_value=600),
        ),
        max_size=60,
    )
)
def test_weeks_partition_every_minute(entries):
    weeks = weekly_hours(entries, 9)
    assert sum(w.minutes for w in weeks.values()) == sum(m for _, m in entries)
    for monday, week in weeks.items():
        assert monday.weekday() == 0
        assert all(monday <= d <= monday + dt.timedelta(days=6) for d, _ in week.minutes_by_day)
        assert week.below_minimum == (week.minutes < 540)
