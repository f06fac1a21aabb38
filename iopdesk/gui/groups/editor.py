"""The group editor: details, facilitators and the weekly schedule (a calendar series)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain.recurrence import WEEKDAY_NAMES
from iopdesk.gui import operations
from iopdesk.gui.calendar.widgets import BOOK_ANYWAY
from iopdesk.gui.forms import FieldForm, combo, line, name_button, spin, subheading
from iopdesk.gui.widgets.dates import date_edit, date_of, time_edit, time_of
from iopdesk.services import calendar
from iopdesk.services.admin import staff
from iopdesk.services.groups import setup as groups
from iopdesk.services.groups.setup import GROUP_TYPES, TRACKS, GroupForm, GroupRow


class GroupEditor(QWidget):
    """Edit one group (or a new one); ``saved`` carries the group id."""

    saved = Signal(int)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.group_id: int | None = None
        self.dirty = False
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        self.form = FieldForm()
        self.name = self.form.add("name", "Group name", line())
        self.group_type = self.form.add("group_type", "Type", combo(GROUP_TYPES))
        self.track = self.form.add("track", "Track", combo(TRACKS))
        self.topic = self.form.add("topic", "Topic or curriculum", line())
        self.capacity = self.form.add("capacity", "Capacity", spin(12, 1, 60))
        self.room = self.form.add("room", "Room", QComboBox())
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.facilitators: dict[int, QCheckBox] = {}
        for person in staff.clinicians():
            check = QCheckBox(person.full_name)
            check.setAccessibleName(person.full_name)
            check.toggled.connect(self._touched)
            self.facilitators[person.id] = check
            row.addWidget(check)
        row.addStretch(1)
        self.form.add("facilitators", "Facilitators", box)
        self.active = self.form.add("active", "Running", QCheckBox("Group is running"))
        col.addWidget(self.form)
        self.save_button = name_button(QPushButton("Save group"))
        self.save_button.clicked.connect(self._save_clicked)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        col.addLayout(save_row)
        col.addWidget(self._current_schedule())
        col.addWidget(self._schedule_box())
        col.addStretch(1)
        for edit in (self.name, self.topic):
            edit.textChanged.connect(self._touched)
        self.load(None)

    def _current_schedule(self) -> QWidget:
        """The group's weekly times as they stand: words, not a form."""
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 8, 0, 0)
        title = subheading("Weekly schedule")
        col.addWidget(title)
        self.current_schedule = QLabel()
        self.current_schedule.setAccessibleName("Current weekly schedule")
        self.current_schedule.setWordWrap(True)
        col.addWidget(self.current_schedule)
        return box

    def _schedule_box(self) -> QGroupBox:
        """A form to add weekly times, apart from (and below) the times the group has."""
        self.schedule = QGroupBox("Add weekly sessions")
        col = QVBoxLayout(self.schedule)
        hint = QLabel(
            "Books the group on the chosen days every week from the date below. The weekly "
            "times above stay as they are."
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        col.addWidget(hint)
        self.schedule_form = FieldForm()
        days = QWidget()
        row = QHBoxLayout(days)
        row.setContentsMargins(0, 0, 0, 0)
        self.weekdays: list[QCheckBox] = []
        for name in WEEKDAY_NAMES:
            check = QCheckBox(name[:3])
            check.setAccessibleName(name)
            self.weekdays.append(check)
            row.addWidget(check)
        self.schedule_form.add("weekdays", "Days", days)
        self.start_time = self.schedule_form.add("start_time", "Starts", time_edit(dt.time(9)))
        self.end_time = self.schedule_form.add("end_time", "Ends", time_edit(dt.time(12)))
        self.first_date = self.schedule_form.add("first_date", "From", date_edit())
        self.counselor = self.schedule_form.add("counselor", "Lead counselor", QComboBox())
        col.addWidget(self.schedule_form)
        self.add_schedule = name_button(QPushButton("Add these weekly sessions"))
        self.add_schedule.clicked.connect(self.create_schedule)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_schedule)
        col.addLayout(add_row)
        self.schedule.setVisible(self.ctx.actor.can("schedule.edit"))
        return self.schedule

    def _touched(self, *_args: object) -> None:
        self.dirty = True

    def load(self, row: GroupRow | None) -> None:
        """Show a group (None: an empty form for a new one)."""
        self.group_id = row.id if row else None
        self.form.clear_errors()
        self.room.clear()
        self.room.addItem("No fixed room", None)
        for room_id, name in groups.room_choices():
            self.room.addItem(name, room_id)
        self.name.setText(row.name if row else "")
        self.group_type.setCurrentIndex(self.group_type.findData(row.group_type if row else "open"))
        self.track.setCurrentIndex(self.track.findData(row.track if row else "morning"))
        self.topic.setText(row.topic if row else "")
        self.capacity.setValue(row.capacity if row else 12)
        self.room.setCurrentIndex(max(0, self.room.findData(row.room_id if row else None)))
        for staff_id, check in self.facilitators.items():
            check.setChecked(bool(row and staff_id in row.facilitator_ids))
        self.active.setChecked(row.active if row else True)
        self.counselor.clear()
        for staff_id, check in self.facilitators.items():
            if row and staff_id in row.facilitator_ids:
                self.counselor.addItem(check.text(), staff_id)
        self.schedule.setEnabled(row is not None)
        self.schedule_form.clear_errors()
        for check in self.weekdays:
            check.setChecked(False)
        if row is None:
            self.current_schedule.setText("Save the group first; then add its weekly times.")
        elif row.schedule:
            self.current_schedule.setText("\n".join(f"• {t}" for t in row.schedule.split("; ")))
        else:
            below = ": add them below" if self.ctx.actor.can("schedule.edit") else ""
            self.current_schedule.setText(f"No weekly sessions yet{below}.")
        self.dirty = False
        can = self.ctx.actor.can("group.manage")
        self.form.setEnabled(can)
        self.save_button.setVisible(can)

    def _save_clicked(self) -> None:
        self.save_group()

    def save_group(self) -> bool:
        form = GroupForm(
            self.name.text(),
            self.group_type.currentData(),
            self.track.currentData(),
            self.topic.text(),
            self.capacity.value(),
            self.room.currentData(),
            tuple(i for i, c in self.facilitators.items() if c.isChecked()),
            self.active.isChecked(),
        )
        actor, group_id = self.ctx.actor, self.group_id
        saved = operations.run(
            self.ctx,
            self,
            lambda: (
                groups.create_group(actor, form)
                if group_id is None
                else groups.edit_group(actor, group_id, form)
            ),
            errors=self.form,
        )
        if not saved:
            return False
        self.load(saved.result)
        self.saved.emit(saved.result.id)
        return True

    def _series_form(self) -> calendar.SeriesForm:
        return calendar.SeriesForm(
            kind="group",
            weekdays=[n for n, c in enumerate(self.weekdays) if c.isChecked()],
            start_time=time_of(self.start_time),
            end_time=time_of(self.end_time),
            first_date=date_of(self.first_date),
            group_id=self.group_id,
            counselor_id=self.counselor.currentData(),
            room_id=self.room.currentData(),
        )

    def create_schedule(self) -> None:
        group_id = self.group_id
        if group_id is None:
            return
        booked = operations.run_with_reason(
            self.ctx,
            self,
            lambda reason: calendar.create_series(self.ctx.actor, self._series_form(), reason),
            reason_title=BOOK_ANYWAY,
            errors=self.schedule_form,
        )
        if booked:
            self.saved.emit(group_id)
