"""Calendar screens run every service call one way: set-up, series, session, print and export."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime, QTimer
from PySide6.QtWidgets import QApplication

from iopdesk.db.models.calendar import ClosedDay, Room, Session
from iopdesk.domain import formats
from iopdesk.gui.calendar.dialogs import SessionDialog
from iopdesk.gui.calendar.series_dialog import SeriesDialog
from iopdesk.gui.calendar.setup_dialog import SetupDialog
from iopdesk.gui.calendar.view import CalendarView
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services import calendar as cal
from tests.factories import calendar as f
from tests.factories.calendar import MON, TUE, WED
from tests.factories.clients import make_client


def _heard(ctx: WindowContext) -> list[str]:
    heard: list[str] = []
    ctx.hub.schedule_changed.connect(lambda: heard.append("schedule"))
    return heard


def _appointment(clinician, day: dt.date) -> Session:
    """A client's 10:00-11:00 session with the clinician on ``day``."""
    form = cal.AppointmentForm(
        "individual", day, dt.time(10), dt.time(11), (make_client(),), clinician.staff_id
    )
    return cal.create_appointment(clinician, form)


def _click(qtbot, button) -> None:
    assert button.isEnabled(), f"{button.text()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_rooms_are_added_refused_next_to_the_name_and_changed(qtbot, admin, store, answers):
    ctx = WindowContext(admin, EventHub(), store)
    dialog = SetupDialog(ctx)
    qtbot.addWidget(dialog)
    page = dialog.rooms
    heard = _heard(ctx)
    assert not page.save_button.isEnabled()  # nothing chosen to save yet
    _click(qtbot, page.add_button)
    assert "Room name" in page.form.error_text("name")
    assert Room.select().count() == 0 and heard == []
    qtbot.keyClicks(page.name, "Group Room B")
    page.capacity.setValue(14)
    _click(qtbot, page.add_button)
    assert page.form.error_text("name") == "" and heard == ["schedule"]
    assert [(r.name, r.capacity) for r in Room.select()] == [("Group Room B", 14)]
    assert page.table.rows_model.row_at(0).name == "Group Room B"
    page.table.selectRow(0)
    assert page.name.text() == "Group Room B" and page.save_button.isEnabled()
    page.capacity.setValue(10)
    _click(qtbot, page.save_button)
    assert Room.get().capacity == 10 and page.table.rows_model.row_at(0).capacity == 10
    assert not page.save_button.isEnabled()  # the list was read again: no row chosen


def test_a_closed_day_is_refused_declined_then_closed_and_reopened(
    qtbot, admin, clinician, store, answers
):
    day = f.next_weekday(WED)
    booked = _appointment(clinician, day)
    dialog = SetupDialog(WindowContext(admin, EventHub(), store))
    qtbot.addWidget(dialog)
    page = dialog.closed
    page.day.setDate(QDate(day))
    _click(qtbot, page.add_button)  # no name given
    assert "Name of the closure is required" in page.form.error_text("name")
    assert answers.shown == [] and ClosedDay.select().count() == 0
    qtbot.keyClicks(page.name, "Snow day")
    answers.queue("confirm", False)
    _click(qtbot, page.add_button)
    assert [kind for kind, _, _ in answers.shown] == [
        "confirm"
    ] and "1 session(s)" in answers.shown[0][2]
    assert ClosedDay.select().count() == 0
    assert Session.get_by_id(booked.id).status == "scheduled"
    answers.queue("confirm", True)
    _click(qtbot, page.add_button)
    assert Session.get_by_id(booked.id).status == "cancelled"
    assert page.table.rows_model.row_at(0).name == "Snow day" and page.name.text() == ""
    assert not page.remove_button.isEnabled()
    page.table.selectRow(0)
    answers.queue("confirm", True)
    _click(qtbot, page.remove_button)
    assert "Re-open" in answers.shown[-1][2] and ClosedDay.select().count() == 0
    assert Session.get_by_id(booked.id).status == "scheduled"
    assert page.table.rows_model.rowCount() == 0


def test_a_new_series_is_refused_next_to_its_weekdays_then_created(
    qtbot, clinician, store, answers
):
    client = make_client("Noor", "Haddad")
    ctx = WindowContext(clinician, EventHub(), store)
    heard = _heard(ctx)
    dialog = SeriesDialog(ctx, client_id=client)
    qtbot.addWidget(dialog)
    monday = f.next_weekday(MON)
    dialog.first_date.setDate(QDate(monday))
    _click(qtbot, dialog.save_button)
    assert dialog.form.error_text("weekdays") != "" and dialog.series is None
    assert Session.select().count() == 0 and heard == []
    dialog.weekdays.boxes[TUE].setChecked(True)
    dialog.has_end.setChecked(True)
    dialog.last_date.setDate(QDate(monday + dt.timedelta(weeks=3)))
    _click(qtbot, dialog.save_button)
    assert dialog.result() == SeriesDialog.DialogCode.Accepted and heard == ["schedule"]
    days = [s.day for s in Session.select().order_by(Session.day)]
    assert days == [monday + dt.timedelta(days=1, weeks=n) for n in range(3)]


