"""The pure rules behind program reports, each against figures worked out by hand."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iopdesk.domain.report_layout import Chart, Figures, Table, for_board
from iopdesk.domain.report_rules import (
    active_weeks,
    daily_census,
    improved_band,
    merge_spans,
    quartiles,
    rate,
    unsigned_cutoff,
    week_monday,
    weeks_within,
)

D = dt.date


def test_census_counts_the_discharge_day_and_a_same_day_readmission_once():
    # Mar 1: 2 active. Mar 2: one admitted (3). One discharged on Mar 2 still counts that day,
    # leaves on Mar 3; a client discharged and readmitted on Mar 3 counts once that day.
    days = daily_census(
        D(2025, 3, 1),
        D(2025, 3, 4),
        active_at_start=2,
        admitted={D(2025, 3, 2): 1, D(2025, 3, 3): 1},
        discharged={D(2025, 3, 2): 1, D(2025, 3, 3): 1},
        overlaps=[(D(2025, 3, 3), D(2025, 3, 3))],
    )
    assert days == [(D(2025, 3, 1), 2), (D(2025, 3, 2), 3), (D(2025, 3, 3), 2),
                    (D(2025, 3, 4), 2)]  # fmt: skip


def test_quartiles_interpolate_between_ranks_like_a_spreadsheet():
    q = quartiles({1: 1, 2: 1, 3: 1, 4: 1})
    assert (q.count, q.q1, q.median, q.q3) == (4, 1.75, 2.5, 3.25)
    q = quartiles({30: 2, 60: 1, 90: 2})  # 30 30 60 90 90
    assert (q.q1, q.median, q.q3) == (30, 60, 90)
    one = quartiles({42: 1})
    assert (one.q1, one.median, one.q3) == (42, 42, 42)
    assert quartiles({}) is None


@given(st.lists(st.integers(0, 400), min_size=1, max_size=60))
def test_quartiles_agree_with_the_sorted_list(values):
    histogram: dict[int, int] = {}
    for v in values:
        histogram[v] = histogram.get(v, 0) + 1
    q = quartiles(histogram)
    ordered = sorted(values)
    assert q.count == len(values)
    assert ordered[0] <= q.q1 <= q.median <= q.q3 <= ordered[-1]
    middle = (len(ordered) - 1) / 2
    expected = (ordered[math.floor(middle)] + ordered[math.ceil(middle)]) / 2
    assert q.median == pytest.approx(expected)


def test_weeks_within_a_period_are_whole_monday_to_sunday_weeks():
    # 2025-01-01 is a Wednesday: the first whole week starts on Monday 6 January.
    weeks = weeks_within(D(2025, 1, 1), D(2025, 1, 31))
    assert weeks == [D(2025, 1, 6), D(2025, 1, 13), D(2025, 1, 20)]
    assert weeks_within(D(2025, 1, 6), D(2025, 1, 11)) == []


def test_a_week_counts_only_when_the_client_was_active_all_seven_days():
    weeks = weeks_within(D(2025, 1, 6), D(2025, 2, 2))
    # Admitted on a Tuesday: that week does not count; discharged on a Sunday: it does.
    assert active_weeks([(D(2025, 1, 7), D(2025, 1, 26))], weeks) == [D(2025, 1, 13),
                                                                        D(2025, 1, 20)]  # fmt: skip
    # Discharged on a Saturday: that week does not count.
    assert active_weeks([(D(2025, 1, 6), D(2025, 1, 11))], weeks) == []
    # Discharged on Wednesday and readmitted on Thursday: still in care every day.
    back_to_back = [(D(2025, 1, 6), D(2025, 1, 15)), (D(2025, 1, 16), None)]
    assert active_weeks(back_to_back, weeks) == weeks
    # A day out of care (readmitted on Friday) breaks that week.
    gap = [(D(2025, 1, 6), D(2025, 1, 15)), (D(2025, 1, 17), None)]
    assert active_weeks(gap, weeks) == [D(2025, 1, 6), D(2025, 1, 20), D(2025, 1, 27)]


def test_spans_merge_when_back_to_back():
    assert merge_spans([(D(2025, 2, 1), None), (D(2025, 1, 1), D(2025, 1, 31))]) == [
        (D(2025, 1, 1), None)
    ]


def test_week_numbers_count_from_a_monday():
    assert week_monday(0).weekday() == 0
    assert week_monday(6574) == D(2025, 12, 29)


def test_band_improvement_and_rates():
    assert improved_band("PHQ9", 18, 7) is True  # moderately severe -> mild
    assert improved_band("PHQ9", 12, 10) is False  # moderate -> moderate
    assert improved_band("UNKNOWN", 3, 1) is None
    assert rate(1, 3) == 33.3 and rate(0, 0) is None


def test_notes_are_late_seventy_two_hours_before_the_end_of_the_day():
    assert unsigned_cutoff(D(2025, 3, 10)) == dt.datetime(2025, 3, 7, 23, 59, 59)


def test_a_board_copy_hides_counts_from_one_to_ten_and_what_follows_from_them():
    figures = Figures(
        ("summary",),
        (
            Table(
                "By type",
                ("Type", "N", "Share"),
                (("a", 3, "5%"), ("b", 0, "0%"), ("c", 57, "95%")),
                counts=(1,),
                derived=(2,),
            ),
            Table("Clients", ("Record",), (("IOP-000001",),), names_clients=True),
        ),
        (Chart("bar", "N", ("a", "b", "c"), (3.0, 0.0, 57.0)),),
    )
    board = for_board(figures)
    assert board.tables[0].rows == (("a", "<11", "—"), ("b", 0, "0%"), ("c", 57, "95%"))
    assert [t.title for t in board.tables] == ["By type"]
    assert board.charts[0].values == (None, 0.0, 57.0)
    assert figures.names_clients and not board.names_clients
