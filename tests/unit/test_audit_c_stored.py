"""AUDIT-C stored with the AUDIT (score, band, the cut-off used) and printed on the summary."""

from __future__ import annotations

import io
import os
import pathlib
from dataclasses import replace

import pytest
from pypdf import PdfReader

from iopdesk.db.models.core import Client
from iopdesk.db.models.intake import ScreeningResult
from iopdesk.domain.screenings import audit_c_line
from iopdesk.services.intake import drafts as intake_drafts
from iopdesk.services.intake import printing as intake_print
from iopdesk.services.intake import screenings as intake_screenings
from iopdesk.services.intake import signing as intake_signing
from tests.factories.clients import make_client
from tests.factories.intake import complete_data

# Items 1-3 add to 3 (positive for a woman, not for a man); the rest of the AUDIT adds 4.
AUDIT_ANSWERS = {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 0, 9: 0, 10: 0}


@pytest.mark.parametrize(
    ("sex", "band", "cut"), [("male", "negative", 4), ("female", "positive", 3)]
)
def test_saving_an_audit_stores_its_audit_c_with_the_cut_off_used(clinician, sex, band, cut):
    client_id = make_client(sex=sex)
    view = intake_screenings.record_screening(clinician, client_id, "AUDIT", AUDIT_ANSWERS)
    row = ScreeningResult.get_by_id(view.id)
    assert (row.total, row.audit_c_total, row.audit_c_band, row.audit_c_cut) == (7, 3, band, cut)
    assert view.audit_c_text == f"AUDIT-C (items 1-3): 3 of 12 – {band} (cut-off {cut} or more)"


def test_a_later_change_of_recorded_sex_leaves_the_stored_audit_c_as_scored(clinician):
    client_id = make_client(sex="male")
    intake_screenings.record_screening(clinician, client_id, "AUDIT", AUDIT_ANSWERS)
    Client.update(sex="female").where(Client.id == client_id).execute()
    (view,) = intake_screenings.screening_history(clinician, client_id).rows
    assert "negative (cut-off 4 or more)" in view.audit_c_text


def test_other_instruments_have_no_audit_c(clinician):
    client_id = make_client(sex="male")
    view = intake_screenings.record_screening(clinician, client_id, "DAST10", {1: 1})
    row = ScreeningResult.get_by_id(view.id)
    assert (row.audit_c_total, row.audit_c_band, row.audit_c_cut, view.audit_c_text) == (
        None,
        "",
        None,
        "",
    )


def test_an_audit_saved_before_the_step_is_scored_from_its_answers_when_shown(clinician):
    client_id = make_client(sex="")
    view = intake_screenings.record_screening(clinician, client_id, "AUDIT", {1: 2, 2: 1, 3: 0})
    # As step 17 leaves an older row: the columns empty, the answers kept.
    ScreeningResult.update(audit_c_total=None, audit_c_band="", audit_c_cut=None).execute()
    (shown,) = intake_screenings.screening_history(clinician, client_id).rows
    assert shown.id == view.id
    assert shown.audit_c_text == (
        "AUDIT-C (items 1-3): 3 of 12 – positive "
        "(sex not recorded as male or female: threshold 3 used)"
    )


def test_an_incomplete_audit_c_says_so():
    assert audit_c_line(None, "", None) == "AUDIT-C (items 1-3): incomplete"


def test_the_intake_summary_prints_the_audit_c_line(clinician):
    client_id = make_client(sex="female", status="referred")
    view = intake_drafts.start_assessment(clinician, client_id)
    data = complete_data()
    screenings = {**data.screenings, "AUDIT": dict(AUDIT_ANSWERS)}
    intake_drafts.save_draft(clinician, view.id, replace(data, screenings=screenings))
    intake_signing.sign_assessment(clinician, view.id)
    pdf = intake_print.print_intake_summary(clinician, view.id).content
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )
    assert "7 of 40" in text
    assert "AUDIT-C (items 1-3): 3 of 12 – positive (cut-off 3 or more), from the AUDIT" in text
    if shots := os.environ.get("IOPDESK_SHOTS"):  # a person looks at the page (pdftoppm)
        pathlib.Path(shots, "intake-summary.pdf").write_bytes(pdf)
