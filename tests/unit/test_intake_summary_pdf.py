"""The intake summary PDF, read back: names in any script, sections, scores, Part 2, pages."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from iopdesk.db.models.core import AuditEvent, Client
from iopdesk.errors import DomainError, PermissionDenied
from iopdesk.services.intake import drafts as intake_drafts
from iopdesk.services.intake import printing as intake_print
from iopdesk.services.intake import signing as intake_signing
from tests.factories.clients import make_client
from tests.factories.intake import complete_data


def _text(pdf: bytes) -> tuple[list[str], str]:
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return pages, " ".join(" ".join(pages).split())


def test_summary_prints_everything(clinician, front_desk):
    client = Client.get_by_id(make_client("Zoë", "Ñúñez-Иванова", status="referred"))
    view = intake_drafts.start_assessment(clinician, client.id)
    data = complete_data(rating=3, justification="Strong family support offsets dimension risk.")
    long_story = "Lost job in March. " * 400  # forces several pages
    sections = {**data.sections, "presenting_problem": long_story.strip()}
    intake_drafts.save_draft(clinician, view.id, replace(data, sections=sections))
    with pytest.raises(DomainError, match="signed"):
        intake_print.print_intake_summary(clinician, view.id)
    intake_signing.sign_assessment(clinician, view.id)
    intake_signing.add_addendum(clinician, view.id, "Client asked to add: prefers evening track.")
    pdf = intake_print.print_intake_summary(clinician, view.id).content
    pages, text = _text(pdf)
    assert len(pages) >= 3
    assert "Zoë Ñúñez-Иванова" in text
    assert client.record_number in text
    for needle in (
        "Intake assessment summary",
        "Riverbend Recovery",
        "Substance use history",
        "Alcohol",
        "PHQ-9",
        "11 of 27 (moderate)",
        "6 of 21 (mild)",
        "Pfizer",
        "Readiness to change",
        "Able and willing to attend the schedule",
        "2.1 Intensive outpatient",
        "Strong family support",
        "prefers evening track",
        "Signed electronically by Casey Tester",
        "42 CFR part 2 prohibits unauthorized use or disclosure of these records.",
    ):
        assert needle in text, needle
    # A copy for internal use has not been disclosed: the long notice is for releases only.
    assert "This record which has been disclosed to you" not in text
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "42 CFR part 2 prohibits" in page
    assert AuditEvent.select().where(AuditEvent.action == "intake.print").count() == 1
    with pytest.raises(PermissionDenied):
        intake_print.print_intake_summary(front_desk, view.id)