def test_changing_a_series_from_a_date_keeps_the_earlier_sessions(qtbot, clinician, store, answers):
    monday = f.next_weekday(MON)
    series = cal.create_series(
        clinician, f.individual_series(make_client(), clinician.staff_id, monday)
    )
    later = monday + dt.timedelta(weeks=2)
    ctx = WindowContext(clinician, EventHub(), store)
    dialog = SeriesDialog(ctx, detail=cal.series_detail(series.id), from_date=later)
    qtbot.addWidget(dialog)
    dialog.start.setTime(QTime(16, 0))
    dialog.end.setTime(QTime(15, 0))
    _click(qtbot, dialog.save_button)
    assert "end after it starts" in dialog.form.error_text("end_time")
    dialog.end.setTime(QTime(17, 0))
    _click(qtbot, dialog.save_button)
    assert dialog.result() == SeriesDialog.DialogCode.Accepted
    starts = {s.day: s.start_time for s in Session.select().where(Session.status == "scheduled")}
    assert {start for day, start in starts.items() if day < later} == {dt.time(14)}
    assert {start for day, start in starts.items() if day >= later} == {dt.time(16)}


def test_a_session_move_is_refused_next_to_its_end_and_attendance_opens(
    qtbot, clinician, store, answers
):
    session = _appointment(clinician, f.next_weekday(TUE))
    ctx = WindowContext(clinician, EventHub(), store)
    dialog = SessionDialog(ctx, cal.session_view(clinician, session.id))
    qtbot.addWidget(dialog)
    dialog.start.setTime(QTime(15, 0))
    dialog.end.setTime(QTime(14, 0))
    _click(qtbot, dialog.move_button)
    assert "end after it starts" in dialog.move_form.error_text("end_time")
    assert Session.get_by_id(session.id).start_time == dt.time(10)
    dialog.end.setTime(QTime(16, 0))
    _click(qtbot, dialog.move_button)
    assert dialog.move_form.error_text("end_time") == ""
    assert Session.get_by_id(session.id).start_time == dt.time(15)
    assert formats.show_times(dt.time(15), dt.time(16)) in dialog.details.text()
    with qtbot.waitSignal(ctx.hub.open_session_requested) as opened:
        _click(qtbot, dialog.attendance_button)
    assert opened.args == [session.id]


def test_print_week_and_export_ics_write_the_files_or_say_why_not(
    qtbot, clinician, store, answers, tmp_path
):
    monday = f.next_weekday(MON)
    cal.create_series(clinician, f.individual_series(make_client(), clinician.staff_id, monday))
    view = CalendarView(WindowContext(clinician, EventHub(), store))
    qtbot.addWidget(view)
    view.go_to(monday)
    answers.queue("save_file", str(tmp_path / "week.pdf"))
    answers.queue("inform")
    _click(qtbot, view.print_button)
    assert (tmp_path / "week.pdf").read_bytes().startswith(b"%PDF")
    assert answers.shown[-1][0] == "inform" and "week.pdf" in answers.shown[-1][2]
    answers.queue("save_file", str(tmp_path / "mine.ics"))  # a clinician's view is "My schedule"
    answers.queue("inform")
    _click(qtbot, view.export_button)
    assert b"BEGIN:VCALENDAR" in (tmp_path / "mine.ics").read_bytes()
    answers.queue("save_file", str(tmp_path))  # a folder: the file cannot be written there
    answers.queue("error")
    _click(qtbot, view.export_button)
    assert answers.shown[-1][0] == "error" and "could not be saved" in answers.shown[-1][2]


def test_a_series_is_ended_from_one_of_its_sessions(qtbot, clinician, store, answers):
    monday = f.next_weekday(MON)
    series = cal.create_series(
        clinician, f.individual_series(make_client(), clinician.staff_id, monday)
    )
    sessions = list(Session.select().where(Session.series == series.id).order_by(Session.day))
    second = sessions[1]
    ctx = WindowContext(clinician, EventHub(), store)
    heard = _heard(ctx)
    dialog = SessionDialog(ctx, cal.session_view(clinician, second.id))
    qtbot.addWidget(dialog)
    answers.queue("confirm", False)  # thought better of it: nothing changes
    _click(qtbot, dialog.end_series_button)
    assert Session.select().where(Session.series == series.id).count() == len(sessions)
    answers.queue("confirm", True)
    answers.queue("inform")
    _click(qtbot, dialog.end_series_button)
    left = [s.day for s in Session.select().where(Session.series == series.id)]
    assert sorted(left) == [sessions[0].day, second.day]
    assert answers.kinds() == ["confirm", "confirm", "inform"]
    assert f"{len(sessions) - 2} later session(s) were removed" in answers.texts("inform")[0]
    assert heard == ["schedule"]


def test_an_appointment_is_changed_from_its_session_window(qtbot, clinician, store, answers):
    day = f.next_weekday(TUE)
    session = _appointment(clinician, day)
    ctx = WindowContext(clinician, EventHub(), store)
    dialog = SessionDialog(ctx, cal.session_view(clinician, session.id))
    qtbot.addWidget(dialog)
    seen = []

    def change(editor) -> None:
        seen.append(editor.windowTitle())
        assert editor.clients.ids() == cal.session_view(clinician, session.id).client_ids
        editor.title.clear()
        qtbot.keyClicks(editor.title, "Relapse review")
        editor.start.setTime(QTime(15, 0))
        editor.end.setTime(QTime(14, 0))
        _click(qtbot, editor.save_button)
        assert "end after it starts" in editor.form.error_text("end_time")
        editor.end.setTime(QTime(16, 0))
        _click(qtbot, editor.save_button)

    QTimer.singleShot(0, lambda: change(QApplication.activeModalWidget()))
    _click(qtbot, dialog.edit_button)
    assert seen == ["Change appointment"]
    saved = Session.get_by_id(session.id)
    assert (saved.title, saved.start_time, saved.end_time) == (
        "Relapse review",
        dt.time(15),
        dt.time(16),
    )
    assert "Relapse review" in dialog.heading.text()
