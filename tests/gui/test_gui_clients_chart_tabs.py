"""The chart's Demographics and Consents sections driven like a person would."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.clients import Consent, EmergencyContact, Insurance
from iopdesk.db.models.core import Client
from iopdesk.gui.chart_tabs.consents import ConsentsTab
from iopdesk.gui.chart_tabs.demographics import DemographicsTab
from iopdesk.gui.clients.client_dialog import ClientDialog
from iopdesk.gui.clients.consent_dialogs import (
    DisclosureConsentDialog,
    RevokeConsentDialog,
    SimpleConsentDialog,
)
from iopdesk.gui.clients.contact_dialogs import EmergencyContactDialog, InsuranceDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from tests.factories.clients import make_client


@pytest.fixture
def setup(qtbot, store, front_desk):
    ctx = WindowContext(front_desk, EventHub(), store)
    return ctx, make_client("Maria", "Lopez", status="referred")


def test_edit_demographics_contacts_and_insurance(qtbot, setup, answers):
    ctx, client_id = setup
    tab = DemographicsTab(ctx, client_id)
    qtbot.addWidget(tab)
    ctx.hub.client_changed.connect(lambda _cid: tab.refresh())
    assert tab.facts["legal_name"].text() == "Maria Lopez"
    assert tab.contacts.model.rowCount() == 0 and not tab.contacts.empty.isHidden()

    edit = ClientDialog(ctx, client_id)
    qtbot.addWidget(edit)
    assert edit.form.fields["legal_first_name"].text() == "Maria"
    edit.form.fields["preferred_name"].setText("Mari")
    edit.form.fields["email"].setText("not an email")
    assert edit.try_save() is False
    assert "Email" in edit.form.error_text("email")
    edit.form.fields["email"].setText("mari@example.org")
    assert edit.try_save() is True
    assert tab.facts["preferred_name"].text() == "Mari"

    contact = EmergencyContactDialog(ctx, client_id)
    qtbot.addWidget(contact)
    qtbot.keyClicks(contact.form.fields["name"], "Rosa Lopez")
    assert contact.try_save() is False and "phone" in contact.form.error_text("phone").lower()
    qtbot.keyClicks(contact.form.fields["phone"], "507-555-0188")
    assert contact.try_save() is True
    assert tab.contacts.model.rows[0].name == "Rosa Lopez"

    cover = InsuranceDialog(ctx, client_id)
    qtbot.addWidget(cover)
    qtbot.keyClicks(cover.form.fields["payer"], "Medica")
    qtbot.keyClicks(cover.form.fields["auth_start"], "2025-02-01")
    qtbot.keyClicks(cover.form.fields["auth_end"], "2025-01-01")
    assert cover.try_save() is False
    assert "before its start" in cover.form.error_text("auth_end")
    cover.form.fields["auth_end"].setText("2025-04-01")
    assert cover.try_save() is True
    assert tab.insurance.model.rows[0].authorization == "02/01/2025 to 04/01/2025"
    assert Insurance.select().count() == 1 and EmergencyContact.select().count() == 1
    assert Client.get_by_id(client_id).email == "mari@example.org"

    tab.contacts.table.selectRow(0)
    assert tab.contacts.buttons["Remove contact"].isEnabled()
    answers.queue("confirm", False, True)
    tab.remove_contact()
    assert EmergencyContact.select().count() == 1
    tab.remove_contact()
    assert EmergencyContact.select().count() == 0 and tab.contacts.model.rowCount() == 0


def test_consents_recorded_listed_and_revoked(qtbot, setup):
    ctx, client_id = setup
    tab = ConsentsTab(ctx, client_id)
    qtbot.addWidget(tab)
    ctx.hub.client_changed.connect(lambda _cid: tab.refresh())
    assert "Consent to treatment: MISSING" in tab.summary.text()

    treatment = SimpleConsentDialog(ctx, client_id, "treatment")
    qtbot.addWidget(treatment)
    assert treatment.try_save() is True
    notice = SimpleConsentDialog(ctx, client_id, "notice_given")
    qtbot.addWidget(notice)
    notice.form.fields["given_on"].setDate(dt.date.today() + dt.timedelta(days=2))
    assert notice.try_save() is False and "future" in notice.form.error_text("given_on")
    notice.form.fields["given_on"].setDate(dt.date.today())
    assert notice.try_save() is True

    disclose = DisclosureConsentDialog(ctx, client_id)
    qtbot.addWidget(disclose)
    assert disclose.form.fields["discloser"].text() == "Riverbend Recovery"
    assert disclose.try_save() is False
    for name in ("information", "recipients", "purpose", "expires_on", "client_signed"):
        assert disclose.form.error_text(name), name
    assert "Tick at least one" in disclose.form.error_text("categories")
    disclose.form.fields["information"].setPlainText("Attendance dates")
    disclose.categories.boxes["attendance"].click()
    disclose.form.fields["recipients"].setPlainText("Olmsted County Drug Court")
    disclose.form.fields["purpose"].setPlainText("Probation compliance")
    disclose.form.fields["expiry_event"].setText("End of probation")
    disclose.form.fields["client_signed"].click()
    assert disclose.try_save() is True, [disclose.form.error_text(n) for n in disclose.form.fields]

    rows = tab.consents.model.rows
    assert {r.kind for r in rows} == {"treatment", "notice_given", "disclose"}
    assert Consent.get(Consent.kind == "disclose").categories == "attendance"
    assert "Active consents to disclose: 1" in tab.summary.text()
    disclosure = next(r for r in rows if r.kind == "disclose")
    revoke = RevokeConsentDialog(ctx, disclosure)
    qtbot.addWidget(revoke)
    assert revoke.try_save() is False and revoke.form.error_text("reason")
    revoke.form.fields["reason"].setPlainText("Signed note from the client")
    assert revoke.try_save() is True
    assert "Active consents to disclose: 0" in tab.summary.text()
    assert Consent.get_by_id(disclosure.id).revoked_reason == "Signed note from the client"
