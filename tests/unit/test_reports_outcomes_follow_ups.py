"""Screening outcomes and follow-up check-ins of the first quarter of 2025, by hand."""

from __future__ import annotations

import pytest

from iopdesk.services.reports import follow_ups, outcomes
from tests.factories.reports import D, admit, check_in, period, screen
from tests.unit.report_helpers import csv_lines

Q1 = period(D(2025, 1, 1), D(2025, 3, 31))


@pytest.fixture
def screened(clinician):
    ann, ann_ep = admit(clinician, D(2025, 1, 2), D(2025, 2, 28), name="Ann")
    for day, total in ((D(2025, 1, 2), 18), (D(2025, 1, 30), 12), (D(2025, 2, 27), 7)):
        screen(clinician, ann, ann_ep, "PHQ9", day, total)
    screen(clinician, ann, ann_ep, "PHQ9", D(2025, 2, 28), None)  # incomplete: no total
    screen(clinician, ann, ann_ep, "GAD7", D(2025, 1, 2), 12)
    screen(clinician, ann, ann_ep, "GAD7", D(2025, 2, 27), 12)
    screen(clinician, ann, ann_ep, "AUDIT", D(2025, 1, 2), 20)  # once only
    ben, ben_ep = admit(clinician, D(2025, 1, 20), D(2025, 3, 31), name="Ben")
    screen(clinician, ben, ben_ep, "PHQ9", D(2025, 3, 1), 10)  # two the same day:
    screen(clinician, ben, ben_ep, "PHQ9", D(2025, 3, 1), 14)  # first and last in that order
    cy, cy_ep = admit(clinician, D(2025, 1, 20), D(2025, 4, 2), name="Cy")  # after Q1
    screen(clinician, cy, cy_ep, "PHQ9", D(2025, 1, 20), 20)
    screen(clinician, cy, cy_ep, "PHQ9", D(2025, 3, 20), 3)
    eve, eve_ep = admit(clinician, D(2025, 1, 3), D(2025, 3, 10), name="Eve")
    screen(clinician, eve, eve_ep, "PHQ9", D(2025, 1, 3), 16)
    screen(clinician, eve, None, "PHQ9", D(2025, 3, 1), 4)  # not part of the episode


def test_first_and_last_totals_of_clients_discharged_in_the_period(screened, admin):
    printout = outcomes.export_outcomes(admin, Q1, "csv")
    assert csv_lines(printout.content) == [
        "record_number,instrument,first_date,first_total,last_date,last_total,change,improved_band",
        "IOP-000001,GAD7,2025-01-02,12,2025-02-27,12,0,no",
        "IOP-000001,PHQ9,2025-01-02,18,2025-02-27,7,-11,yes",
        "IOP-000002,PHQ9,2025-03-01,10,2025-03-01,14,4,no",
    ]


def test_the_summary_per_instrument(screened, admin):
    figures = outcomes.view_outcomes(admin, Q1).figures
    assert figures.tables[1].rows == (
        ("GAD-7", 1, 12.0, 12.0, 0.0, 0, "0.0%"),
        ("PHQ-9", 2, 14.0, 10.5, -3.5, 1, "50.0%"),
    )
    assert "PHQ-9: average change -3.5 over 2 clients; 50.0% ended in a milder band." in (
        figures.summary
    )


@pytest.fixture
def check_ins(clinician):
    ann, ann_ep = admit(clinician, D(2024, 10, 1), D(2024, 12, 16), name="Ann")
    check_in(clinician, ann, ann_ep, "30", D(2025, 1, 15), True, "in_recovery")
    check_in(clinician, ann, ann_ep, "60", D(2025, 2, 14), False, "unknown")
    check_in(clinician, ann, ann_ep, "90", D(2025, 3, 16))  # not recorded yet
    check_in(clinician, ann, ann_ep, "custom", D(2025, 2, 1), True, "in_recovery")
    ben, ben_ep = admit(clinician, D(2024, 12, 1), D(2025, 3, 1), name="Ben")
    check_in(clinician, ben, ben_ep, "30", D(2025, 3, 31), True, "returned_to_use")
    check_in(clinician, ben, ben_ep, "60", D(2025, 4, 30))
    cy, cy_ep = admit(clinician, D(2024, 8, 1), D(2024, 10, 3), program="adolescent", name="Cy")
    check_in(clinician, cy, cy_ep, "90", D(2025, 1, 1), True, "in_recovery")


def test_standard_check_ins_due_in_the_period(check_ins, admin):
    printout = follow_ups.export_follow_ups(admin, Q1, "csv")
    assert csv_lines(printout.content) == [
        "record_number,days,due_date,reached,recovery_status",
        "IOP-000003,90,2025-01-01,yes,in_recovery",
        "IOP-000001,30,2025-01-15,yes,in_recovery",
        "IOP-000001,60,2025-02-14,no,unknown",
        "IOP-000001,90,2025-03-16,,",
        "IOP-000002,30,2025-03-31,yes,returned_to_use",
    ]
    figures = follow_ups.view_follow_ups(admin, Q1).figures
    assert figures.tables[1].rows == (
        ("30 days", 2, 2, 2, "100.0%", 1, "50.0%"),
        ("60 days", 1, 1, 0, "0.0%", 0, "—"),
        ("90 days", 2, 1, 1, "100.0%", 1, "100.0%"),
    )
    adult = follow_ups.view_follow_ups(admin, period(Q1.start, Q1.end, "adult"))
    assert len(adult.figures.tables[0].rows) == 4
