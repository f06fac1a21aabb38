"""Releases of information (42 CFR 2.31-2.32, 2.25): every client document goes out through one
path, only under a consent in force that names the recipient and covers the information, is
logged, carries the consent and the long notice, and shows in the accounting of disclosures."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from iopdesk.db.models.attendance import Attendance
from iopdesk.db.models.clients import Disclosure
from iopdesk.db.models.core import AuditEvent
from iopdesk.domain import formats
from iopdesk.domain.releases import DOCUMENT_KINDS, accounting_start, uncovered
from iopdesk.errors import DomainError, PermissionDenied, ValidationError
from iopdesk.services.aftercare import discharge
from iopdesk.services.aftercare import plan as aftercare
from iopdesk.services.attendance import sheet as attendance_sheet
from iopdesk.services.attendance.sheet import AttendanceEntry
from iopdesk.services.clients import consent_papers, consents, disclosures, releases
from iopdesk.services.clients.disclosures import DisclosureForm, Release
from iopdesk.services.clients.releases import ClientDocument
from iopdesk.services.intake import drafts as intake_drafts
from iopdesk.services.intake import signing as intake_signing
from tests.factories import aftercare as aftercare_factory
from tests.factories import intake as intake_factory
from tests.factories.clients import disclosure_form, make_client

TODAY = dt.date.today()
COURT = "Hennepin County Drug Court, Officer Dana Reyes"  # the factory consent's recipient
LONG_NOTICE = "This record which has been disclosed to you is protected by Federal"


def _text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join((p.extract_text() or "").split()) for p in pages)


@pytest.fixture
def charted(clinician):
    """A client with every kind of document: signed intake, plan, attendance, drug tests,
    aftercare plan and a signed discharge; returns (client id, one document of each kind)."""
    built = aftercare_factory.build_episode(clinician)
    client_id = built.client_id
    view = intake_drafts.start_assessment(clinician, client_id)
    intake_drafts.save_draft(clinician, view.id, intake_factory.complete_data())
    intake_signing.sign_assessment(clinician, view.id)
    aftercare.save_aftercare_plan(
        clinician, client_id, aftercare.AftercarePlanForm(triggers="Payday Fridays")
    )
    discharge.sign_discharge(
        clinician,
        client_id,
        discharge.DischargeForm("completed", TODAY, "Outpatient", "Improved", "Worked hard."),
    )
    found = releases.client_documents(clinician, client_id)
    first = {}
    for document in found:
        first.setdefault(document.kind, document)
    period = {"start": built.admission, "end": TODAY}
    for kind in ("attendance_letter", "attendance_drug_test_letter"):
        first[kind] = ClientDocument(kind, **period)
    return client_id, first


def test_every_kind_of_document_is_released_logged_and_accounted_for(
    charted, clinician, front_desk
):
    client_id, documents = charted
    assert set(documents) == set(DOCUMENT_KINDS)
    consent = consents.add_disclosure_consent(
        front_desk, client_id, disclosure_form(categories=["all_records"])
    )
    for kind, document in documents.items():
        printout = releases.release_document(
            clinician, client_id, document, Release(consent.id, COURT)
        )
        text = _text(printout.content)
        assert LONG_NOTICE in text, kind
        assert f"Released to {COURT} under consent {consent.id}" in text, kind
        # A copy of the consent travels with the record: every 2.31 element.
        assert "About this release" in text and "Right to revoke" in text, kind
        assert "Compliance with the conditions of probation" in text, kind
    log = disclosures.list_disclosures(front_desk, client_id)
    assert len(log) == len(DOCUMENT_KINDS)
    assert {d.consent_id for d in log} == {consent.id} and {d.by for d in log} == {
        "Casey Tester, LADC"
    }
    accounting = consent_papers.print_accounting(front_desk, client_id)
    assert len(accounting.document.lines) == len(DOCUMENT_KINDS)
    text = _text(accounting.content)
    for entry in log:
        assert entry.document in text
    assert "Accounting of disclosures" in text and "Compliance with the conditions" in text
    released = AuditEvent.select().where(AuditEvent.action == "record.release")
    assert released.count() == len(DOCUMENT_KINDS)


def test_the_clients_own_copy_of_every_document_is_audited_never_disclosed(charted, clinician):
    client_id, documents = charted
    for kind, document in documents.items():
        text = _text(releases.print_for_client(clinician, client_id, document).content)
        assert "The client's own copy" in text and LONG_NOTICE not in text, kind
    assert Disclosure.select().count() == 0
    copies = AuditEvent.select().where(AuditEvent.action == "record.client_copy")
    assert [e.client_id for e in copies] == [client_id] * len(DOCUMENT_KINDS)


def test_a_release_needs_a_consent_that_covers_the_information(charted, clinician, front_desk):
    client_id, documents = charted
    plan = documents["treatment_plan"]
    with pytest.raises(ValidationError, match="no consent to disclose in force") as err:
        releases.release_document(clinician, client_id, plan, Release(None, COURT))
    assert set(err.value.fields) == {"consent"}
    attendance_only = consents.add_disclosure_consent(
        front_desk, client_id, disclosure_form(categories=["attendance"])
    )
    with pytest.raises(ValidationError) as err:
        releases.release_document(clinician, client_id, plan, Release(attendance_only.id, COURT))
    assert "does not cover treatment plan and progress" in err.value.fields["consent"]
    letter = documents["attendance_drug_test_letter"]
    with pytest.raises(ValidationError, match="does not cover drug test results"):
        releases.release_document(clinician, client_id, letter, Release(attendance_only.id, COURT))
    # The attendance letter alone is within it.
    releases.release_document(
        clinician, client_id, documents["attendance_letter"], Release(attendance_only.id, COURT)
    )
    assert Disclosure.select().count() == 1


def test_only_to_a_named_recipient_under_a_consent_in_force_of_this_client(
    charted, clinician, front_desk
):
    client_id, documents = charted
    letter = documents["attendance_letter"]
    other = make_client("Ann", "Lee")
    theirs = consents.add_disclosure_consent(front_desk, other, disclosure_form())
    with pytest.raises(ValidationError, match="no consent to disclose on file"):
        releases.release_document(clinician, client_id, letter, Release(theirs.id, COURT))
    live = consents.add_disclosure_consent(front_desk, client_id, disclosure_form())
    with pytest.raises(ValidationError) as err:
        releases.release_document(clinician, client_id, letter, Release(live.id, "Acme Staffing"))
    assert "does not name “Acme Staffing”" in err.value.fields["recipient"]
    consents.revoke_consent(front_desk, live.id, TODAY, "Client withdrew in writing")
    with pytest.raises(ValidationError, match="revoked"):
        releases.release_document(clinician, client_id, letter, Release(live.id, COURT))
    expired = consents.add_disclosure_consent(
        front_desk,
        client_id,
        disclosure_form(
            signed_on=TODAY - dt.timedelta(days=60), expires_on=TODAY - dt.timedelta(1)
        ),
    )
    with pytest.raises(ValidationError, match="expired"):
        releases.release_document(clinician, client_id, letter, Release(expired.id, COURT))
    assert Disclosure.select().count() == 0


def test_a_consent_recorded_before_categories_covers_nothing_until_they_are_recorded(
    charted, clinician, front_desk
):
    client_id, documents = charted
    legacy = consents.add_disclosure_consent(front_desk, client_id, disclosure_form())
    consents.Consent.update(categories="").where(consents.Consent.id == legacy.id).execute()
    letter = documents["attendance_letter"]
    with pytest.raises(ValidationError, match="recorded before IOPdesk kept what each consent"):
        releases.release_document(clinician, client_id, letter, Release(legacy.id, COURT))
    with pytest.raises(ValidationError, match="Tick at least one"):
        consents.record_consent_categories(front_desk, legacy.id, [])
    row = consents.record_consent_categories(front_desk, legacy.id, ["attendance"])
    assert row.covers == "Attendance (dates, minutes attended, absences)"
    with pytest.raises(DomainError, match="already on file"):
        consents.record_consent_categories(front_desk, legacy.id, ["all_records"])
    releases.release_document(clinician, client_id, letter, Release(legacy.id, COURT))


def test_a_consent_to_disclose_needs_its_categories(front_desk):
    client_id = make_client()
    for bad in ([], ["everything"], "attendance"):
        with pytest.raises(ValidationError) as err:
            consents.add_disclosure_consent(front_desk, client_id, disclosure_form(categories=bad))
        assert set(err.value.fields) == {"categories"}
    assert uncovered(["all_records"], ["drug_tests", "assessment"]) == []
    assert uncovered(["attendance"], ["drug_tests", "attendance"]) == ["drug_tests"]


def test_role_limits_front_desk_never_sees_clinical_content(charted, admin, clinician, front_desk):
    client_id, documents = charted
    consent = consents.add_disclosure_consent(
        front_desk, client_id, disclosure_form(categories=["all_records"])
    )
    release = Release(consent.id, COURT)
    desk_sees = [d.kind for d in releases.client_documents(front_desk, client_id)]
    assert desk_sees == ["attendance_letter"]
    denied_before = AuditEvent.select().where(AuditEvent.outcome == "denied").count()
    clinical = [k for k, kind in DOCUMENT_KINDS.items() if kind.clinical]
    for kind in clinical:
        for run in (
            lambda d: releases.release_document(front_desk, client_id, d, release),
            lambda d: releases.print_for_client(front_desk, client_id, d),
            lambda d: releases.preview_document(front_desk, client_id, d, release),
        ):
            with pytest.raises(PermissionDenied):
                run(documents[kind])
    denied = AuditEvent.select().where(AuditEvent.outcome == "denied").count()
    assert denied == denied_before + 3 * len(clinical)
    # The desk may give the attendance letter to the client or release it under the consent.
    letter = documents["attendance_letter"]
    assert "Drug test results" in _text(
        releases.print_for_client(front_desk, client_id, letter).content
    )
    text = _text(releases.release_document(front_desk, client_id, letter, release).content)
    assert "attendance only" in text and "Cocaine" not in text
    # Administrators run the clinic, not its records.
    for run in (
        lambda: releases.release_document(admin, client_id, letter, release),
        lambda: releases.client_documents(admin, client_id),
        lambda: consent_papers.print_accounting(admin, client_id),
        lambda: consent_papers.print_consent_form(admin, client_id, consent.id),
    ):
        with pytest.raises(PermissionDenied):
            run()
    assert [
        d.document.split(",")[0] for d in disclosures.list_disclosures(clinician, client_id)
    ] == ["Attendance letter"]


def test_the_letter_reports_attendance_absences_and_tests_of_the_period(
    charted, clinician, front_desk
):
    client_id, documents = charted
    built_admission = documents["attendance_letter"].start
    excused = Attendance.get((Attendance.client == client_id)
                             & (Attendance.status == "absent_excused"))  # fmt: skip
    entry = AttendanceEntry(client_id, "absent_excused", reason="x" * 301)
    with pytest.raises(ValidationError, match="was away is too long"):
        attendance_sheet.save_sheet(front_desk, excused.session_id, [entry])
    entry = replace(entry, reason="Court\x00 date ")  # the NUL and the space are dropped
    attendance_sheet.save_sheet(front_desk, excused.session_id, [entry])
    letter = releases.print_document(clinician, client_id, documents["attendance_drug_test_letter"])
    doc = letter.document
    assert (len(doc.attended), len(doc.absences), len(doc.tests)) == (5, 2, 3)
    assert sum(s.minutes for s in doc.attended) == 690  # the cancelled session does not count
    text = _text(letter.content)
    for needle in (
        "Attendance and drug test letter",
        "5 of 7 recorded",
        "11 h 30 min",
        "2 (1 excused, 1 unexcused)",
        "Court date",
        "Absent (unexcused)",
        "Positive: Cocaine",
        "Positive: Benzodiazepines (prescribed)",
        "Signature",
        "Casey Tester",
    ):
        assert needle in text, needle
    assert formats.show_date(built_admission + dt.timedelta(days=2)) in text
    with pytest.raises(ValidationError) as err:
        releases.print_document(
            clinician,
            client_id,
            ClientDocument("attendance_letter", start=TODAY, end=TODAY - dt.timedelta(1)),
        )
    assert "end before it starts" in err.value.fields["end"]
    with pytest.raises(ValidationError) as err:
        releases.print_document(
            clinician, client_id, ClientDocument("attendance_letter", start="2026-02-30", end=TODAY)
        )
    assert set(err.value.fields) == {"start"}


def test_a_disclosure_by_phone_is_logged_by_hand(charted, clinician, front_desk):
    client_id, _ = charted
    consent = consents.add_disclosure_consent(
        front_desk, client_id, disclosure_form(signed_on=TODAY - dt.timedelta(days=20))
    )
    call = DisclosureForm(
        consent.id, COURT.lower(), "Attendance confirmed", ["attendance"], "phone",
        TODAY - dt.timedelta(days=2), note="Told the officer the client attended all week.",
    )  # fmt: skip
    with pytest.raises(ValidationError) as err:
        disclosures.record_disclosure(
            front_desk,
            client_id,
            DisclosureForm(consent.id, COURT, " ", [], "pigeon", TODAY + dt.timedelta(1)),
        )
    assert set(err.value.fields) == {"disclosed_on", "method", "what", "categories"}
    # Drug test results are clinical: the desk may not log telling them.
    with pytest.raises(PermissionDenied):
        disclosures.record_disclosure(
            front_desk,
            client_id,
            DisclosureForm(consent.id, COURT, "Results", ["drug_tests"], "fax", TODAY),
        )
    with pytest.raises(ValidationError, match="does not name"):
        disclosures.record_disclosure(
            front_desk,
            client_id,
            DisclosureForm(consent.id, "Acme", "x", ["attendance"], "fax", TODAY),
        )
    logged = disclosures.record_disclosure(front_desk, client_id, call)
    assert (logged.recipient, logged.method_label, logged.when) == (
        COURT,
        "Telephone",
        formats.show_date(TODAY - dt.timedelta(days=2)),
    )
    by_clinician = disclosures.record_disclosure(
        clinician,
        client_id,
        DisclosureForm(consent.id, COURT, "Results of 3 tests", ["drug_tests"], "fax", TODAY),
    )
    assert by_clinician.what == "Results of 3 tests (drug tests)"
    # Before the consent was signed nothing could be told under it.
    with pytest.raises(ValidationError, match="not yet in effect"):
        disclosures.record_disclosure(
            clinician,
            client_id,
            DisclosureForm(
                consent.id, COURT, "x", ["attendance"], "phone", TODAY - dt.timedelta(30)
            ),
        )
    text = _text(consent_papers.print_accounting(front_desk, client_id).content)
    assert "Attendance confirmed (attendance)" in text and "Telephone" in text and "Fax" in text


def test_the_accounting_covers_the_past_three_years(charted, clinician, front_desk):
    client_id, documents = charted
    consent = consents.add_disclosure_consent(front_desk, client_id, disclosure_form())
    releases.release_document(
        clinician, client_id, documents["attendance_letter"], Release(consent.id, COURT)
    )
    long_ago = dt.datetime.combine(accounting_start(TODAY), dt.time()) - dt.timedelta(days=1)
    old = Disclosure.create(
        client=client_id, consent=consent.id, document="Letter of long ago", recipient=COURT,
        by=clinician.staff_id, at=long_ago,
    )  # fmt: skip
    accounting = consent_papers.print_accounting(front_desk, client_id)
    assert [line.what.split(",")[0] for line in accounting.document.lines] == ["Attendance letter"]
    assert old.document not in _text(accounting.content)
    assert accounting_start(dt.date(2028, 2, 29)) == dt.date(2025, 2, 28)
    assert AuditEvent.select().where(AuditEvent.action == "disclosure.accounting").count() == 1


def test_the_consent_form_carries_every_2_31_element(front_desk):
    client_id = make_client("Zoë", "Ñúñez")
    consent = consents.add_disclosure_consent(
        front_desk,
        client_id,
        disclosure_form(expiry_event="End of probation", categories=["attendance", "drug_tests"]),
    )
    printout = consent_papers.print_consent_form(front_desk, client_id, consent.id)
    text = _text(printout.content)
    for needle in (
        "Zoë Ñúñez",  # the patient
        "Riverbend Recovery",  # who may disclose
        "Attendance dates and drug test results from this episode",  # the information
        "Drug test results",  # its categories
        COURT,  # the recipients
        "Compliance with the conditions of probation",  # the purpose
        "revoke this consent at any time",  # the right to revoke, and how
        "End of probation",  # the expiry
        formats.show_date(TODAY),  # the date signed
        "Signature",
        "Witness",
        "42 CFR part 2 prohibits unauthorized use",
    ):
        assert needle in text, needle
    # A form for signing: one page, the signature lines under the statements.
    assert len(PdfReader(io.BytesIO(printout.content)).pages) == 1
    with pytest.raises(DomainError, match="no consent to disclose numbered"):
        consent_papers.print_consent_form(front_desk, make_client("Ann", "Lee"), consent.id)
