"""The new-appointment dialog and the session dialog (attendance, cancel, move, edit series)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.gui import operations, prompts
from iopdesk.gui.calendar.booking import BookingDialog
from iopdesk.gui.calendar.widgets import BOOK_ANYWAY, ClientPicker
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, heading, line, name_button
from iopdesk.gui.widgets.dates import date_edit, date_of, time_edit, time_of
from iopdesk.gui.widgets.unsaved import AsksBeforeDiscarding
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services import calendar as cal


class AppointmentDialog(BookingDialog):
    """Book one session (kind, client(s), counselor, room, date, start and end), or change a
    single appointment already booked (``editing``)."""

    def __init__(
        self,
        ctx: WindowContext,
        day: dt.date,
        start: dt.time,
        end: dt.time | None = None,
        parent: QWidget | None = None,
        *,
        editing: cal.SessionView | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.editing = editing
        self.session: object | None = None
        name = "Change appointment" if editing else "New appointment"
        self.setWindowTitle(name)
        self.setAccessibleName(name)
        mine = ctx.actor.staff_id if ctx.actor.role == "clinician" else None
        self.add_who("individual", None, ClientPicker(ctx), "Clients", mine, None)
        self.day = self.form.add("day", "Date", date_edit(day))
        self.start = self.form.add("start_time", "Start", time_edit(start))
        finish = end or (dt.datetime.combine(day, start) + dt.timedelta(hours=1)).time()
        self.end = self.form.add("end_time", "End", time_edit(finish))
        self.title = self.form.add("title", "Title (optional)", line(placeholder="e.g. Intake"))
        self.lay_out(name, "Save changes" if editing else "Book appointment")
        if editing is not None:
            self._show_booked(editing)
        self._kind_changed()
        # "Choose at least one client" goes once one is chosen, not at the next Book.
        self.clients.changed.connect(lambda: self.form.clear_error("clients"))
        self.track_changes(
            self.title.textChanged,
            self.clients.changed,
            self.start.timeChanged,
            self.end.timeChanged,
            self.day.dateChanged,
        )
        self.resize(520, 640)

    def _show_booked(self, view: cal.SessionView) -> None:
        """Fill the form with the appointment as it is booked."""
        for box, value in (
            (self.kind, view.kind),
            (self.group, view.group_id),
            (self.counselor, view.counselor_id),
            (self.room, view.room_id),
        ):
            box.setCurrentIndex(max(0, box.findData(value)))
        if view.group_id is None:
            for client_id, client in zip(view.client_ids, view.clients, strict=False):
                self.clients.add(client_id, client)
        self.title.setText(view.title)

    def form_value(self) -> cal.AppointmentForm:
        is_group = self.kind.currentData() == "group"
        return cal.AppointmentForm(
            kind=self.kind.currentData(),
            day=date_of(self.day),
            start_time=time_of(self.start),
            end_time=time_of(self.end),
            client_ids=() if is_group else self.clients.ids(),
            counselor_id=self.counselor.currentData(),
            room_id=self.room.currentData(),
            title=self.title.text(),
            group_id=self.group.currentData() if is_group else None,
        )

    def save_changes(self) -> None:
        booked = operations.run_with_reason(
            self.ctx,
            self,
            lambda reason: self._book(self.form_value(), reason),
            reason_title=BOOK_ANYWAY,
            errors=self.form,
        )
        if not booked:
            return
        self.session = booked.result
        self.saved()

    def _book(self, form: cal.AppointmentForm, reason: str) -> object:
        if self.editing is None:
            return cal.create_appointment(self.ctx.actor, form, reason)
        return cal.edit_appointment(self.ctx.actor, self.editing.id, form, reason)

    def closing_question(self) -> tuple[str, str]:
        """Closing with changes asks whether to save (or book) them first."""
        return "Unsaved appointment", (
            "Save the changes to this appointment before closing?"
            if self.editing
            else "Book this appointment before closing?"
        )


class SessionDialog(AsksBeforeDiscarding, QDialog):
    """One session: its details, and what can be done to it (closing asks when a move was
    typed and not made)."""

    def __init__(self, ctx: WindowContext, view: cal.SessionView, parent: QWidget | None = None):
        super().__init__(parent)
        keep_size(self, ctx.actor.username)
        self.ctx, self.session_id = ctx, view.id
        self.setWindowTitle("Session")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAccessibleName("Session details")
        self.attendance_button = name_button(QPushButton("Open attendance"))
        self.cancel_session_button = name_button(QPushButton("Cancel this session..."))
        self.restore_button = name_button(QPushButton("Restore session"))
        self.edit_button = name_button(QPushButton("Change appointment..."))
        self.series_button = name_button(QPushButton("Change the series from this date..."))
        self.end_series_button = name_button(QPushButton("End the series after this session..."))
        self.close_button = name_button(QPushButton("Close"))
        move_box = QGroupBox("Move this session")
        self.move_form = FieldForm()
        self.day = self.move_form.add("day", "New date", date_edit(view.day))
        self.start = self.move_form.add("start_time", "New start", time_edit(view.start))
        self.end = self.move_form.add("end_time", "New end", time_edit(view.end))
        self.move_button = name_button(QPushButton("Move session"))
        self.watch_inputs([self.day, self.start, self.end])
        inner = QVBoxLayout(move_box)
        inner.addWidget(self.move_form)
        inner.addWidget(self.move_button)
        self.errors = FieldForm()
        actions = QHBoxLayout()
        for button in (
            self.attendance_button,
            self.edit_button,
            self.cancel_session_button,
            self.restore_button,
        ):
            actions.addWidget(button)
        actions.addStretch()
        layout = QVBoxLayout(self)
        self.heading = heading("")
        layout.addWidget(self.heading)
        layout.addWidget(self.details)
        layout.addWidget(self.errors)
        layout.addLayout(actions)
        layout.addWidget(move_box)
        series_row = QHBoxLayout()
        series_row.addWidget(self.series_button)
        series_row.addWidget(self.end_series_button)
        series_row.addStretch()
        layout.addLayout(series_row)
        layout.addStretch()
        layout.addWidget(self.close_button)
        self.attendance_button.clicked.connect(self.open_attendance)
        self.cancel_session_button.clicked.connect(self.cancel_session)
        self.restore_button.clicked.connect(self.restore)
        self.edit_button.clicked.connect(self.edit_appointment)
        self.move_button.clicked.connect(self.move)
        self.series_button.clicked.connect(self.edit_series)
        self.end_series_button.clicked.connect(self.end_series)
        self.close_button.clicked.connect(self.close)
        self.show_view(view)
        self.resize(520, 560)

    def show_view(self, view: cal.SessionView) -> None:
        self.view = view
        self.heading.setText(f"{view.kind_label}: {view.title}")
        lines = [
            f"<b>{view.day:%A}, {formats.show_date(view.day)}</b>, "
            f"{formats.show_times(view.start, view.end)}",
            f"Counselor: {view.counselor or '-'}",
            f"Room: {view.room or '-'}",
        ]
        if view.clients:
            lines.append("Clients: " + ", ".join(view.clients))
        elif view.group_id:
            lines.append(f"Group roster on this date: {len(view.client_ids)} client(s)")
        if view.cancelled:
            lines.append(f"<span style='color:#b91c1c'>Cancelled: {view.cancel_reason}</span>")
        if view.moved:
            lines.append("Moved from its usual time.")
        if view.conflicts and not view.cancelled:
            lines.append(
                "<span style='color:#b91c1c'>Conflicts: " + "; ".join(view.conflicts) + "</span>"
            )
            if view.conflict_reason:
                lines.append(f"Booked anyway because: {view.conflict_reason}")
        lines.append("Part of a weekly series." if view.series_id else "A single appointment.")
        self.details.setText("<br>".join(lines))
        can_edit = self.ctx.actor.can("schedule.edit")
        self.cancel_session_button.setVisible(can_edit and not view.cancelled)
        self.restore_button.setVisible(can_edit and view.cancelled)
        self.move_button.setEnabled(can_edit and not view.cancelled)
        self.series_button.setVisible(can_edit and view.series_id is not None)
        self.end_series_button.setVisible(can_edit and view.series_id is not None)
        self.edit_button.setVisible(can_edit and view.series_id is None and not view.cancelled)
        self.attendance_button.setEnabled(not view.cancelled)

    def _changed(self) -> None:
        """Show the session as it is now (the calendar refreshed itself through the hub)."""
        now = operations.run(
            self.ctx,
            self,
            lambda: cal.session_view(self.ctx.actor, self.session_id),
            errors=self.errors,
        )
        if now:
            self.show_view(now.result)

    def open_attendance(self) -> None:
        self.ctx.hub.open_session(self.session_id)
        self.accept()

    def _act(self, change: Callable[[], object]) -> None:
        """Run a change to this session; then show it as it is now."""
        if operations.run(self.ctx, self, change, errors=self.errors):
            self._changed()

    def cancel_session(self) -> None:
        reason = prompts.ask_text(self, "Cancel session", "Why is this session cancelled?")
        if reason is not None:
            self._act(lambda: cal.cancel_occurrence(self.ctx.actor, self.session_id, reason))

    def restore(self) -> None:
        self._act(lambda: cal.restore_occurrence(self.ctx.actor, self.session_id))

    def move(self) -> None:
        moved = operations.run_with_reason(
            self.ctx,
            self,
            lambda reason: cal.move_occurrence(
                self.ctx.actor,
                self.session_id,
                date_of(self.day),
                time_of(self.start),
                time_of(self.end),
                reason,
            ),
            reason_title=BOOK_ANYWAY,
            errors=self.move_form,
        )
        if moved:
            self.dirty = False
            self._changed()

    def edit_appointment(self) -> None:
        """Change this single appointment in the booking form, filled in as it is now."""
        view = self.view
        dialog = AppointmentDialog(self.ctx, view.day, view.start, view.end, self, editing=view)
        if dialog.exec():
            self._changed()

    def end_series(self) -> None:
        """End the weekly series with this session as its last; later sessions without
        attendance go, those with records stay."""
        series_id, last = self.view.series_id, self.view.day
        assert series_id is not None
        ended = operations.run(
            self.ctx,
            self,
            lambda: cal.end_series(self.ctx.actor, series_id, last),
            errors=self.errors,
            confirm=operations.Confirm(
                "End the series",
                f"End “{self.view.title}” after {formats.show_date(last)}? Later sessions "
                "are removed from the calendar; any with attendance recorded stay.",
                "End the series",
            ),
        )
        if ended:
            prompts.inform(
                self,
                "Series ended",
                f"The series ends on {formats.show_date(last)}; "
                f"{ended.result} later session(s) were removed.",
            )
            self._changed()

    def edit_series(self) -> None:
        from iopdesk.gui.calendar.series_dialog import SeriesDialog

        series_id = self.view.series_id
        found = operations.run(
            self.ctx, self, lambda: cal.series_detail(series_id), errors=self.errors
        )
        if not found:
            return
        start = max(self.view.day, dt.date.today())
        if SeriesDialog(self.ctx, detail=found.result, from_date=start, parent=self).exec():
            self.accept()
