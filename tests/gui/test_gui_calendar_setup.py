"""Closing a day from the set-up window, and who may export whose calendar, driven by hand."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from iopdesk.db.models.attendance import Attendance
from iopdesk.db.models.calendar import Session
from iopdesk.gui.calendar.setup_dialog import SetupDialog
from iopdesk.gui.calendar.view import CalendarView
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services import calendar as cal
from tests.factories import calendar as f
from tests.factories.calendar import WED
from tests.factories.clients import make_client


def test_closing_a_day_says_which_recorded_sessions_stay(qtbot, admin, clinician, store, answers):
    day = f.next_weekday(WED, dt.date.today() - dt.timedelta(days=14))
    attended = make_client("Ana", "Ames")
    kept = cal.create_appointment(
        clinician,
        cal.AppointmentForm(
            "individual", day, dt.time(10), dt.time(11), (attended,), clinician.staff_id
        ),
    )
    Attendance.create(session=kept.id, client=attended, status="present", minutes=60)
    other = cal.create_appointment(
        clinician,
        cal.AppointmentForm(
            "individual",
            day,
            dt.time(13),
            dt.time(14),
            (make_client("Ben", "Burr"),),
            clinician.staff_id,
        ),
    )
    dialog = SetupDialog(WindowContext(admin, EventHub(), store))
    qtbot.addWidget(dialog)
    page = dialog.closed
    page.day.setDate(QDate(day))
    qtbot.keyClicks(page.name, "Snow day")
    answers.queue("confirm", True)
    answers.queue("inform")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    kinds = answers.kinds()
    assert kinds == ["confirm", "inform"]
    assert "1 session(s) already have attendance or notes" in answers.shown[0].text
    assert (
        "10:00 AM – 11:00 AM" in answers.shown[1].text
        and "kept as they are" in answers.shown[1].text
    )
    assert Session.get_by_id(kept.id).status == "scheduled"
    assert Session.get_by_id(other.id).status == "cancelled"
    assert page.table.rows_model.rowCount() == 1


def test_front_desk_cannot_export_a_counselors_calendar(
    qtbot, front_desk, clinician, store, answers
):
    view = CalendarView(WindowContext(front_desk, EventHub(), store))
    qtbot.addWidget(view)
    view.show_combo.setCurrentIndex(view.show_combo.findData("counselor"))
    view.value_combo.setCurrentIndex(view.value_combo.findData(clinician.staff_id))
    answers.queue("inform")
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    # Told why before any file is chosen; no file dialog is offered.
    assert answers.kinds() == ["inform"]
    assert "Only the counselor" in answers.shown[0].text
