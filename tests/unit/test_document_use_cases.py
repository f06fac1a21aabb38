"""One use case per document: it returns the file's bytes and leaves exactly one audit row; only
a release under a consent also leaves a disclosure row (the client's own copy never does)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from peewee import fn
from pypdf import PdfReader

from iopdesk.db.models.clients import Disclosure
from iopdesk.db.models.core import AuditEvent, Client
from iopdesk.errors import PermissionDenied
from iopdesk.services import calendar as cal
from iopdesk.services.admin import audit_log
from iopdesk.services.aftercare import discharge
from iopdesk.services.aftercare import plan as aftercare
from iopdesk.services.attendance import signin_sheet as signin
from iopdesk.services.clients import consents, releases
from iopdesk.services.clients.disclosures import Release
from iopdesk.services.intake import drafts as intake_drafts
from iopdesk.services.intake import printing as intake_print
from iopdesk.services.intake import signing as intake_signing
from iopdesk.services.plans import printing as plans_printing
from tests.factories import aftercare as aftercare_factory
from tests.factories import attendance as attendance_factory
from tests.factories import intake as intake_factory
from tests.factories.clients import disclosure_form, make_client
from tests.factories.plans import TODAY, write_plan

COURT = "Hennepin County Drug Court, Officer Dana Reyes"  # the factory consent's recipient


def _left_behind(run: Callable[[], Any]) -> tuple[Any, list[tuple], list[Disclosure]]:
    """Run one use case: what it returned, its audit rows (action, kind, outcome, client) and
    the disclosure rows it logged."""
    audit_mark = AuditEvent.select(fn.MAX(AuditEvent.id)).scalar() or 0
    disclosure_mark = Disclosure.select(fn.MAX(Disclosure.id)).scalar() or 0
    result = run()
    audit = [
        (e.action, e.kind, e.outcome, e.client_id)
        for e in AuditEvent.select().where(AuditEvent.id > audit_mark).order_by(AuditEvent.id)
    ]
    return result, audit, list(Disclosure.select().where(Disclosure.id > disclosure_mark))


def _pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    pages = PdfReader(io.BytesIO(content)).pages
    assert len(pages) >= 1
    return " ".join(" ".join((p.extract_text() or "").split()) for p in pages)


def test_a_plan_printed_for_internal_use(clinician):
    client_id = make_client(counselor=clinician)
    plan_id = write_plan(clinician, client_id)
    printout, audit, disclosed = _left_behind(lambda: plans_printing.print_plan(clinician, plan_id))
    assert "Treatment plan" in _pdf_text(printout.content)
    assert audit == [("plan.print", "read", "ok", client_id)]
    assert disclosed == []


def test_the_clients_own_copy_of_a_plan_is_audited_but_not_a_disclosure(clinician, front_desk):
    client_id = make_client(counselor=clinician)
    plan = releases.ClientDocument("treatment_plan", write_plan(clinician, client_id))
    with pytest.raises(PermissionDenied):
        releases.print_for_client(front_desk, client_id, plan)
    printout, audit, disclosed = _left_behind(
        lambda: releases.print_for_client(clinician, client_id, plan)
    )
    assert "The client's own copy" in _pdf_text(printout.content)
    assert audit == [("record.client_copy", "read", "ok", client_id)]
    assert disclosed == []


def test_a_plan_released_under_a_consent_logs_one_disclosure(clinician, front_desk):
    client_id = make_client(counselor=clinician)
    plan = releases.ClientDocument("treatment_plan", write_plan(clinician, client_id))
    consent = consents.add_disclosure_consent(
        front_desk, client_id, disclosure_form(categories=["treatment_plan"])
    )
    printout, audit, disclosed = _left_behind(
        lambda: releases.release_document(clinician, client_id, plan, Release(consent.id, COURT))
    )
    text = _pdf_text(printout.content)
    assert "This record which has been disclosed to you" in text and f"Released to {COURT}" in text
    assert audit == [("record.release", "write", "ok", client_id)]
    assert [(d.client_id, d.consent_id, d.recipient) for d in disclosed] == [
        (client_id, consent.id, COURT)
    ]


def test_the_on_screen_preview_of_a_release_is_a_read_not_a_disclosure(clinician, front_desk):
    client_id = make_client(counselor=clinician)
    plan = releases.ClientDocument("treatment_plan", write_plan(clinician, client_id))
    consent = consents.add_disclosure_consent(
        front_desk, client_id, disclosure_form(categories=["all_records"])
    )
    content, audit, disclosed = _left_behind(
        lambda: releases.preview_document(clinician, client_id, plan, Release(consent.id, COURT))
    )
    assert f"Released to {COURT}" in _pdf_text(content)
    assert (audit, disclosed) == ([("record.preview", "read", "ok", client_id)], [])


def test_todays_plans_audit_one_row_per_plan_in_the_pdf(clinician):
    clients = [
        make_client("Ann", "Able", counselor=clinician),
        make_client("Bo", "Brown", counselor=clinician),
    ]
    for client_id in clients:
        write_plan(clinician, client_id)
    printout, audit, disclosed = _left_behind(
        lambda: plans_printing.print_todays_plans(clinician, TODAY, client_ids=clients)
    )
    text = _pdf_text(printout.content)
    assert "Ann Able" in text and "Bo Brown" in text
    assert printout.file_name == f"plans-{TODAY.isoformat()}.pdf"
    assert audit == [("plan.print_batch", "read", "ok", c) for c in clients]
    assert disclosed == []


def test_an_intake_summary(clinician):
    client = Client.get_by_id(make_client("Zoë", "Ñúñez", status="referred"))
    view = intake_drafts.start_assessment(clinician, client.id)
    intake_drafts.save_draft(clinician, view.id, intake_factory.complete_data())
    intake_signing.sign_assessment(clinician, view.id)
    printout, audit, disclosed = _left_behind(
        lambda: intake_print.print_intake_summary(clinician, view.id)
    )
    assert "Intake assessment summary" in _pdf_text(printout.content)
    assert printout.file_name == f"intake-{client.record_number}-{TODAY:%Y%m%d}.pdf"
    assert audit == [("intake.print", "read", "ok", client.id)]
    assert disclosed == []


def test_an_aftercare_plan_printed_for_internal_use(clinician):
    client_id = make_client(counselor=clinician, admitted=TODAY)
    aftercare.save_aftercare_plan(
        clinician, client_id, aftercare.AftercarePlanForm(triggers="Payday Fridays")
    )
    printout, audit, disclosed = _left_behind(
        lambda: aftercare.print_aftercare_plan(clinician, client_id)
    )
    assert "My aftercare plan (draft)" in _pdf_text(printout.content)
    assert printout.file_name == f"aftercare-plan-{printout.document.record_number}.pdf"
    assert audit == [("aftercare.print", "read", "ok", client_id)]
    assert disclosed == []


def test_a_discharge_summary(clinician):
    built = aftercare_factory.build_episode(clinician)
    discharge.sign_discharge(
        clinician,
        built.client_id,
        discharge.DischargeForm("completed", TODAY, "Outpatient", "Improved", "Worked hard."),
    )
    printout, audit, disclosed = _left_behind(
        lambda: discharge.print_discharge_summary(clinician, built.client_id)
    )
    assert "Discharge summary" in _pdf_text(printout.content)
    assert printout.file_name.endswith("-1.pdf")
    assert audit == [("discharge.print", "read", "ok", built.client_id)]
    assert disclosed == []


def test_a_sign_in_sheet(clinician, front_desk):
    group = attendance_factory.make_group("Relapse Prevention", facilitator=clinician)
    session = attendance_factory.make_session(group, TODAY, title="Relapse Prevention")
    content, audit, disclosed = _left_behind(lambda: signin.signin_sheet(front_desk, session))
    assert "Sign-in sheet: Relapse Prevention" in _pdf_text(content)
    assert audit == [("signin.print", "read", "ok", None)]
    assert disclosed == []


def test_a_week_schedule(front_desk):
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    content, audit, disclosed = _left_behind(lambda: cal.print_week(front_desk, monday))
    assert "Whole clinic" in _pdf_text(content)
    assert audit == [("calendar.print_week", "read", "ok", None)]
    assert disclosed == []


def test_calendar_exports(clinician, front_desk):
    client_id = make_client(counselor=clinician)
    content, audit, disclosed = _left_behind(lambda: cal.ics_for_client(front_desk, client_id))
    assert content.startswith(b"BEGIN:VCALENDAR")
    assert audit == [("calendar.export_ics_client", "read", "ok", client_id)]
    content, audit, disclosed = _left_behind(
        lambda: cal.ics_for_staff(clinician, clinician.staff_id)
    )
    assert content.startswith(b"BEGIN:VCALENDAR")
    assert audit == [("calendar.export_ics_staff", "read", "ok", None)]
    assert disclosed == []


def test_the_audit_log_as_csv(admin):
    content, audit, disclosed = _left_behind(
        lambda: audit_log.export_csv(admin, audit_log.AuditFilter())
    )
    assert content.decode("utf-8-sig").startswith("When,Who,What happened,Action")
    assert audit == [("audit.export", "read", "ok", None)]
    assert disclosed == []
