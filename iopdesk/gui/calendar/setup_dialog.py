"""Calendar set-up for administrators: rooms (name, capacity) and the clinic's closed days."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, button_row, heading, line, name_button, spin
from iopdesk.gui.widgets.dates import date_edit, date_of
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.gui.widgets.unsaved import AsksBeforeDiscarding
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services import calendar as cal

ROOMS = [
    Column("Room", lambda r: r.name),
    Column("Holds", lambda r: r.capacity),
    Column("In use", lambda r: "yes" if r.active else "no"),
]
CLOSED_DAYS = [
    Column(
        "Date", lambda r: formats.show_weekday_date(r.day), sort_key=lambda r: r.day.isoformat()
    ),
    Column("Closed for", lambda r: r.name),
]


def _lay_out_page(page: QWidget, table: RowTable, form: FieldForm, *buttons: QWidget) -> None:
    """A set-up page: the list, the form under it, and the form's buttons in a row."""
    layout = QVBoxLayout(page)
    layout.addWidget(table)
    layout.addWidget(form)
    layout.addLayout(button_row(*buttons))


class RoomsPage(QWidget):
    """The room list with an add / change form."""

    def __init__(self, ctx: WindowContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = RowTable(ROOMS, "Rooms")
        self.form = FieldForm()
        self.name = self.form.add("name", "Room name", line())
        self.capacity = self.form.add("capacity", "Capacity", spin(12, 0, 500))
        self.active = self.form.add("active", "In use", QCheckBox("Sessions can be booked here"))
        self.active.setChecked(True)
        self.add_button = name_button(QPushButton("Add room"))
        self.save_button = name_button(QPushButton("Save room"))
        _lay_out_page(self, self.table, self.form, self.add_button, self.save_button)
        self.add_button.clicked.connect(self.add)
        self.save_button.clicked.connect(self.save_changes)
        self.table.needs_row(self.save_button)
        self.table.selectionModel().selectionChanged.connect(self._picked)
        self.refresh()

    def refresh(self) -> None:
        self.table.set_rows(cal.rooms(include_inactive=True))

    def typed(self) -> bool:
        """Whether the form holds a new room's name or a change not saved yet."""
        room = self.table.selected()
        if room is None:
            return bool(self.name.text().strip())
        return self._form() != cal.RoomForm(room.name, room.capacity, room.active)

    def _picked(self) -> None:
        room = self.table.selected()
        if room is not None:
            self.name.setText(room.name)
            self.capacity.setValue(room.capacity)
            self.active.setChecked(room.active)

    def _form(self) -> cal.RoomForm:
        return cal.RoomForm(self.name.text(), self.capacity.value(), self.active.isChecked())

    def add(self) -> None:
        form = self._form()
        if operations.run(
            self.ctx, self, lambda: cal.add_room(self.ctx.actor, form), errors=self.form
        ):
            self.name.clear()
            self.refresh()

    def save_changes(self) -> None:
        room, form = self.table.selected(), self._form()
        if operations.run(
            self.ctx, self, lambda: cal.edit_room(self.ctx.actor, room.id, form), errors=self.form
        ):
            self.refresh()


class ClosedDaysPage(QWidget):
    """Closed days (holidays): adding one cancels the sessions that day, after asking.

    Sessions that already have attendance or notes stay, and the page says which.
    """

    def __init__(self, ctx: WindowContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = RowTable(CLOSED_DAYS, "Closed days")
        self.form = FieldForm()
        self.day = self.form.add("day", "Date", date_edit())
        self.name = self.form.add("name", "Closed for", line(placeholder="e.g. Thanksgiving"))
        self.add_button = name_button(QPushButton("Add closed day"))
        self.remove_button = name_button(QPushButton("Re-open selected day"))
        _lay_out_page(self, self.table, self.form, self.add_button, self.remove_button)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.table.needs_row(self.remove_button)
        self.refresh()

    def refresh(self) -> None:
        self.table.set_rows(cal.closed_days())

    def typed(self) -> bool:
        """Whether a closed day's name is typed but not added."""
        return bool(self.name.text().strip())

    def add(self) -> None:
        name = self.name.text()
        closed = operations.run_with_consent(
            self.ctx,
            self,
            lambda confirmed: cal.add_closed_day(
                self.ctx.actor, date_of(self.day), name, confirmed=confirmed
            ),
            consent_title="Close the clinic?",
            yes="Close and cancel",
            errors=self.form,
        )
        if not closed:
            return
        self.name.clear()
        self.refresh()
        if closed.result.kept:
            # Sessions with attendance or notes were left alone; whoever closed the day must
            # know which ones still stand on it.
            prompts.inform(self, "Clinic closed", closed.result.message)

    def remove(self) -> None:
        row = self.table.selected()
        text = (
            f"Re-open {formats.show_date(row.day)} ({row.name})? Sessions it cancelled come back."
        )
        if operations.run(
            self.ctx,
            self,
            lambda: cal.remove_closed_day(self.ctx.actor, row.id),
            errors=self.form,
            confirm=operations.Confirm("Re-open day", text, "Re-open"),
        ):
            self.refresh()


class SetupDialog(AsksBeforeDiscarding, QDialog):
    """Rooms and closed days, in two tabs; closing asks when a form holds typing."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_size(self, ctx.actor.username)
        self.setWindowTitle("Calendar set-up")
        self.tabs = QTabWidget()
        self.rooms = RoomsPage(ctx)
        self.closed = ClosedDaysPage(ctx)
        self.tabs.addTab(self.rooms, "Rooms")
        self.tabs.addTab(self.closed, "Closed days")
        self.close_button = name_button(QPushButton("Close"))
        self.close_button.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Calendar set-up"))
        layout.addWidget(self.tabs)
        layout.addWidget(self.close_button)
        self.resize(560, 560)

    def unsaved(self) -> bool:
        return self.rooms.typed() or self.closed.typed()
