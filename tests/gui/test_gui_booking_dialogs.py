"""What the appointment and weekly-series dialogs share (gui/calendar/booking.py): a group
session takes a group and no clients, and Cancel with changes asks before anything is lost."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from iopdesk.db.models.calendar import Session
from iopdesk.gui.calendar.dialogs import AppointmentDialog
from iopdesk.gui.calendar.series_dialog import SeriesDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from tests.factories import calendar as f

LEFT = Qt.MouseButton.LeftButton


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_cancel_asks_before_an_appointment_typed_is_lost(qtbot, clinician, store, answers):
    ctx = WindowContext(clinician, EventHub(), store)
    untouched = _shown(qtbot, AppointmentDialog(ctx, f.next_weekday(f.TUE), dt.time(14)))
    qtbot.mouseClick(untouched.cancel_button, LEFT)
    assert not untouched.isVisible() and answers.shown == []  # nothing typed, nothing asked

    dialog = _shown(qtbot, AppointmentDialog(ctx, f.next_weekday(f.TUE), dt.time(14)))
    qtbot.keyClicks(dialog.title, "Intake")
    answers.queue("unsaved", "cancel")
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert answers.shown[-1] == (
        "unsaved",
        "Unsaved appointment",
        "Book this appointment before closing?",
    )
    assert dialog.isVisible()
    answers.queue("unsaved", "discard")
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert not dialog.isVisible() and Session.select().count() == 0


def test_a_group_series_takes_a_group_and_saving_on_close_is_refused_like_save(
    qtbot, clinician, store, answers
):
    dialog = _shown(qtbot, SeriesDialog(WindowContext(clinician, EventHub(), store)))
    assert dialog.group.isEnabled() and not dialog.clients.isEnabled()  # a group by default
    dialog.kind.setCurrentIndex(dialog.kind.findData("individual"))
    assert not dialog.group.isEnabled() and dialog.clients.isEnabled()

    answers.queue("unsaved", "save")
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert answers.titles("unsaved") == ["Unsaved series"]
    # Saving from the prompt is refused as the Save button is: no weekdays, the dialog stays.
    assert dialog.isVisible() and dialog.form.error_text("weekdays") != ""
    assert dialog.series is None and Session.select().count() == 0
