"""Both PDFs read back: the aftercare plan for the client and the discharge summary."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from iopdesk.errors import DomainError
from iopdesk.reports.aftercare_plan import render_aftercare_plan
from iopdesk.reports.discharge_summary import render_discharge_summary
from iopdesk.reports.document import PART2_SHORT
from iopdesk.services.aftercare import discharge
from iopdesk.services.aftercare import plan as aftercare
from iopdesk.services.aftercare.plan import (
    AftercarePlanForm,
    AppointmentEntry,
    ContactEntry,
    SupportGroupEntry,
)
from tests.factories.aftercare import TODAY, build_episode


def _text(pdf: bytes) -> tuple[list[str], int]:
    reader = PdfReader(io.BytesIO(pdf))
    pages = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    return pages, len(reader.pages)


def _discharged(clinician):
    built = build_episode(clinician)
    aftercare.save_aftercare_plan(
        clinician,
        built.client_id,
        AftercarePlanForm(
            status="final",
            triggers="Payday Fridays\nArguments with my brother",
            warning_signs="Skipping meetings",
            coping_strategies="Call Marisol\nGo to a meeting",
            sober_living="Oxford House on Elm Street",
            appointments=(
                AppointmentEntry("Lakeside Counseling", "9 Lake Rd", "555-201-4400", TODAY, "2 pm"),
            ),
            support_groups=(
                SupportGroupEntry(
                    "SMART Recovery", "Downtown SMART", "Thursday", "18:00", "Library"
                ),
            ),
            contacts=(ContactEntry("Marisol Ybarra", "Sponsor", "555-201-9911"),),
        ),
    )
    discharge.sign_discharge(
        clinician,
        built.client_id,
        discharge.DischargeForm("completed", TODAY, "Standard outpatient", "Improved",
                                "Worked hard.\nRecommend weekly outpatient."),
    )  # fmt: skip
    return built


def test_aftercare_plan_pdf_puts_help_on_page_one(clinician):
    built = _discharged(clinician)
    pdf = aftercare.print_aftercare_plan(clinician, built.client_id).content
    pages, count = _text(pdf)
    first = pages[0]
    assert "My aftercare plan" in first and "Riverbend Recovery" in first
    assert "Dana Quiñones-O'Brien" in first
    assert "988" in first and "Marisol Ybarra (Sponsor): 555-201-9911" in first
    assert "Lakeside Counseling" in first and "2:00 PM" in first
    joined = " ".join(pages)
    assert "Downtown SMART" in joined and "Thursday 6:00 PM" in joined
    assert "Arguments with my brother" in joined and "Oxford House" in joined
    assert all(PART2_SHORT in p for p in pages)
    assert f"Page {count} of {count}" in pages[-1]


def test_discharge_summary_pdf_states_the_signed_facts(clinician):
    built = _discharged(clinician)
    pages, count = _text(discharge.print_discharge_summary(clinician, built.client_id).content)
    joined = " ".join(pages)
    assert "Discharge summary" in joined and "Treatment completed" in joined
    assert "40 days" in joined and "Attended 5 of 7 sessions (71.4%)" in joined
    assert "PHQ-9" in joined and "-11 (improved)" in joined
    assert "Name 5 triggers" in joined and "Recommend weekly outpatient." in joined
    assert "Signed electronically by Casey Tester, LADC" in joined
    assert PART2_SHORT in joined and f"Page 1 of {count}" in pages[0]


def test_summary_of_an_open_episode_is_refused(clinician):
    built = build_episode(clinician)
    with pytest.raises(DomainError, match="not been discharged"):
        discharge.print_discharge_summary(clinician, built.client_id)


def test_times_and_dates_kept_as_text_print_as_written(clinician):
    built = _discharged(clinician)
    doc = aftercare.print_aftercare_plan(clinician, built.client_id).document
    typed = replace(doc, plan=replace(doc.plan, appointments=(
        AppointmentEntry("Dr. Okafor", day="after my court date", time="mornings"),
    )))  # fmt: skip
    pages, _ = _text(render_aftercare_plan(typed))
    assert "after my court date mornings" in pages[0]


def test_the_signature_block_never_stands_alone_on_a_page(clinician):
    """Whatever the summary's length, the signatures share their page with its last lines."""
    built = _discharged(clinician)
    doc = discharge.print_discharge_summary(clinician, built.client_id).document
    alone = []
    for words in range(150, 1400, 23):
        summary = " ".join(f"w{n}" for n in range(words)) + " END-OF-SUMMARY"
        pdf = render_discharge_summary(
            replace(doc, discharge=replace(doc.discharge, summary=summary))
        )
        pages, _ = _text(pdf)
        signed = next(p for p in pages if "Signed electronically" in p)
        if "END-OF-SUMMARY" not in signed:
            alone.append(words)
    assert alone == []
