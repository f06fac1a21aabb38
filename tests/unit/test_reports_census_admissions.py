"""The census and admissions reports against a month worked out by hand: admissions and
discharges on the edges of the period, a client discharged and readmitted the same day, an
adolescent, a referral never admitted."""

from __future__ import annotations

import pytest

from iopdesk.domain.report_layout import cell_text
from iopdesk.services.reports import admissions, census
from tests.factories.clients import make_client
from tests.factories.reports import D, admit, period, readmit
from tests.unit.report_helpers import csv_lines

MARCH = period(D(2025, 3, 1), D(2025, 3, 31))


@pytest.fixture
def march(clinician):
    """The clinic of the module docstring (see each test for who is active when)."""
    admit(clinician, D(2025, 3, 1), D(2025, 3, 31), name="Ann")  # the whole month
    admit(clinician, D(2025, 2, 10), D(2025, 3, 1), name="Ben")  # the first day only
    admit(clinician, D(2025, 3, 31), source="Drug court", name="Cy")  # the last day only
    admit(clinician, D(2025, 1, 5), D(2025, 2, 28), name="Di")  # gone before March
    eve, _ = admit(clinician, D(2025, 2, 1), D(2025, 3, 10), name="Eve")
    readmit(eve, D(2025, 3, 10))  # back the same day: one client, every day
    admit(clinician, D(2025, 3, 15), program="adolescent", source="Family", name="Fay")
    make_client("Gus", "Tester", status="referred")  # never admitted


def _census(actor, chosen):
    rows = census.view_census(actor, chosen).figures.tables[0].rows
    return dict(rows)


def test_each_day_counts_the_clients_admitted_and_not_yet_discharged(march, admin):
    counts = _census(admin, MARCH)
    expected = {D(2025, 3, 1): 3, D(2025, 3, 10): 2, D(2025, 3, 14): 2, D(2025, 3, 15): 3,
                D(2025, 3, 30): 3, D(2025, 3, 31): 4}  # fmt: skip
    assert {day: counts[day] for day in expected} == expected
    assert all(counts[D(2025, 3, n)] == 2 for n in range(2, 15))
    assert len(counts) == 31


def test_a_program_counts_only_its_own_episodes(march, admin):
    adult = _census(admin, period(MARCH.start, MARCH.end, "adult"))
    adolescent = _census(admin, period(MARCH.start, MARCH.end, "adolescent"))
    assert adult[D(2025, 3, 31)] == 3 and adolescent[D(2025, 3, 31)] == 1
    assert adolescent[D(2025, 3, 14)] == 0


def test_a_one_day_period_and_the_csv(march, admin):
    one = period(D(2025, 3, 1), D(2025, 3, 1))
    printout = census.export_census(admin, one, "csv")
    assert csv_lines(printout.content) == ["date,active_clients", "2025-03-01,3"]
    assert printout.file_name == "census-2025-03-01-to-2025-03-01.csv"


def test_the_summary_a_director_reads(march, admin):
    view = census.view_census(admin, MARCH)
    assert "Highest: 4 on 03/31/2025" in view.figures.summary[1]
    assert view.figures.tables[1].rows == (("2025-03", 2.6, 2, 4),)  # 81 client-days / 31


def test_admissions_by_month_and_referral_source(march, admin):
    rows = admissions.view_admissions(admin, MARCH).figures.tables[0].rows
    assert rows == (("2025-03", "Drug court", 1), ("2025-03", "Family", 1),
                    ("2025-03", "Self", 2))  # fmt: skip
    adult = admissions.view_admissions(admin, period(MARCH.start, MARCH.end, "adult"))
    assert [cell_text(c) for c in adult.figures.tables[1].rows[0]] == ["Self", "2"]
    february = admissions.export_admissions(admin, period(D(2025, 2, 1), D(2025, 2, 28)), "csv")
    assert csv_lines(february.content) == ["month,referral_source,admissions", "2025-02,Self,2"]
