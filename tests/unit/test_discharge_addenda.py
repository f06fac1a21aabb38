"""Addenda to a signed discharge: dated, signed with the writer's name, printed after it."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from iopdesk.db.models.aftercare import Discharge
from iopdesk.db.models.attendance import NoteAddendum
from iopdesk.db.models.core import AuditEvent
from iopdesk.domain.validators import MAX_LONG
from iopdesk.errors import NotFound, PermissionDenied, ValidationError
from iopdesk.services.aftercare import discharge
from iopdesk.services.aftercare.overview import aftercare_overview
from tests.factories.aftercare import TODAY, build_episode


def _signed(clinician) -> discharge.DischargeView:
    built = build_episode(clinician)
    return discharge.sign_discharge(
        clinician,
        built.client_id,
        discharge.DischargeForm("completed", TODAY, "", "Improved", "Worked hard."),
    )


def _pdf_text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join((p.extract_text() or "").split()) for p in pages)


def test_addenda_are_kept_with_the_signed_discharge_and_shown_in_the_chart(clinician):
    signed = _signed(clinician)
    discharge.add_discharge_addendum(clinician, signed.id, "Client called; sober living found.")
    view = discharge.add_discharge_addendum(clinician, signed.id, "  Second thought.  ")
    assert [a.text for a in view.addenda] == [
        "Client called; sober living found.",
        "Second thought.",
    ]
    assert view.addenda[0].written_by == "Casey Tester, LADC"
    assert view.summary == "Worked hard."  # the signed text stays as signed
    audit = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (audit.action, audit.record_id) == ("discharge.addendum", str(signed.id))
    chart = aftercare_overview(clinician, signed.client_id)
    assert [(a.episode_number, a.addendum.text) for a in chart.addenda] == [
        (signed.episode_number, "Client called; sober living found."),
        (signed.episode_number, "Second thought."),
    ]


def test_the_summary_prints_the_addenda_after_the_signature(clinician):
    signed = _signed(clinician)
    discharge.add_discharge_addendum(clinician, signed.id, "Client called; sober living found.")
    text = _pdf_text(discharge.print_discharge_summary(clinician, signed.client_id).content)
    signature = text.index("Signed electronically by Casey Tester, LADC")
    addenda = text.index("Addenda")
    assert signature < addenda < text.index("Client called; sober living found.")
    assert "— Casey Tester, LADC" in text[addenda:]


def test_a_summary_without_addenda_has_no_addenda_section(clinician):
    signed = _signed(clinician)
    text = _pdf_text(discharge.print_discharge_summary(clinician, signed.client_id).content)
    assert "Addenda" not in text


@pytest.mark.parametrize("text", ["", "   ", "x" * (MAX_LONG + 1)])
def test_an_empty_or_too_long_addendum_is_refused(clinician, text):
    signed = _signed(clinician)
    with pytest.raises(ValidationError) as refused:
        discharge.add_discharge_addendum(clinician, signed.id, text)
    assert "text" in refused.value.fields
    assert NoteAddendum.select().count() == 0


def test_front_desk_may_not_add_and_a_missing_discharge_is_said(clinician, front_desk):
    signed = _signed(clinician)
    with pytest.raises(PermissionDenied):
        discharge.add_discharge_addendum(front_desk, signed.id, "Not mine to write.")
    with pytest.raises(NotFound, match="discharge does not exist"):
        discharge.add_discharge_addendum(clinician, signed.id + 1, "Lost.")
    assert NoteAddendum.select().count() == 0 and Discharge.select().count() == 1
