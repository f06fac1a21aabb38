"""Booking an appointment from the keyboard: Down goes from the client search into the matches,
Enter picks the client (it never books), and the "choose a client" message goes once one is
chosen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from iopdesk.db.models.calendar import Session, SessionClient
from iopdesk.gui.calendar.dialogs import AppointmentDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from tests.factories import calendar as f
from tests.factories.clients import make_client

LEFT = Qt.MouseButton.LeftButton


def _dialog(qtbot, clinician, store) -> AppointmentDialog:
    day = f.next_weekday(f.TUE)
    dialog = AppointmentDialog(WindowContext(clinician, EventHub(), store), day, dt.time(14))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_enter_in_the_client_search_picks_the_client_and_books_nothing(
    qtbot, clinician, store, answers
):
    make_client("Guðrún", "Ólafsdóttir")
    make_client("Ólafur", "Jónsson")
    dialog = _dialog(qtbot, clinician, store)
    picker = dialog.clients
    qtbot.mouseClick(dialog.save_button, LEFT)  # no client yet: said under the field
    assert dialog.form.error_text("clients") == "Choose the client this session is for."

    qtbot.mouseClick(picker.search, LEFT)
    qtbot.keyClicks(picker.search, "Ólaf")
    assert picker.matches.count() == 2
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)  # into the matches
    assert QApplication.focusWidget() is picker.matches
    qtbot.keyClick(picker.matches, Qt.Key.Key_Down)
    second = int(picker.matches.currentItem().data(Qt.ItemDataRole.UserRole))
    assert picker.matches.currentRow() == 1
    qtbot.keyClick(picker.matches, Qt.Key.Key_Up)
    qtbot.keyClick(picker.matches, Qt.Key.Key_Up)  # from the first match back to the search
    assert QApplication.focusWidget() is picker.search
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.matches, Qt.Key.Key_Down)
    qtbot.keyClick(picker.matches, Qt.Key.Key_Return)  # the highlighted client is picked
    assert picker.ids() == (second,)
    assert Session.select().count() == 0 and dialog.isVisible()
    assert dialog.form.error_text("clients") == ""  # answered: the message went
    assert picker.search.text() == "" and QApplication.focusWidget() is picker.search

    qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # nothing typed: Enter does nothing
    assert Session.select().count() == 0 and dialog.isVisible()
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert SessionClient.get().client_id == second and not dialog.isVisible()


def test_enter_in_the_search_picks_the_first_match(qtbot, clinician, store, answers):
    noor = make_client("Noor", "Haddad")
    dialog = _dialog(qtbot, clinician, store)
    qtbot.mouseClick(dialog.clients.search, LEFT)
    qtbot.keyClicks(dialog.clients.search, "Hadd")
    qtbot.keyClick(dialog.clients.search, Qt.Key.Key_Return)
    assert dialog.clients.ids() == (noor,)
    assert Session.select().count() == 0 and dialog.isVisible()
    answers.queue("unsaved", "discard")  # nothing booked: closing asks whether to book first
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert not dialog.isVisible() and Session.select().count() == 0


def test_typing_a_time_after_clicking_in_the_box_gives_that_time(qtbot, clinician, store, answers):
    dialog = _dialog(qtbot, clinician, store)
    answers.always("unsaved", "discard")  # the dialog closes unbooked at the end
    line = dialog.start
    qtbot.mouseClick(line, LEFT, pos=QPoint(2, line.height() // 2))  # on the hour, as people do
    qtbot.wait(20)  # a person's next key comes after the click has been handled
    qtbot.keyClicks(line, "08:30")
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert dialog.start.time().toString("HH:mm") == "08:30"
