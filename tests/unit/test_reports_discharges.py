"""Discharges by type, the completion rate and the length of stay, worked out by hand for the
first quarter of 2025 (discharges on its first and last day count; one the day after does not)."""

from __future__ import annotations

import pytest

from iopdesk.services.reports import discharges
from tests.factories.reports import D, admit, period
from tests.unit.report_helpers import csv_lines

Q1 = period(D(2025, 1, 1), D(2025, 3, 31))


@pytest.fixture
def quarter(clinician):
    admit(clinician, D(2025, 1, 1), D(2025, 1, 31))  # completed, 30 days
    admit(clinician, D(2024, 12, 1), D(2025, 1, 1))  # completed on the first day, 31 days
    admit(clinician, D(2025, 2, 1), D(2025, 3, 31))  # completed on the last day, 58 days
    admit(clinician, D(2025, 1, 5), D(2025, 2, 4), program="adolescent")  # completed, 30
    admit(clinician, D(2025, 1, 10), D(2025, 1, 20), kind="left_against_advice")  # 10 days
    admit(clinician, D(2025, 3, 1), D(2025, 3, 15), kind="transferred")  # 14 days
    admit(clinician, None, D(2025, 2, 2), kind="other")  # no admission date recorded
    admit(clinician, D(2025, 2, 1), D(2025, 4, 1))  # the day after the period
    admit(clinician, D(2024, 11, 1), D(2024, 12, 31))  # the day before


def test_discharges_by_type_with_the_completion_rate(quarter, admin):
    printout = discharges.export_discharges(admin, Q1, "csv")
    assert csv_lines(printout.content) == [
        "discharge_type,discharges",
        "completed,4",
        "left_against_advice,1",
        "terminated,0",
        "transferred,1",
        "incarcerated,0",
        "death,0",
        "other,1",
    ]
    summary = discharges.view_discharges(admin, Q1).figures.summary
    assert summary[1].endswith("57.1% (4 of 7)")


def test_length_of_stay_quartiles_per_type_and_overall(quarter, admin):
    printout = discharges.export_length_of_stay(admin, Q1, "csv")
    assert csv_lines(printout.content) == [
        "discharge_type,discharges,median_days,q1_days,q3_days",
        "completed,4,30.5,30,37.8",  # 30 30 31 58
        "left_against_advice,1,10,10,10",
        "transferred,1,14,14,14",
        "all,6,30,18,30.8",  # 10 14 30 30 31 58 (Q3 30.75); no admission date: left out
    ]
    summary = discharges.view_length_of_stay(admin, Q1).figures.summary
    assert "1 discharges without an admission date are left out" in summary[1]


def test_a_program_and_an_empty_period(quarter, admin):
    adolescent = period(Q1.start, Q1.end, "adolescent")
    rows = discharges.view_length_of_stay(admin, adolescent).figures.tables[0].rows
    assert rows == (
        ("completed", "Treatment completed", 1, 30.0, 30.0, 30.0),
        ("all", "All discharges", 1, 30.0, 30.0, 30.0),
    )
    empty = period(D(2023, 1, 1), D(2023, 1, 31))
    assert csv_lines(discharges.export_length_of_stay(admin, empty, "csv").content) == [
        "discharge_type,discharges,median_days,q1_days,q3_days",
        "all,0,,,",
    ]
