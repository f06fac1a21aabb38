"""The chart's sections run their operations as a person does: buttons clicked, dialogs filled,
refusals shown where the person looks, and every open screen brought up to date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from iopdesk.db.models.attendance import DrugTest
from iopdesk.db.models.clients import Consent, EmergencyContact
from iopdesk.db.models.core import AuditEvent
from iopdesk.gui.attendance.drug_test_dialog import DrugTestDialog
from iopdesk.gui.chart_tabs.intake import IntakeTab
from iopdesk.gui.chart_tabs.plan import PlanTab
from iopdesk.gui.chart_tabs.schedule import ScheduleTab
from iopdesk.gui.clients.chart import ChartWindow
from iopdesk.gui.clients.client_list import ClientList
from iopdesk.gui.clients.consent_dialogs import RevokeConsentDialog, SimpleConsentDialog
from iopdesk.gui.clients.contact_dialogs import EmergencyContactDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services import calendar as cal
from iopdesk.services.admin import staff
from iopdesk.services.clients import records as clients
from iopdesk.services.intake import drafts as intake_drafts
from tests.factories import calendar as f
from tests.factories.clients import client_form, make_client

LEFT = Qt.MouseButton.LeftButton
TODAY = dt.date.today()


def when_shown(kind: type[QDialog], steps: Callable[[QDialog], None]) -> dict[str, str]:
    """Drive the next modal ``kind`` dialog with ``steps`` (exec() blocks the test meanwhile).

    What ``steps`` notes in the returned dict is checked after the click that opened it; a
    failure inside is noted as "error" and the dialog closed, so the run never hangs.
    """
    seen: dict[str, str] = {}

    def drive() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind)]
        dialog = next(d for d in shown if d.isVisible())
        try:
            steps(dialog, seen)
        except Exception as exc:
            seen["error"] = repr(exc)
        if dialog.isVisible():
            seen.setdefault("error", "the dialog is still open")
            dialog.done(0)

    QTimer.singleShot(0, drive)
    return seen


def _ctx(actor, store) -> WindowContext:
    return WindowContext(actor, EventHub(), store)


def _chart(qtbot, actor, store, client_id: int) -> ChartWindow:
    chart = ChartWindow(_ctx(actor, store), client_id)
    qtbot.addWidget(chart)
    return chart


def _show_tab(chart: ChartWindow, title: str):
    chart.tabs.setCurrentIndex(chart.tab_titles().index(title))
    return chart.tabs.currentWidget()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, modal exec()
def test_a_contact_is_added_and_removed_from_the_chart(qtbot, store, front_desk, answers):
    client = clients.register_client(front_desk, client_form())
    chart = _chart(qtbot, front_desk, store, client.id)
    tab = _show_tab(chart, "Demographics")
    remove = tab.contacts.buttons["Remove contact"]
    assert not remove.isEnabled()  # it acts on a chosen contact

    def fill(dialog, seen):
        qtbot.keyClicks(dialog.form.fields["name"], "Rosa Lopez")
        qtbot.mouseClick(dialog.save_button, LEFT)
        seen["phone"] = dialog.form.error_text("phone")
        qtbot.keyClicks(dialog.form.fields["phone"], "507-555-0188")
        qtbot.mouseClick(dialog.save_button, LEFT)

    seen = when_shown(EmergencyContactDialog, fill)
    qtbot.mouseClick(tab.contacts.buttons["Add contact"], LEFT)
    assert "error" not in seen, seen
    assert "phone" in seen["phone"].lower()
    assert [r.name for r in tab.contacts.model.rows] == ["Rosa Lopez"]
    assert EmergencyContact.get().phone == "507-555-0188"

    tab.contacts.table.selectRow(0)
    answers.queue("confirm", False)
    qtbot.mouseClick(remove, LEFT)
    assert answers.shown[-1][::2] == ("confirm", "Remove Rosa Lopez as an emergency contact?")
    assert EmergencyContact.select().count() == 1
    answers.queue("confirm", True)
    qtbot.mouseClick(remove, LEFT)
    assert tab.contacts.model.rowCount() == 0 and not tab.contacts.empty.isHidden()
    assert EmergencyContact.select().count() == 0


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_consent_is_recorded_then_revoked_from_the_chart(qtbot, store, front_desk, answers):
    client = clients.register_client(front_desk, client_form())
    chart = _chart(qtbot, front_desk, store, client.id)
    tab = _show_tab(chart, "Consents")
    assert "Consent to treatment: MISSING" in tab.summary.text()

    def sign(dialog, seen):
        dialog.form.fields["signed_on"].setDate(QDate(TODAY + dt.timedelta(days=2)))
        qtbot.mouseClick(dialog.save_button, LEFT)
        seen["signed_on"] = dialog.form.error_text("signed_on")
        dialog.form.fields["signed_on"].setDate(QDate(TODAY))
        qtbot.mouseClick(dialog.save_button, LEFT)

    seen = when_shown(SimpleConsentDialog, sign)
    qtbot.mouseClick(tab.consents.buttons["Consent to treatment"], LEFT)
    assert "error" not in seen, seen
    assert "future" in seen["signed_on"]
    assert "Consent to treatment: on file" in tab.summary.text()
    assert Consent.get().signed_on == TODAY

    def revoke(dialog, seen):
        qtbot.mouseClick(dialog.save_button, LEFT)
        seen["reason"] = dialog.form.error_text("reason")
        dialog.form.fields["reason"].setPlainText("Signed note from the client")
        qtbot.mouseClick(dialog.save_button, LEFT)

    tab.consents.table.selectRow(0)
    seen = when_shown(RevokeConsentDialog, revoke)
    qtbot.mouseClick(tab.consents.buttons["Revoke"], LEFT)
    assert "error" not in seen, seen
    assert "required" in seen["reason"]
    assert "Consent to treatment: MISSING" in tab.summary.text()
    assert Consent.get().revoked_reason == "Signed note from the client"


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_drug_test_recorded_from_the_chart_is_listed(qtbot, store, front_desk, clinician):
    client = clients.register_client(front_desk, client_form())
    chart = _chart(qtbot, clinician, store, client.id)
    tab = _show_tab(chart, "Drug tests")

    def record(dialog, seen):
        dialog.collected.setDate(QDate(TODAY - dt.timedelta(days=1)))
        dialog.set_result("Cocaine", "positive")
        save = next(b for b in dialog.findChildren(QPushButton) if b.accessibleName() == "Save")
        qtbot.mouseClick(save, LEFT)

    seen = when_shown(DrugTestDialog, record)
    qtbot.mouseClick(tab.new_button, LEFT)
    assert "error" not in seen, seen
    assert tab.table.rows_model.row_at(0).has_unexplained_positive
    assert "1 day since the last unexplained positive" in tab.summary.text()
    assert DrugTest.select().count() == 1


def test_the_schedule_is_exported_or_the_reason_it_was_not_said(
    qtbot, store, clinician, tmp_path, answers
):
    client = make_client("Noor", "Haddad")
    group = f.group()
    monday = f.next_weekday(f.MON)
    f.member(group, client, monday)
    cal.create_series(clinician, f.group_series(group, clinician.staff_id, monday))
    tab = ScheduleTab(_ctx(clinician, store), client)
    qtbot.addWidget(tab)
    answers.queue("save_file", str(tmp_path / "noor.ics"))
    answers.queue("inform")
    qtbot.mouseClick(tab.export_button, LEFT)
    assert (tmp_path / "noor.ics").read_text().startswith("BEGIN:VCALENDAR")
    assert answers.shown[-1][::2] == (
        "inform",
        f"The calendar was saved to {tmp_path / 'noor.ics'}.",
    )
    answers.queue("save_file", str(tmp_path / "no such folder" / "noor.ics"))
    answers.queue("error")
    qtbot.mouseClick(tab.export_button, LEFT)
    kind, _, text = answers.shown[-1]
    assert kind == "error" and text.startswith("The file could not be saved")
    assert not (tmp_path / "no such folder").exists()
    exports = AuditEvent.select().where(AuditEvent.action == "calendar.export_ics_client")
    assert exports.count() == 2


def test_a_refused_refresh_says_why_where_the_person_looks(
    qtbot, store, admin, front_desk, answers
):
    client = clients.register_client(front_desk, client_form())
    chart = _chart(qtbot, front_desk, store, client.id)
    demographics = chart.tab("demographics")
    listing = ClientList(chart.ctx)
    qtbot.addWidget(listing)
    staff.set_active(admin, front_desk.staff_id, False)
    chart.ctx.hub.client_changed.emit(client.id)  # another screen saved a change
    gone = "no longer active"
    assert gone in chart.status.currentMessage()
    assert gone in demographics.status.text() and not demographics.status.isHidden()
    assert gone in listing.count_label.text()
    assert answers.shown == []  # said in place, not in a pile of message boxes


def test_a_plan_tab_without_clinical_access_says_so(qtbot, store, front_desk):
    client = clients.register_client(front_desk, client_form())
    tab = PlanTab(_ctx(front_desk, store), client.id)
    qtbot.addWidget(tab)
    assert tab.summary.text().startswith("Your role (Front desk) is not allowed to")
    assert tab.model.rowCount() == 0


def test_open_assessment_needs_one_chosen(qtbot, store, front_desk, clinician, answers):
    client = clients.register_client(front_desk, client_form())
    intake_drafts.start_assessment(clinician, client.id)
    tab = IntakeTab(_ctx(clinician, store), client.id)
    qtbot.addWidget(tab)
    tab.show()
    assert not tab.open_button.isEnabled()
    tab.assessment_view.selectRow(0)
    qtbot.mouseClick(tab.open_button, LEFT)
    (window,) = tab.windows.values()
    assert window.isVisible()
    window.close()
