"""Family and collaterals from the chart, as a person clicks: a person added with the consent
that allows contact, a contact note written and signed (its disclosure logged), an addendum,
and the front desk kept out of the notes."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from iopdesk.db.models.attendance import Attendance, NoteAddendum
from iopdesk.db.models.clients import Disclosure
from iopdesk.db.models.family import Collateral, CollateralNote, SessionCollateral
from iopdesk.gui.attendance.sheet import AttendanceSheetWindow
from iopdesk.gui.clients.collateral_dialogs import CollateralDialog
from iopdesk.gui.clients.contact_note_dialogs import ContactNoteDialog, SignedContactNoteDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services.attendance.family_sessions import family_sessions
from iopdesk.services.clients import collaterals, consents
from iopdesk.services.clients.collaterals import CollateralForm
from tests.factories.attendance import make_session
from tests.factories.clients import disclosure_form, make_client
from tests.gui.fitting import cut_texts, open_chart
from tests.gui.test_gui_clients_chart_window import when_shown

LEFT = Qt.MouseButton.LeftButton
OFFICER = "Hennepin County Drug Court, Officer Dana Reyes"


def _family_tab(chart):
    chart.tabs.setCurrentIndex(chart.tab_titles().index("Family and collaterals"))
    return chart.tabs.currentWidget()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, modal exec()
def test_a_person_and_a_signed_contact_note_from_the_family_tab(qtbot, store, clinician, answers):
    client_id = make_client("Ana", "Ruiz")
    consent = consents.add_disclosure_consent(clinician, client_id, disclosure_form())
    chart = open_chart(qtbot, clinician, store, client_id)
    tab = _family_tab(chart)
    assert not tab.people.empty.isHidden()

    def add_officer(dialog, seen):
        qtbot.mouseClick(dialog.save_button, LEFT)
        seen["name"] = dialog.form.error_text("name")
        qtbot.keyClicks(dialog.form.fields["name"], "Dana Reyes")
        dialog.form.fields["name"].editingFinished.emit()  # leaving the field, as Tab does
        seen["consent"] = dialog.consent_box.currentText()
        qtbot.keyClicks(dialog.form.fields["relationship"], "Probation officer")
        qtbot.keyClicks(dialog.form.fields["phone"], "612-555-0134")
        qtbot.mouseClick(dialog.save_button, LEFT)

    seen = when_shown(CollateralDialog, add_officer)
    qtbot.mouseClick(tab.people.buttons["Add person…"], LEFT)
    assert "error" not in seen, seen
    assert "name" in seen["name"].lower()
    assert seen["consent"].startswith(OFFICER)  # the consent naming her is offered at once
    [officer] = tab.people.model.rows
    assert officer.contact_allowed and officer.consent_text.startswith("Allowed: consent of")
    assert Collateral.get().consent_id == consent.id
    assert cut_texts(tab.people.table) == []

    def look(dialog, seen):
        box = dialog.consent_box
        seen["choices"] = [box.itemText(n) for n in range(box.count())]
        seen["chosen"] = box.currentText()
        dialog.reject()

    tab.people.table.selectRow(0)
    seen = when_shown(CollateralDialog, look)
    qtbot.mouseClick(tab.people.buttons["Edit…"], LEFT)
    assert len(seen["choices"]) == 2  # none, and the consent: not listed twice
    assert seen["chosen"] == seen["choices"][1] and seen["chosen"].startswith(OFFICER)

    def write_and_sign(dialog, seen):
        seen["person"] = dialog.with_box.currentText()
        seen["delete"] = str(dialog.delete_button.isVisible())  # nothing to delete yet
        qtbot.mouseClick(dialog.shared, LEFT)
        qtbot.keyClicks(dialog.form.fields["content"], "Confirmed attendance for the court.")
        answers.queue("confirm", True)
        qtbot.mouseClick(dialog.sign_button, LEFT)

    seen = when_shown(ContactNoteDialog, write_and_sign)
    qtbot.mouseClick(tab.notes.buttons["New contact note…"], LEFT)
    assert "error" not in seen, seen
    assert seen["person"] == "Dana Reyes (Probation officer) · contact allowed"
    assert seen["delete"] == "False"
    assert answers.titles("confirm") == ["Sign contact note"]
    [note] = tab.notes.model.rows
    assert note.signed and note.shared_information
    assert CollateralNote.get().signed_by_id == clinician.staff_id
    [disclosed] = Disclosure.select()
    assert disclosed.consent_id == consent.id  # telling the officer is a logged disclosure

    def addendum(dialog, seen):
        answers.queue("text", "Officer asked for the next drug-test date.")
        qtbot.mouseClick(dialog.addendum_button, LEFT)
        seen["addenda"] = dialog.addenda.text()
        dialog.accept()

    tab.notes.table.selectRow(0)
    seen = when_shown(SignedContactNoteDialog, addendum)
    qtbot.mouseClick(tab.notes.buttons["Open…"], LEFT)
    assert "error" not in seen, seen
    assert "Officer asked for the next drug-test date." in seen["addenda"]
    assert NoteAddendum.get().note_kind == "collateral"


def test_a_note_without_anyone_recorded_says_what_to_do_first(qtbot, store, clinician):
    chart = open_chart(qtbot, clinician, store, make_client())
    tab = _family_tab(chart)
    qtbot.mouseClick(tab.notes.buttons["New contact note…"], LEFT)
    assert tab.problem.isVisible() and "Add the person first" in tab.problem.text()


def test_the_front_desk_sees_the_people_but_never_the_notes(qtbot, store, clinician, front_desk):
    client_id = make_client()
    collaterals.add_collateral(
        clinician, client_id, CollateralForm("Maria Lopez", "Mother", "612-555-0199")
    )
    chart = open_chart(qtbot, front_desk, store, client_id)
    assert "Safety plan" not in chart.tab_titles() and "Medications" not in chart.tab_titles()
    tab = _family_tab(chart)
    assert [r.name for r in tab.people.model.rows] == ["Maria Lopez"]
    assert tab.notes.isHidden() and tab.notes.model.rowCount() == 0


def test_the_family_session_sheet_records_who_came_with_the_client(
    qtbot, store, front_desk, clinician, answers
):
    client_id = make_client("Ana", "Ruiz")
    for name, relationship in (("Maria Lopez", "Mother"), ("Tom Ruiz", "Brother")):
        collaterals.add_collateral(clinician, client_id, CollateralForm(name, relationship))
    session_id = make_session(
        None, dt.date.today(), dt.time(16), dt.time(17), kind="family",
        client_ids=(client_id,), title="Family session",
    )  # fmt: skip
    window = AttendanceSheetWindow(WindowContext(front_desk, EventHub(), store), session_id)
    qtbot.addWidget(window)
    window.show()
    family = window.family
    assert family is not None and family.isVisible()
    assert [b.text() for b in family.boxes.values()] == [
        "Maria Lopez (Mother)",
        "Tom Ruiz (Brother)",
    ]
    qtbot.mouseClick(window.rows[client_id].by_status["present"], LEFT)
    mother = next(b for b in family.boxes.values() if b.text().startswith("Maria"))
    qtbot.mouseClick(mother, LEFT)
    qtbot.mouseClick(window.save_button, LEFT)
    assert [r.collateral.name for r in SessionCollateral.select()] == ["Maria Lopez"]
    assert Attendance.get().status == "present"
    [row] = family_sessions(clinician, client_id)
    assert (row.client_status, row.came_text) == ("Present", "Maria Lopez (Mother)")


def test_a_group_session_sheet_has_no_family_part(qtbot, store, front_desk):
    session_id = make_session(None, dt.date.today(), client_ids=(make_client(),), kind="individual")
    window = AttendanceSheetWindow(WindowContext(front_desk, EventHub(), store), session_id)
    qtbot.addWidget(window)
    assert window.family is None
