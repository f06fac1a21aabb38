"""Escape, Cancel and Close ask before a dialog throws away what a person typed, and only then."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton

from iopdesk.gui.admin.staff_admin import StaffDialog
from iopdesk.gui.attendance.drug_test_dialog import DrugTestDialog
from iopdesk.gui.calendar.dialogs import SessionDialog
from iopdesk.gui.calendar.setup_dialog import SetupDialog
from iopdesk.gui.change_password import ChangePasswordDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services import calendar as cal
from tests.factories import calendar as calendar_factory
from tests.factories.clients import make_client

LEFT = Qt.MouseButton.LeftButton
ASKS = "Close without saving what you typed?"


def _shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _escape(qtbot, dialog: QDialog) -> None:
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)


def _cancel(dialog: QDialog) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Cancel)


def test_escape_closes_an_untouched_dialog_without_asking(qtbot, store, admin, answers):
    dialog = _shown(qtbot, StaffDialog(WindowContext(admin, EventHub(), store)))
    _escape(qtbot, dialog)
    assert not dialog.isVisible() and answers.shown == []


def test_escape_after_typing_asks_and_keep_typing_keeps_the_dialog(qtbot, store, admin, answers):
    dialog = _shown(qtbot, StaffDialog(WindowContext(admin, EventHub(), store)))
    qtbot.keyClicks(dialog.full_name, "Jae Kim")
    answers.queue("confirm", False)
    _escape(qtbot, dialog)
    assert answers.texts("confirm") == [ASKS]
    assert dialog.isVisible() and dialog.full_name.text() == "Jae Kim"
    answers.queue("confirm", True)
    qtbot.mouseClick(_cancel(dialog), LEFT)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_a_saved_form_closes_without_asking(qtbot, store, clinician, answers):
    dialog = _shown(qtbot, ChangePasswordDialog(clinician))
    qtbot.keyClicks(dialog.current, "wrong password")
    qtbot.keyClicks(dialog.new, "a brand new pass 42")
    qtbot.keyClicks(dialog.repeat, "a brand new pass 42")
    answers.always("error")  # the refused current password, said in the form or a prompt
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, LEFT)
    assert dialog.isVisible()  # refused: the typing is still unsaved
    answers.queue("confirm", True)
    _escape(qtbot, dialog)
    assert answers.texts("confirm") == [ASKS] and not dialog.isVisible()


def test_a_drug_test_with_a_result_chosen_asks_before_closing(qtbot, store, clinician, answers):
    client_id = make_client(counselor=clinician)
    dialog = _shown(qtbot, DrugTestDialog(WindowContext(clinician, EventHub(), store), client_id))
    _substance, result, _prescribed = dialog.lines[0]
    result.setFocus()
    qtbot.keyClick(result, Qt.Key.Key_Down)  # the first result after "Not tested"
    assert result.currentData()
    answers.queue("confirm", False)
    qtbot.mouseClick(_cancel(dialog), LEFT)
    assert answers.texts("confirm") == [ASKS] and dialog.isVisible()


def test_calendar_setup_close_asks_only_about_a_room_typed_and_not_added(
    qtbot, store, admin, answers
):
    dialog = _shown(qtbot, SetupDialog(WindowContext(admin, EventHub(), store)))
    qtbot.keyClicks(dialog.rooms.name, "Group room C")
    answers.queue("confirm", False)
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert answers.texts("confirm") == [ASKS] and dialog.isVisible()
    qtbot.mouseClick(dialog.rooms.add_button, LEFT)
    assert "Group room C" in [r.name for r in dialog.rooms.table.rows_model.rows]
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert not dialog.isVisible() and answers.texts("confirm") == [ASKS]


def test_a_session_move_typed_and_not_made_asks_before_closing(qtbot, store, clinician, answers):
    day = calendar_factory.next_weekday(1)
    form = cal.AppointmentForm(
        "individual", day, dt.time(10), dt.time(11), (make_client(),), clinician.staff_id
    )
    session = cal.create_appointment(clinician, form)
    ctx = WindowContext(clinician, EventHub(), store)
    dialog = _shown(qtbot, SessionDialog(ctx, cal.session_view(clinician, session.id)))
    dialog.start.selectAll()
    qtbot.keyClicks(dialog.start, "14:00")
    dialog.end.selectAll()
    qtbot.keyClicks(dialog.end, "15:00")
    answers.queue("confirm", False)
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert answers.texts("confirm") == [ASKS] and dialog.isVisible()
    qtbot.mouseClick(dialog.move_button, LEFT)
    assert cal.session_view(clinician, session.id).start == dt.time(14)
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert not dialog.isVisible() and answers.texts("confirm") == [ASKS]
