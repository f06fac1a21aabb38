"""Pure discharge rules: stay, rate, schedule, screening change, facts round trip."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from iopdesk.domain import aftercare as rules


def test_discharge_types_follow_teds():
    assert list(rules.DISCHARGE_TYPES.values()) == [
        "Treatment completed",
        "Left against professional advice (dropped out)",
        "Terminated by the program",
        "Transferred to another program or level of care",
        "Incarcerated",
        "Death",
        "Other",
    ]


def test_stay_rate_and_schedule():
    assert rules.length_of_stay(dt.date(2024, 1, 31), dt.date(2024, 3, 1)) == 30  # leap year
    assert rules.attendance_rate(0, 0) is None
    assert rules.attendance_rate(2, 3) == 66.7
    assert rules.follow_up_schedule(dt.date(2024, 12, 15)) == [
        ("30", dt.date(2025, 1, 14)),
        ("60", dt.date(2025, 2, 13)),
        ("90", dt.date(2025, 3, 15)),
    ]
    assert rules.week_bounds(dt.date(2025, 1, 1)) == (dt.date(2024, 12, 30), dt.date(2025, 1, 5))


@given(st.integers(0, 500), st.integers(0, 500))
def test_rate_is_a_percentage(attended, extra):
    rate = rules.attendance_rate(attended, attended + extra)
    assert rate is None or 0 <= rate <= 100


def test_screening_change_first_vs_last():
    d = dt.date
    change = rules.screening_change(
        "AUDIT", [(d(2024, 3, 1), 9, "zone II"), (d(2024, 1, 5), 22, "zone IV")]
    )
    assert (change.first_total, change.last_total, change.change) == (22, 9, -13)
    assert change.direction == "improved"
    assert "22 (zone IV) on 01/05/2024 -> 9 (zone II) on 03/01/2024, -13" in change.sentence()
    single = rules.screening_change("DAST-10", [(d(2024, 1, 5), 4, "moderate")])
    assert single.direction == "one score only" and "->" not in single.sentence()
    assert rules.screening_change("PHQ-9", []) is None


def test_facts_survive_json_and_summary_reads_well():
    facts = rules.DischargeFacts(
        "Ана Петрова", "IOP-000001", 2, "2024-01-01", "2024-02-26", 56, 20, 18, 3240, 90.0,
        (rules.ScreeningChange("PHQ-9", "2024-01-01", 15, "moderately severe", "2024-02-20",
                               6, "mild"),),
        rules.DrugTestSummary(4, 4),
        rules.ObjectiveSummary(("a",), ("b",)),
    )  # fmt: skip
    assert rules.DischargeFacts.from_json(facts.to_json()) == facts
    text = rules.summary_text(facts, "transferred")
    assert "Episode 2. Admitted 01/01/2024, discharged 02/26/2024: 56 days in care" in text
    assert "Attended 18 of 20 sessions (90.0%), 54.0 hours in all." in text
    assert "Transferred to another program" in text
    assert "4 drug tests: 4 negative, 0 with an unexplained positive." in text
    empty = rules.DischargeFacts("A B", "IOP-1", 1, "", "2024-01-01", None)
    text = rules.summary_text(empty)
    assert "no admission date" in text and "No attendance was recorded." in text
