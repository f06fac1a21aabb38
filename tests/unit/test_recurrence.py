"""Weekly session series: expansion, cancellations, moves, closed days, splitting, validation."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iopdesk.domain.recurrence import (
    Occurrence,
    OccurrenceChange,
    WeeklyPattern,
    expand,
    occurrences,
    overlaps,
    split_from,
)
from iopdesk.errors import ValidationError

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def evening_group(
    weekdays: set[int], first: date, last: date | None = None, start: int = 18, end: int = 21
) -> WeeklyPattern:
    """An evening track group: 6-9 pm by default."""
    return WeeklyPattern(frozenset(weekdays), time(start), time(end), first, last)


def field_errors(pattern_or_change: WeeklyPattern | OccurrenceChange) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        pattern_or_change.validate()
    return caught.value.fields


# --- expansion ---------------------------------------------------------------------------------


def test_expansion_across_month_end() -> None:
    pattern = evening_group({MON, WED, FRI}, date(2026, 1, 5))
    assert expand(pattern, date(2026, 1, 26), date(2026, 2, 6)) == [
        date(2026, 1, 26),
        date(2026, 1, 28),
        date(2026, 1, 30),
        date(2026, 2, 2),
        date(2026, 2, 4),
        date(2026, 2, 6),
    ]


def test_expansion_across_year_end() -> None:
    pattern = evening_group({MON, THU}, date(2025, 9, 1))
    assert expand(pattern, date(2025, 12, 29), date(2026, 1, 5)) == [
        date(2025, 12, 29),
        date(2026, 1, 1),
        date(2026, 1, 5),
    ]


def test_expansion_stays_within_first_and_last_date() -> None:
    pattern = evening_group({TUE, THU}, date(2026, 3, 5), date(2026, 3, 17))
    assert expand(pattern, date(2026, 3, 1), date(2026, 3, 31)) == [
        date(2026, 3, 5),
        date(2026, 3, 10),
        date(2026, 3, 12),
        date(2026, 3, 17),
    ]


def test_expansion_of_an_old_series_starts_at_the_range() -> None:
    pattern = evening_group({SAT}, date(2000, 1, 1))
    assert expand(pattern, date(2099, 12, 27), date(2100, 1, 9)) == [
        date(2100, 1, 2),
        date(2100, 1, 9),
    ]


def test_empty_or_reversed_ranges_hold_nothing() -> None:
    pattern = evening_group({MON}, date(2026, 1, 5), date(2026, 2, 2))
    assert expand(pattern, date(2026, 1, 20), date(2026, 1, 10)) == []
    assert expand(pattern, date(2026, 3, 1), date(2026, 3, 31)) == []
    assert expand(pattern, date(2025, 12, 1), date(2026, 1, 4)) == []


def test_wall_clock_time_and_length_hold_across_both_2026_dst_changes() -> None:
    # US daylight saving time starts Sunday 2026-03-08 and ends Sunday 2026-11-01.
    pattern = evening_group({SAT, SUN, MON}, date(2026, 1, 1), date(2026, 12, 31))
    for first, last in (
        (date(2026, 3, 1), date(2026, 3, 16)),
        (date(2026, 10, 25), date(2026, 11, 9)),
    ):
        found = occurrences(pattern, first, last, {}, {})
        assert len(found) == 8  # Sun, Mon, Sat, Sun (change day), Mon, Sat, Sun, Mon
        assert {item.start.time() for item in found} == {time(18)}
        assert {item.end - item.start for item in found} == {timedelta(hours=3)}
    boundary = occurrences(pattern, date(2026, 3, 8), date(2026, 3, 8), {}, {})
    assert boundary == [
        Occurrence(
            date(2026, 3, 8),
            datetime(2026, 3, 8, 18),
            datetime(2026, 3, 8, 21),
            cancelled=False,
            cancel_reason="",
            moved=False,
            closed_day=False,
        )
    ]


# --- changes and closed days -------------------------------------------------------------------

WEEK_OF_MARCH_9 = (date(2026, 3, 9), date(2026, 3, 15))


def test_a_cancelled_session_stays_visible_with_its_reason() -> None:
    pattern = evening_group({MON, WED}, date(2026, 1, 5))
    changes = {date(2026, 3, 11): OccurrenceChange(date(2026, 3, 11), True, "Facilitator ill")}
    found = occurrences(pattern, *WEEK_OF_MARCH_9, changes, {})
    assert [(item.original_date, item.cancelled, item.cancel_reason) for item in found] == [
        (date(2026, 3, 9), False, ""),
        (date(2026, 3, 11), True, "Facilitator ill"),
    ]
    assert found[1].start == datetime(2026, 3, 11, 18)
    assert not found[1].moved and not found[1].closed_day


def test_a_move_within_the_range_changes_time_and_order() -> None:
    pattern = evening_group({MON, WED}, date(2026, 1, 5))
    new_start = datetime(2026, 3, 8, 10)  # Wednesday's session pulled forward to Sunday morning
    changes = {date(2026, 3, 11): OccurrenceChange(date(2026, 3, 11), False, "", new_start)}
    found = occurrences(pattern, date(2026, 3, 8), date(2026, 3, 15), changes, {})
    assert [(item.original_date, item.start, item.end, item.moved) for item in found] == [
        (date(2026, 3, 11), new_start, datetime(2026, 3, 8, 13), True),
        (date(2026, 3, 9), datetime(2026, 3, 9, 18), datetime(2026, 3, 9, 21), False),
    ]


def test_a_session_moved_out_of_the_range_leaves_it() -> None:
    pattern = evening_group({MON, WED}, date(2026, 1, 5))
    change = OccurrenceChange(
        date(2026, 3, 11),
        False,
        new_start=datetime(2026, 3, 16, 9),
        new_end=datetime(2026, 3, 16, 11),
    )
    found = occurrences(pattern, *WEEK_OF_MARCH_9, {change.original_date: change}, {})
    assert [item.original_date for item in found] == [date(2026, 3, 9)]
    next_week = occurrences(
        pattern, date(2026, 3, 16), date(2026, 3, 22), {change.original_date: change}, {}
    )
    assert [(item.original_date, item.start, item.end) for item in next_week] == [
        (date(2026, 3, 11), datetime(2026, 3, 16, 9), datetime(2026, 3, 16, 11)),
        (date(2026, 3, 16), datetime(2026, 3, 16, 18), datetime(2026, 3, 16, 21)),
        (date(2026, 3, 18), datetime(2026, 3, 18, 18), datetime(2026, 3, 18, 21)),
    ]


def test_a_session_moved_into_the_range_appears_there() -> None:
    pattern = evening_group({MON, WED}, date(2026, 1, 5))
    change = OccurrenceChange(date(2026, 3, 4), False, new_start=datetime(2026, 3, 13, 17))
    found = occurrences(pattern, *WEEK_OF_MARCH_9, {change.original_date: change}, {})
    assert [(item.original_date, item.start, item.moved) for item in found] == [
        (date(2026, 3, 9), datetime(2026, 3, 9, 18), False),
        (date(2026, 3, 11), datetime(2026, 3, 11, 18), False),
        (date(2026, 3, 4), datetime(2026, 3, 13, 17), True),
    ]


def test_changes_for_days_the_series_does_not_meet_are_ignored() -> None:
    pattern = evening_group({MON}, date(2026, 3, 2), date(2026, 3, 30))
    stray = {
        date(2026, 3, 3): OccurrenceChange(
            date(2026, 3, 3), False, new_start=datetime(2026, 3, 10, 9)
        ),
        date(2026, 2, 23): OccurrenceChange(
            date(2026, 2, 23), False, new_start=datetime(2026, 3, 11, 9)
        ),
    }
    found = occurrences(pattern, *WEEK_OF_MARCH_9, stray, {})
    assert [item.original_date for item in found] == [date(2026, 3, 9)]


def test_closed_days_cancel_sessions_visibly() -> None:
    pattern = evening_group({MON, WED}, date(2026, 5, 1))
    found = occurrences(
        pattern, date(2026, 5, 25), date(2026, 5, 27), {}, {date(2026, 5, 25): "Memorial Day"}
    )
    assert [(item.cancelled, item.cancel_reason, item.closed_day) for item in found] == [
        (True, "Clinic closed: Memorial Day", True),
        (False, "", False),
    ]


def test_moves_onto_and_off_a_closed_day() -> None:
    pattern = evening_group({MON, WED}, date(2026, 8, 31))
    closed = {date(2026, 9, 7): "Labor Day"}
    changes = {
        # Monday's Labor Day session made up on Tuesday: it happens.
        date(2026, 9, 7): OccurrenceChange(
            date(2026, 9, 7), False, new_start=datetime(2026, 9, 8, 18)
        ),
        # Wednesday's session wrongly moved onto the holiday: the closure cancels it.
        date(2026, 9, 9): OccurrenceChange(
            date(2026, 9, 9), False, new_start=datetime(2026, 9, 7, 12)
        ),
    }
    found = occurrences(pattern, date(2026, 9, 7), date(2026, 9, 13), changes, closed)
    assert [
        (item.original_date, item.start, item.cancelled, item.closed_day) for item in found
    ] == [
        (date(2026, 9, 9), datetime(2026, 9, 7, 12), True, True),
        (date(2026, 9, 7), datetime(2026, 9, 8, 18), False, False),
    ]
    assert found[0].cancel_reason == "Clinic closed: Labor Day"


# --- splitting a series ------------------------------------------------------------------------


def test_split_from_ends_the_earlier_part_the_day_before() -> None:
    pattern = evening_group({TUE, THU}, date(2026, 1, 6), date(2026, 6, 30))
    earlier, later = split_from(pattern, date(2026, 3, 3))
    assert earlier == evening_group({TUE, THU}, date(2026, 1, 6), date(2026, 3, 2))
    assert later == evening_group({TUE, THU}, date(2026, 3, 3), date(2026, 6, 30))


def test_split_from_the_first_day_or_earlier_leaves_no_earlier_part() -> None:
    pattern = evening_group({TUE}, date(2026, 1, 6))
    assert split_from(pattern, date(2026, 1, 6)) == (None, pattern)
    assert split_from(pattern, date(2025, 12, 1)) == (None, pattern)


def test_split_with_no_session_before_the_date_leaves_no_earlier_part() -> None:
    pattern = evening_group({MON}, date(2026, 1, 6))  # starts on a Tuesday; first session Jan 12
    earlier, later = split_from(pattern, date(2026, 1, 10))
    assert earlier is None
    assert later.first_date == date(2026, 1, 10)


def test_split_after_the_series_ended_is_refused() -> None:
    pattern = evening_group({MON}, date(2026, 1, 5), date(2026, 2, 2))
    with pytest.raises(ValidationError) as caught:
        split_from(pattern, date(2026, 2, 3))
    assert "from_date" in caught.value.fields


# --- validation --------------------------------------------------------------------------------


def test_a_sound_pattern_validates() -> None:
    evening_group({MON, WED, THU}, date(2026, 1, 5), date(2026, 4, 2)).validate()
    WeeklyPattern(
        frozenset({SAT}), time(8), time(20), date(2000, 1, 1), date(2100, 12, 31)
    ).validate()


@pytest.mark.parametrize(
    ("pattern", "field", "words"),
    [
        (evening_group(set(), date(2026, 1, 5)), "weekdays", "Choose at least one weekday."),
        (evening_group({7}, date(2026, 1, 5)), "weekdays", "Monday to Sunday"),
        (
            evening_group({MON}, date(2026, 1, 5), start=18, end=17),
            "end_time",
            "end after it starts",
        ),
        (evening_group({MON}, date(2026, 1, 5), start=18, end=18), "end_time", "zero-length"),
        (
            WeeklyPattern(frozenset({MON}), time(7), time(19, 1), date(2026, 1, 5), None),
            "end_time",
            "A session cannot be longer than 12 hours.",
        ),
        (
            evening_group({MON}, date(2026, 3, 1), date(2026, 2, 28)),
            "last_date",
            "before it starts",
        ),
        (
            evening_group({MON}, date(1999, 12, 31)),
            "first_date",
            "Choose a date between 2000 and 2100.",
        ),
        (
            evening_group({MON}, date(2101, 1, 1)),
            "first_date",
            "Choose a date between 2000 and 2100.",
        ),
        (
            evening_group({MON}, date(2026, 1, 1), date(2101, 1, 1)),
            "last_date",
            "between 2000 and 2100",
        ),
    ],
)
def test_each_bad_pattern_names_its_field(pattern: WeeklyPattern, field: str, words: str) -> None:
    errors = field_errors(pattern)
    assert list(errors) == [field]
    assert words in errors[field]


def test_every_problem_is_reported_at_once() -> None:
    pattern = WeeklyPattern(frozenset(), time(9), time(9), date(1990, 1, 1), None)
    assert set(field_errors(pattern)) == {"weekdays", "end_time", "first_date"}


def test_occurrence_change_validation() -> None:
    OccurrenceChange(date(2026, 3, 9), True, "Snow day").validate()
    OccurrenceChange(date(2026, 3, 9), False, new_start=datetime(2026, 3, 10, 18)).validate()
    assert set(field_errors(OccurrenceChange(date(2026, 3, 9), True, "  "))) == {"reason"}
    assert set(field_errors(OccurrenceChange(date(2026, 3, 9), False))) == {"new_start"}
    backwards = OccurrenceChange(
        date(2026, 3, 9),
        False,
        new_start=datetime(2026, 3, 10, 18),
        new_end=datetime(2026, 3, 10, 17),
    )
    assert set(field_errors(backwards)) == {"new_end"}


# --- overlaps ----------------------------------------------------------------------------------


def test_overlaps() -> None:
    nine, noon, three = datetime(2026, 3, 9, 9), datetime(2026, 3, 9, 12), datetime(2026, 3, 9, 15)
    assert not overlaps(nine, noon, noon, three)  # back to back
    assert not overlaps(noon, three, nine, noon)
    assert overlaps(nine, three, noon, noon + timedelta(hours=1))  # one inside the other
    assert overlaps(nine, noon, nine, noon)
    assert overlaps(nine, noon + timedelta(minutes=1), noon, three)
    assert not overlaps(nine, noon, three, three + timedelta(hours=1))
    assert overlaps(time(9), time(12), time(11), time(13))


# --- properties --------------------------------------------------------------------------------

patterns = st.builds(
    lambda days, first, weeks: WeeklyPattern(
        frozenset(days),
        time(18),
        time(21),
        first,
        None if weeks is None else first + timedelta(weeks=weeks),
    ),
    st.sets(st.integers(0, 6), min_size=1),
    st.dates(date(2000, 1, 1), date(2100, 12, 31)),
    st.none() | st.integers(0, 300),
)


@given(
    pattern=patterns,
    start=st.dates(date(1999, 1, 1), date(2101, 12, 31)),
    cuts=st.lists(st.integers(1, 120), max_size=6),
)
def test_expansion_equals_the_union_of_consecutive_pieces(
    pattern: WeeklyPattern, start: date, cuts: list[int]
) -> None:
    end = start + timedelta(days=sum(cuts) + 30)
    pieces: list[date] = []
    piece_start = start
    for length in [*cuts, None]:
        piece_end = end if length is None else piece_start + timedelta(days=length - 1)
        pieces += expand(pattern, piece_start, piece_end)
        piece_start = piece_end + timedelta(days=1)
    whole = expand(pattern, start, end)
    assert whole == pieces
    assert all(day.weekday() in pattern.weekdays for day in whole)
    every_day = (start + timedelta(days=offset) for offset in range((end - start).days + 1))
    assert whole == [
        day
        for day in every_day
        if day.weekday() in pattern.weekdays
        and pattern.first_date <= day
        and (pattern.last_date is None or day <= pattern.last_date)
    ]


@given(pattern=patterns, offset=st.integers(-30, 400))
def test_a_split_series_keeps_every_session(pattern: WeeklyPattern, offset: int) -> None:
    from_date = pattern.first_date + timedelta(days=offset)
    if pattern.last_date is not None and from_date > pattern.last_date:
        return
    earlier, later = split_from(pattern, from_date)
    window = (pattern.first_date - timedelta(days=7), pattern.first_date + timedelta(days=420))
    rejoined = (expand(earlier, *window) if earlier else []) + expand(later, *window)
    assert rejoined == expand(pattern, *window)
    assert earlier is None or expand(earlier, *window)
