"""The billing worksheet for one week of February 2025, by hand: a day of exactly 180 minutes
is one H0015 unit, 179 is none; individual and family sessions are listed with the clinic's
codes; cancelled sessions and non-core services do not count; the payer comes from insurance."""

from __future__ import annotations

import pytest

from iopdesk.db.models.clients import Insurance
from iopdesk.errors import PermissionDenied, ValidationError
from iopdesk.services.reports import billing, billing_codes
from tests.factories.reports import D, admit, attend, period
from tests.unit.report_helpers import csv_lines

WEEK = period(D(2025, 2, 3), D(2025, 2, 9))


@pytest.fixture
def week(clinician):
    ann, _ = admit(clinician, D(2025, 1, 1), name="Ann")
    bo, _ = admit(clinician, D(2025, 1, 1), name="Bo")
    cy, _ = admit(clinician, D(2025, 1, 1), name="Cy")
    attend(ann, D(2025, 2, 3), 180)  # exactly three hours: one unit
    attend(ann, D(2025, 2, 4), 179)  # a minute short: none
    attend(ann, D(2025, 2, 5), 120)
    attend(ann, D(2025, 2, 5), 60, kind="individual")  # 180 together, and its own line
    attend(ann, D(2025, 2, 6), 180, cancelled=True)
    attend(ann, D(2025, 2, 7), 120)
    attend(ann, D(2025, 2, 7), 90, kind="family")
    attend(ann, D(2025, 2, 8), 170, status="late")
    attend(ann, D(2025, 2, 8), 30, kind="assessment")  # not an IOP service
    attend(ann, D(2025, 2, 10), 180)  # after the period
    attend(bo, D(2025, 2, 3), 180)
    attend(cy, D(2025, 2, 3), 0, kind="individual", status="absent_excused")
    Insurance.create(client=ann, payer="Medica", active=False)
    Insurance.create(client=ann, payer="UCare", active=True)
    Insurance.create(client=bo, payer="Aetna", active=False)


def test_the_worksheet_with_the_default_codes(week, front_desk):
    printout = billing.export_billing(front_desk, WEEK, "csv")
    assert csv_lines(printout.content) == [
        "record_number,date,minutes,code,units,payer",
        "IOP-000001,2025-02-03,180,H0015,1,UCare",
        "IOP-000002,2025-02-03,180,H0015,1,Aetna",
        "IOP-000001,2025-02-05,180,H0015,1,UCare",
        "IOP-000001,2025-02-05,60,,1,UCare",
        "IOP-000001,2025-02-07,210,H0015,1,UCare",
        "IOP-000001,2025-02-07,90,,1,UCare",
    ]


def test_the_clinics_own_codes_from_the_code_table(week, admin, front_desk):
    with pytest.raises(PermissionDenied):
        billing_codes.change_billing_codes(front_desk, billing_codes.BillingCodes("H0015"))
    with pytest.raises(ValidationError) as refused:
        billing_codes.change_billing_codes(admin, billing_codes.BillingCodes("", "ind 60"))
    assert set(refused.value.fields) == {"iop_day", "individual"}
    with pytest.raises(PermissionDenied):
        billing_codes.billing_codes(front_desk)
    assert billing_codes.billing_codes(admin) == billing_codes.BillingCodes()
    billing_codes.change_billing_codes(admin, billing_codes.BillingCodes("h0015", "IND60", "FAM"))
    lines = csv_lines(billing.export_billing(admin, WEEK, "csv").content)
    assert "IOP-000001,2025-02-05,60,IND60,1,UCare" in lines
    assert "IOP-000001,2025-02-07,90,FAM,1,UCare" in lines


def test_the_summary_and_the_payer_table(week, admin):
    figures = billing.view_billing(admin, WEEK).figures
    assert figures.summary[0].startswith("4 IOP days of at least 3 hours (H0015 units) for 2")
    assert figures.tables[1].rows == (("Aetna", 1, 0, 0), ("UCare", 3, 1, 1))
