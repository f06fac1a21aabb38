"""The report queries on a real PostgreSQL server: the date arithmetic each engine writes its
own way (days between, week, month) gives the same figures as on SQLite."""

from __future__ import annotations

import pytest

from iopdesk.db.connection import close_database
from iopdesk.services.admin import clinic, staff
from iopdesk.services.reports import registry
from iopdesk.services.store import open_clinic
from tests.conftest import PASSWORD
from tests.factories.reports import D, admit, attend, period
from tests.unit.report_helpers import csv_lines

pytestmark = pytest.mark.postgres


def test_reports_on_postgresql(postgres_url, tmp_path):
    open_clinic(tmp_path, database_url=postgres_url)
    try:
        admin = clinic.set_up_clinic(
            clinic.ClinicForm("Prairie Recovery", "", "", "adult"),
            staff.StaffForm("admin", "Pat Admin", "administrator"),
            PASSWORD,
            PASSWORD,
        )
        ann, _ = admit(admin, D(2025, 1, 1), D(2025, 3, 2), name="Ann")  # 60 days
        bo, _ = admit(admin, D(2025, 2, 20), name="Bo")
        for day in (D(2025, 2, 24), D(2025, 2, 26), D(2025, 2, 28)):
            attend(ann, day, 180)
            attend(bo, day, 150)
        q1 = period(D(2025, 1, 1), D(2025, 3, 31))

        def lines(name, chosen=q1):
            return csv_lines(registry.export_report(admin, name, chosen, "csv").content)

        assert lines("length-of-stay")[1:] == ["completed,1,60,60,60", "all,1,60,60,60"]
        assert lines("admissions")[1:] == ["2025-01,Self,1", "2025-02,Self,1"]
        assert lines("attendance", period(D(2025, 2, 24), D(2025, 3, 2))) == [
            "record_number,week_start,minutes,met_minimum",
            "IOP-000001,2025-02-24,540,yes",
            "IOP-000002,2025-02-24,450,no",
        ]
        assert len(lines("billing")) == 4  # Ann's three days of 180 minutes
        census = lines("census")
        assert (
            census[1] == "2025-01-01,1" and "2025-03-02,2" in census and census[-1].endswith(",1")
        )
        assert len(lines("teds")) == 4  # two admissions, one discharge
    finally:
        close_database()
