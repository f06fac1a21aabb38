"""The demo clinic's reports as its director would read them: do the numbers make sense?"""

from __future__ import annotations

import datetime as dt
import statistics

from iopdesk.demo import DEMO_PASSWORD, build_demo
from iopdesk.domain import teds
from iopdesk.services.admin import auth
from iopdesk.services.reports import registry
from tests.factories.reports import period

TODAY = dt.date(2026, 3, 2)
YEAR = period(TODAY - dt.timedelta(days=364), TODAY)


def _figures(actor, name):
    return registry.view_report(actor, name, YEAR).figures


def test_the_demo_clinic_as_a_director_reads_it(tmp_path):
    build_demo(tmp_path / "demo", "small", today=TODAY, log=lambda _m: None)
    director = auth.sign_in("admin", DEMO_PASSWORD)

    census = [count for _, count in _figures(director, "census").tables[0].rows]
    settled = census[90:]  # the small demo is a program in its first year
    assert min(settled) >= 0.7 * statistics.fmean(settled), "no month-long hole in the census"
    assert census[-1] == 60  # the clients in care today

    months = _figures(director, "admissions").charts[0].values
    assert all(n >= 10 for n in months[:-1]), f"every month admits clients: {months}"

    discharge_rows = {r[0]: r[2] for r in _figures(director, "discharges").tables[0].rows}
    completion = discharge_rows["completed"] / sum(discharge_rows.values())
    assert 0.35 <= completion <= 0.7

    stays = {r[0]: r[3] for r in _figures(director, "length-of-stay").tables[0].rows}
    assert 42 <= stays["all"] <= 100 and stays["completed"] > stays["left_against_advice"]

    outcomes = {r[0]: r for r in _figures(director, "outcomes").tables[1].rows}
    assert outcomes["PHQ-9"][1] >= 100 and outcomes["PHQ-9"][4] < 0  # most get better

    weeks = _figures(director, "attendance").tables[0].rows
    met = sum(1 for r in weeks if r[4] == "yes") / len(weeks)
    assert 0.3 <= met <= 0.9

    billing = _figures(director, "billing")
    units = sum(1 for r in billing.tables[0].rows if r[3] == "H0015")
    assert 1.5 <= units / len(weeks) <= 4.5  # IOP days per client-week in care

    follow = _figures(director, "follow-ups").tables[1].rows
    reached = sum(r[3] for r in follow) / sum(r[2] for r in follow)
    assert 0.6 <= reached <= 0.9

    records = _figures(director, "teds").tables[0].rows
    gender, sub1 = teds.COLUMNS.index("GENDER"), teds.COLUMNS.index("SUB1")
    # The demo records a client whose name implies no sex neutrally: their gender is unknown.
    assert sum(1 for r in records if r[gender] != teds.MISSING) >= 0.8 * len(records)
    assert sum(1 for r in records if r[sub1] != teds.MISSING) >= 0.9 * len(records)

    caseload = _figures(director, "caseload").tables[0].rows
    assert sum(r[1] for r in caseload) == census[-1]
