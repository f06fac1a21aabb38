"""The discharge summary prints the Progress charts (ReportLab graphics), read back from the PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from iopdesk.db.models.core import AuditEvent, Client
from iopdesk.errors import PermissionDenied
from iopdesk.services.aftercare import discharge
from iopdesk.services.aftercare.discharge import DischargeForm
from iopdesk.services.clients import progress
from tests.factories.clients import make_client
from tests.factories.progress import MONDAY, TODAY, build_progress


def _discharge_text(clinician, client_id: int) -> tuple[str, int]:
    form = DischargeForm("completed", TODAY, "Standard outpatient (ASAM 1.0)", "Improved",
                         "Completed the program.")  # fmt: skip
    discharge.sign_discharge(clinician, client_id, form)
    printout = discharge.print_discharge_summary(clinician, client_id)
    pages = PdfReader(io.BytesIO(printout.content)).pages
    return "\n".join(page.extract_text() for page in pages), len(pages)


def test_discharge_summary_prints_the_progress_charts(clinician, supervisor):
    built = build_progress(clinician, supervisor)
    text, pages = _discharge_text(clinician, built.client_id)
    assert "Progress over the episode" in text
    assert "PHQ-9 15 → 4 (total)" in text and "moderately severe" in text  # the band names
    assert "Attended hours per week, drug tests and plan reviews" in text
    for legend in (
        "Program minimum (9 h a week)",
        "Below the minimum",
        "Plan review (objectives met)",
        "1/2 met",  # over the review's line
        "Negative test (1)",
        "Explained positive test (1)",
        "Unexplained positive test (1)",
    ):
        assert legend in text
    assert f"{MONDAY:%b} {MONDAY.day}" in text  # a week's label on the axis
    assert "Invalid test" not in text  # shown only when a specimen was invalid
    assert pages <= 3


def test_an_episode_with_nothing_recorded_prints_no_charts(clinician):
    client_id = make_client(counselor=clinician, admitted=TODAY)
    text, _ = _discharge_text(clinician, client_id)
    assert "Discharge summary" in text
    assert "Progress over the episode" not in text and "Program minimum" not in text


def test_the_progress_printout_names_the_client_and_prints_the_charts(clinician, supervisor):
    built = build_progress(clinician, supervisor)
    printout = progress.print_progress(clinician, built.client_id)
    number = Client.get_by_id(built.client_id).record_number
    assert printout.file_name == f"progress-{number}-1.pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(printout.content)).pages)
    assert f"{number} · episode 1" in text and "Casey Tester" in text  # subtitle, counselor
    assert "Progress over the episode" in text and "Program minimum (9 h a week)" in text
    assert f"Objectives met at plan reviews: 1 of 2 on {MONDAY + dt.timedelta(14):%b} " in text
    assert "42 CFR part 2 prohibits unauthorized use or disclosure" in text
    last = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (last.action, last.client_id, last.record_id) == (
        "client.progress.print",
        built.client_id,
        str(built.episode_id),
    )


def test_a_printout_of_nothing_says_so_and_front_desk_cannot_print(clinician, front_desk):
    client_id = make_client(counselor=clinician, admitted=TODAY)
    printout = progress.print_progress(clinician, client_id)
    text = PdfReader(io.BytesIO(printout.content)).pages[0].extract_text()
    assert "Nothing is recorded for this episode yet" in text
    assert "Program minimum" not in text
    with pytest.raises(PermissionDenied):
        progress.print_progress(front_desk, client_id)
