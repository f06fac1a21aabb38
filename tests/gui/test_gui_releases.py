"""Releases from the chart as the desk and a counselor do them: Release information…, a
disclosure logged by hand, the consent form and the accounting printed, what an old consent
covers; today's plans for one group or counselor; an absence with its reason."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt

from iopdesk.db.models.attendance import Attendance
from iopdesk.db.models.clients import Consent, Disclosure
from iopdesk.gui.chart_tabs.consents import ConsentsTab
from iopdesk.gui.clients.consent_dialogs import ConsentCategoriesDialog, DisclosureLogDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services.clients import consents
from tests.factories.attendance import make_group, make_session
from tests.factories.clients import disclosure_form, make_client
from tests.gui.test_gui_clients_chart_window import when_shown

LEFT = Qt.MouseButton.LeftButton
TODAY = dt.date.today()
COURT = "Hennepin County Drug Court, Officer Dana Reyes"  # the factory consent's recipient


def _pdf_text(path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


@pytest.fixture
def desk_tab(qtbot, store, front_desk, clinician):
    client_id = make_client(counselor=clinician)
    signed = TODAY - dt.timedelta(days=20)
    consents.add_disclosure_consent(front_desk, client_id, disclosure_form(signed_on=signed))
    hub = EventHub()
    tab = ConsentsTab(WindowContext(front_desk, hub, store), client_id)
    hub.client_changed.connect(lambda _cid: tab.refresh())
    qtbot.addWidget(tab)
    tab.show()
    return tab, client_id


def test_the_desk_releases_an_attendance_letter_after_seeing_it(
    qtbot, desk_tab, clinician, answers, tmp_path
):
    tab, client_id = desk_tab
    group = make_group("Morning IOP", facilitator=clinician)
    session = make_session(group, TODAY - dt.timedelta(days=3), title="Morning IOP")
    Attendance.create(session=session, client=client_id, status="present", minutes=180)
    qtbot.mouseClick(tab.disclosures.buttons["Release information…"], LEFT)
    dialog = tab.release_dialog
    # The desk sees no clinical document, only the attendance letter.
    assert [dialog.document.itemText(i) for i in range(dialog.document.count())] == [
        "Attendance letter"
    ]
    assert dialog.start.isEnabled() and dialog.recipient.currentText() == COURT
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.preview_button, LEFT)
    assert dialog.view.page_count() >= 1 and dialog.save_button.isEnabled()
    assert "Nothing has left the program yet" in dialog.status.text()
    assert Disclosure.select().count() == 0
    saved = tmp_path / "letter.pdf"
    answers.queue("save_file", str(saved))
    answers.queue("confirm", True)
    answers.queue("inform")
    qtbot.mouseClick(dialog.save_button, LEFT)
    text = _pdf_text(saved)
    assert "Morning IOP" in text and "This record which has been disclosed to you" in text
    assert "Released to" in dialog.status.text()
    # The chart's log shows it at once.
    assert [r.recipient for r in tab.disclosures.model.rows] == [COURT]
    dialog.close()


def test_a_phone_call_is_logged_and_the_papers_print(qtbot, desk_tab, answers, tmp_path):
    tab, _ = desk_tab

    def log(dialog, seen):
        qtbot.mouseClick(dialog.save_button, LEFT)
        seen["what"] = dialog.form.error_text("what")
        dialog.form.fields["what"].setText("Attendance this week confirmed")
        dialog.categories.boxes["attendance"].click()
        dialog.form.fields["disclosed_on"].setDate(QDate(TODAY - dt.timedelta(days=1)))
        qtbot.mouseClick(dialog.save_button, LEFT)

    seen = when_shown(DisclosureLogDialog, log)
    qtbot.mouseClick(tab.disclosures.buttons["Log a disclosure…"], LEFT)
    assert "error" not in seen, seen
    assert "required" in seen["what"]
    rows = tab.disclosures.model.rows
    assert [(r.method_label, r.recipient) for r in rows] == [("Telephone", COURT)]
    tab.consents.table.selectRow(0)
    answers.queue("save_file", str(tmp_path / "consent.pdf"))
    qtbot.mouseClick(tab.consents.buttons["Print consent form…"], LEFT)
    assert "Witness (program staff)" in _pdf_text(tmp_path / "consent.pdf")
    answers.queue("save_file", str(tmp_path / "accounting.pdf"))
    qtbot.mouseClick(tab.disclosures.buttons["Print accounting…"], LEFT)
    text = _pdf_text(tmp_path / "accounting.pdf")
    assert "Accounting of disclosures" in text and "Attendance this week confirmed" in text


def test_what_an_older_consent_covers_is_recorded_once(qtbot, desk_tab, answers):
    tab, _ = desk_tab
    Consent.update(categories="").execute()
    tab.refresh()
    tab.consents.table.selectRow(0)

    def cover(dialog, seen):
        qtbot.mouseClick(dialog.save_button, LEFT)
        seen["categories"] = dialog.form.error_text("categories")
        dialog.categories.boxes["attendance"].click()
        qtbot.mouseClick(dialog.save_button, LEFT)

    seen = when_shown(ConsentCategoriesDialog, cover)
    qtbot.mouseClick(tab.consents.buttons["What it covers…"], LEFT)
    assert "error" not in seen, seen
    assert "Tick at least one" in seen["categories"]
    assert Consent.get().categories == "attendance"
    answers.queue("inform")
    tab.consents.table.selectRow(0)
    qtbot.mouseClick(tab.consents.buttons["What it covers…"], LEFT)
    assert "This consent covers: Attendance" in answers.texts("inform")[0]
