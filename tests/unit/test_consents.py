"""Consents to treatment, the notice, 42 CFR 2.31 consents to disclose, revocation, the log."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.clients import Consent, Disclosure
from iopdesk.db.models.core import AuditEvent
from iopdesk.errors import DomainError, PermissionDenied, ValidationError
from iopdesk.services.clients import consents, disclosures
from iopdesk.services.context import Actor, use_case
from tests.factories.clients import disclosure_form, make_client

TODAY = dt.date.today()
ELEMENTS = ["discloser", "information", "recipients", "purpose", "revocation_text"]


@pytest.fixture
def client_id(front_desk):
    return make_client("Maria", "Lopez", status="referred")


def test_treatment_consent_and_notice(front_desk, client_id):
    treatment = consents.record_treatment_consent(front_desk, client_id, TODAY)
    notice = consents.record_notice_given(front_desk, client_id, TODAY.isoformat())
    assert (treatment.status, treatment.kind_label) == ("active", "Consent to treatment")
    assert (notice.status, notice.active) == ("given", True)
    actions = [e.action for e in AuditEvent.select().where(AuditEvent.client == client_id)]
    assert "consent.treatment" in actions and "consent.notice" in actions


def test_consent_dates_must_be_real_and_not_in_the_future(front_desk, client_id):
    with pytest.raises(ValidationError) as err:
        consents.record_treatment_consent(front_desk, client_id, TODAY + dt.timedelta(days=1))
    assert "future" in err.value.fields["signed_on"]
    with pytest.raises(ValidationError) as err:
        consents.record_notice_given(front_desk, client_id, "1950-01-01")
    assert "date of birth" in err.value.fields["given_on"]
    assert Consent.select().count() == 0


def test_disclosure_consent_needs_every_2_31_element(front_desk, client_id):
    blank = {name: "  " for name in ELEMENTS}
    form = disclosure_form(**blank, expires_on=None, expiry_event="", client_signed=False)
    with pytest.raises(ValidationError) as err:
        consents.add_disclosure_consent(front_desk, client_id, form)
    assert set(err.value.fields) == {*ELEMENTS, "expires_on", "client_signed"}
    assert "expiry event" in err.value.fields["expires_on"]
    assert "signed" in err.value.fields["client_signed"]
    assert Consent.select().count() == 0


def test_expiry_by_event_alone_is_enough_and_date_must_follow_signing(front_desk, client_id):
    row = consents.add_disclosure_consent(
        front_desk, client_id, disclosure_form(expires_on=None, expiry_event="End of probation")
    )
    assert row.status == "active" and row.expiry == "End of probation"
    with pytest.raises(ValidationError) as err:
        consents.add_disclosure_consent(
            front_desk, client_id, disclosure_form(expires_on=TODAY - dt.timedelta(days=1))
        )
    assert "after the date signed" in err.value.fields["expires_on"]


def test_status_on_a_day_active_expired_revoked(front_desk, client_id):
    signed = TODAY - dt.timedelta(days=100)
    expired = consents.add_disclosure_consent(
        front_desk,
        client_id,
        disclosure_form(signed_on=signed, expires_on=TODAY - dt.timedelta(days=1)),
    )
    live = consents.add_disclosure_consent(front_desk, client_id, disclosure_form())
    revoked = consents.add_disclosure_consent(front_desk, client_id, disclosure_form())
    consents.revoke_consent(front_desk, revoked.id, TODAY, "Client asked in writing")
    statuses = {r.id: r.status for r in consents.list_consents(front_desk, client_id)}
    assert statuses == {expired.id: "expired", live.id: "active", revoked.id: "revoked"}
    active = consents.active_disclosure_consents(front_desk, client_id)
    assert [r.id for r in active] == [live.id]
    past = consents.active_disclosure_consents(front_desk, client_id, signed)
    assert [r.id for r in past] == [expired.id]


def test_revocation_rules(front_desk, client_id):
    row = consents.add_disclosure_consent(front_desk, client_id, disclosure_form())
    with pytest.raises(ValidationError) as err:
        consents.revoke_consent(front_desk, row.id, TODAY, " ")
    assert "Reason is required" in err.value.fields["reason"]
    with pytest.raises(ValidationError):
        consents.revoke_consent(front_desk, row.id, TODAY - dt.timedelta(days=3), "x")
    consents.revoke_consent(front_desk, row.id, TODAY, "Client withdrew")
    with pytest.raises(DomainError, match="already revoked"):
        consents.revoke_consent(front_desk, row.id, TODAY, "again")
    notice = consents.record_notice_given(front_desk, client_id, TODAY)
    with pytest.raises(DomainError, match="cannot be revoked"):
        consents.revoke_consent(front_desk, notice.id, TODAY, "x")


COURT = "Hennepin County Drug Court, Officer Dana Reyes"  # the factory consent's recipient


@use_case("test.release", "disclosure.release")
def _release(actor: Actor, client_id: int, consent_id: int, recipient: str = COURT) -> object:
    release = disclosures.Release(consent_id, recipient)
    cleared = disclosures.clear_release(client_id, release, ["attendance"])
    return disclosures.log_disclosure(
        actor, client_id, cleared, "Attendance letter", ["attendance"]
    )


def test_log_disclosure_only_under_an_active_consent_of_that_client(
    front_desk, clinician, client_id
):
    other_id = make_client("Ann", "Lee", status="referred")
    live = consents.add_disclosure_consent(front_desk, client_id, disclosure_form())
    logged = _release(clinician, client_id, live.id)
    assert logged.purpose == live.purpose
    log = disclosures.list_disclosures(front_desk, client_id)
    assert [(d.document, d.recipient, d.consent_id) for d in log] == [
        ("Attendance letter", COURT, live.id)
    ]
    with pytest.raises(DomainError, match="no consent to disclose"):
        _release(clinician, other_id, live.id)
    treatment = consents.record_treatment_consent(front_desk, client_id, TODAY)
    with pytest.raises(DomainError, match="no consent to disclose"):
        _release(clinician, client_id, treatment.id)
    consents.revoke_consent(front_desk, live.id, TODAY, "Client withdrew")
    with pytest.raises(DomainError, match="revoked"):
        _release(clinician, client_id, live.id)
    assert Disclosure.select().count() == 1


def test_a_consent_names_its_recipients_one_per_line():
    text = " Hennepin County Drug Court, Officer Dana Reyes \n\nDr. Priya Shah;  Riverbend  Clinic;"
    assert consents.named_recipients(text) == [
        "Hennepin County Drug Court, Officer Dana Reyes",
        "Dr. Priya Shah",
        "Riverbend Clinic",
    ]
    assert consents.named_recipients("") == []
    assert consents.named_recipient(text, "riverbend clinic.") == "Riverbend Clinic"
    assert consents.named_recipient(text, "RIVERBEND   CLINIC") == "Riverbend Clinic"
    assert consents.named_recipient(text, "Riverbend") is None
    assert consents.named_recipient(text, "Officer Dana Reyes") is None


def test_release_only_to_a_recipient_the_consent_names(front_desk, clinician, client_id):
    probation = disclosure_form(
        information="Attendance dates only",
        recipients="Olmsted County Probation\nOfficer Dana Reyes",
        purpose="Compliance with the conditions of probation",
    )
    live = consents.add_disclosure_consent(front_desk, client_id, probation)
    assert live.recipient_choices == ("Olmsted County Probation", "Officer Dana Reyes")
    with pytest.raises(ValidationError) as refused:
        _release(clinician, client_id, live.id, "Acme Staffing (employer)")
    message = refused.value.fields["recipient"]
    assert "does not name “Acme Staffing (employer)”" in message
    assert "Olmsted County Probation; Officer Dana Reyes" in message
    assert Disclosure.select().count() == 0
    logged = _release(clinician, client_id, live.id, "officer dana reyes")
    assert logged.recipient == "Officer Dana Reyes"  # the consent's own spelling is logged
    assert Disclosure.select().count() == 1


def test_roles(admin, client_id):
    with pytest.raises(PermissionDenied):
        consents.record_treatment_consent(admin, client_id, TODAY)
    with pytest.raises(PermissionDenied):
        consents.list_consents(admin, client_id)
