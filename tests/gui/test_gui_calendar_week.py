"""The week view driven like a person: book by double-click, move and cancel an occurrence."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime, QTimer
from PySide6.QtWidgets import QApplication

from iopdesk.db.models.calendar import Session, SessionClient
from iopdesk.gui.calendar.dialogs import AppointmentDialog, SessionDialog
from iopdesk.gui.calendar.view import CalendarView
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services import calendar as cal
from tests.factories import calendar as f
from tests.factories.calendar import MON, TUE
from tests.factories.clients import make_client


def _view(qtbot, actor, store):
    ctx = WindowContext(actor, EventHub(), store)
    view = CalendarView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    return view


def _when_dialog(cls, act):
    """Run ``act(dialog)`` on the next modal dialog of type ``cls`` once it is shown."""
    seen = []

    def poll():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, cls) and widget.isVisible() and widget not in seen:
                seen.append(widget)
                try:
                    act(widget)
                except BaseException as exc:  # surface it after the modal loop ends
                    seen.append(exc)
                    widget.done(0)
                    return
                if widget.isVisible():  # a refused save would otherwise wait here forever
                    seen.append(AssertionError(f"{cls.__name__} is still open"))
                    widget.done(0)
                return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def _check(seen: list) -> None:
    assert seen, "the dialog did not open"
    for item in seen:
        if isinstance(item, BaseException):
            raise item


def test_double_click_empty_slot_books_an_appointment(qtbot, clinician, store, answers):
    c = make_client("Guðrún", "Ólafsdóttir")
    day = f.next_weekday(TUE)
    view = _view(qtbot, clinician, store)
    view.go_to(day)
    assert view.grid.days[1] == day

    def fill(dialog: AppointmentDialog) -> None:
        assert dialog.day.date().toPython() == day
        assert dialog.start.time() == QTime(10, 0)
        qtbot.keyClicks(dialog.clients.search, "Ólafs")
        qtbot.mouseClick(dialog.clients.add_button, Qt.MouseButton.LeftButton)
        dialog.end.setTime(QTime(9, 0))  # end before start: refused next to the field
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert "end after it starts" in dialog.form.error_text("end_time")
        assert dialog.isVisible()
        dialog.end.setTime(QTime(11, 0))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    seen = _when_dialog(AppointmentDialog, fill)
    qtbot.mouseDClick(
        view.grid, Qt.MouseButton.LeftButton, pos=view.grid.slot_point(day, dt.time(10))
    )
    _check(seen)
    session = Session.get()
    assert (session.day, session.start_time, session.end_time) == (day, dt.time(10), dt.time(11))
    assert SessionClient.get().client_id == c
    assert session.counselor_id == clinician.staff_id
    assert [v.id for v in view.grid._views] == [session.id]  # refreshed through the hub


def test_move_and_cancel_an_occurrence_from_the_session_dialog(qtbot, clinician, store, answers):
    g = f.group("Relapse Prevention (Morning)")
    monday = f.next_weekday(MON)
    series = cal.create_series(clinician, f.group_series(g, clinician.staff_id, monday))
    view = _view(qtbot, clinician, store)
    view.go_to(monday)
    first = Session.get((Session.series == series.id) & (Session.day == monday))
    rect = view.grid.block_rect(first.id)

    def move(dialog: SessionDialog) -> None:
        dialog.day.setDate(QDate(monday + dt.timedelta(days=1)))
        dialog.start.setTime(QTime(13, 0))
        dialog.end.setTime(QTime(16, 0))
        qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
        assert "Moved from its usual time" in dialog.details.text()
        dialog.accept()

    seen = _when_dialog(SessionDialog, move)
    qtbot.mouseDClick(view.grid, Qt.MouseButton.LeftButton, pos=rect.center())
    _check(seen)
    moved = Session.get_by_id(first.id)
    assert moved.day == monday + dt.timedelta(days=1) and moved.moved
    assert view.grid.block_rect(first.id).x() > rect.x()  # drawn in Tuesday's column now

    wednesday = Session.get(
        (Session.series == series.id) & (Session.day == monday + dt.timedelta(days=2))
    )
    answers.queue("text", "Facilitator at a training")

    def cancel(dialog: SessionDialog) -> None:
        qtbot.mouseClick(dialog.cancel_session_button, Qt.MouseButton.LeftButton)
        assert "Cancelled: Facilitator at a training" in dialog.details.text()
        assert dialog.restore_button.isVisibleTo(dialog)
        dialog.accept()

    seen = _when_dialog(SessionDialog, cancel)
    view.grid.setFocus()
    view.grid._select(wednesday.id)
    qtbot.keyClick(view.grid, Qt.Key.Key_Return)
    _check(seen)
    assert Session.get_by_id(wednesday.id).status == "cancelled"
    shown = {v.id: v for v in view.grid._views}
    assert shown[wednesday.id].cancelled
    assert "cancelled" in view.summary.text()


def test_conflict_asks_for_a_reason_and_paging_and_filters(qtbot, clinician, store, answers):
    day = f.next_weekday(TUE)
    a, b = make_client("Ana", "Ames"), make_client("Ben", "Burr")
    cal.create_appointment(
        clinician,
        cal.AppointmentForm("individual", day, dt.time(10), dt.time(11), (a,), clinician.staff_id),
    )
    view = _view(qtbot, clinician, store)
    view.go_to(day)
    answers.queue("text", "Intern co-leads")

    def fill(dialog: AppointmentDialog) -> None:
        dialog.clients.add_id(b)
        dialog.start.setTime(QTime(10, 30))
        dialog.end.setTime(QTime(11, 30))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    seen = _when_dialog(AppointmentDialog, fill)
    qtbot.mouseDClick(
        view.grid, Qt.MouseButton.LeftButton, pos=view.grid.slot_point(day, dt.time(11))
    )
    _check(seen)
    assert "already booked" in answers.texts("text")[0]
    assert all(v.conflicts for v in view.grid._views) and len(view.grid._views) == 2
    assert "2 with conflicts" in view.summary.text()
    week_title = view.title.text()
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.title.text() != week_title and view.grid._views == []
    qtbot.mouseClick(view.prev_button, Qt.MouseButton.LeftButton)
    assert len(view.grid._views) == 2
    view.show_combo.setCurrentIndex(view.show_combo.findData("client"))
    qtbot.keyClicks(view.client_search, "Burr")
    assert [v.clients for v in view.grid._views] == [("Ben Burr",)]
    view.day_button.setChecked(True)
    assert view.grid.days == [view.anchor]


def test_front_desk_sees_no_setup_and_admin_sees_no_booking(qtbot, front_desk, admin, store):
    desk = _view(qtbot, front_desk, store)
    assert desk.new_appointment_button.isVisibleTo(desk)
    assert not desk.setup_button.isVisibleTo(desk)
    boss = _view(qtbot, admin, store)
    assert boss.setup_button.isVisibleTo(boss)
    assert not boss.new_series_button.isVisibleTo(boss)
