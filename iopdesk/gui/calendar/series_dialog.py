"""The weekly series dialog: a new series, or "change the series from this date on"."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QWidget,
)

from iopdesk.domain.recurrence import WEEKDAY_NAMES
from iopdesk.gui import operations
from iopdesk.gui.calendar.booking import BookingDialog
from iopdesk.gui.calendar.widgets import BOOK_ANYWAY, ClientPicker
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import line
from iopdesk.gui.widgets.dates import date_edit, date_of, time_edit, time_of
from iopdesk.services import calendar as cal


class WeekdayPicker(QWidget):
    """Seven check boxes, Monday to Sunday."""

    def __init__(self, chosen: frozenset[int] = frozenset(), parent=None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        for number, name in enumerate(WEEKDAY_NAMES):
            box = QCheckBox(name[:3])
            box.setAccessibleName(name)
            box.setChecked(number in chosen)
            row.addWidget(box)
            self.boxes.append(box)
        row.addStretch()

    def value(self) -> frozenset[int]:
        return frozenset(i for i, box in enumerate(self.boxes) if box.isChecked())


class SeriesDialog(BookingDialog):
    """Create a weekly series, or change an existing one (``detail``) from a date on."""

    def __init__(
        self,
        ctx: WindowContext,
        *,
        detail: cal.SeriesDetail | None = None,
        from_date: dt.date | None = None,
        client_id: int | None = None,
        group_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.series_id = detail.id if detail else None
        self.series: object | None = None
        title = "Change weekly series" if detail else "New weekly series"
        self.setWindowTitle(title)
        if detail:
            self.from_date = self.form.add(
                "from_date",
                "Change from",
                date_edit(from_date or dt.date.today()),
                hint="Sessions before this date stay exactly as they were.",
            )
        mine = ctx.actor.staff_id if ctx.actor.role == "clinician" else None
        self.add_who(
            detail.kind if detail else ("individual" if client_id else "group"),
            detail.group_id if detail else group_id,
            ClientPicker(ctx, single=True),
            "Client",
            detail.counselor_id if detail else mine,
            detail.room_id if detail else None,
        )
        chosen_client = detail.client_id if detail else client_id
        if chosen_client:
            self.clients.add_id(chosen_client)
        self.weekdays = self.form.add(
            "weekdays", "Weekdays", WeekdayPicker(detail.weekdays if detail else frozenset())
        )
        self.start = self.form.add(
            "start_time", "Start", time_edit(detail.start_time if detail else dt.time(9))
        )
        self.end = self.form.add(
            "end_time", "End", time_edit(detail.end_time if detail else dt.time(12))
        )
        first = (from_date or dt.date.today()) if detail else dt.date.today()
        self.first_date = self.form.add("first_date", "First date", date_edit(first))
        if detail:
            self.first_date.setEnabled(False)
        self.has_end = self.form.add("has_end", "Ends", QCheckBox("The series has a last date"))
        self.last_date = self.form.add(
            "last_date",
            "Last date",
            date_edit(
                detail.last_date if detail and detail.last_date else first + dt.timedelta(weeks=12)
            ),
        )
        self.has_end.setChecked(bool(detail and detail.last_date))
        self.title = self.form.add(
            "title", "Title (optional)", line(detail.title if detail else "")
        )
        self.lay_out(title, "Save changes" if detail else "Create series")
        self.has_end.toggled.connect(self.last_date.setEnabled)
        self.last_date.setEnabled(self.has_end.isChecked())
        self._kind_changed()
        self.track_changes(
            self.title.textChanged,
            self.clients.changed,
            self.start.timeChanged,
            self.end.timeChanged,
            self.first_date.dateChanged,
            self.has_end.toggled,
            *(box.toggled for box in self.weekdays.boxes),
        )
        self.resize(560, 720)

    def form_value(self) -> cal.SeriesForm:
        is_group = self.kind.currentData() == "group"
        ids = self.clients.ids()
        return cal.SeriesForm(
            kind=self.kind.currentData(),
            weekdays=self.weekdays.value(),
            start_time=time_of(self.start),
            end_time=time_of(self.end),
            first_date=date_of(self.first_date),
            last_date=date_of(self.last_date) if self.has_end.isChecked() else None,
            title=self.title.text(),
            group_id=self.group.currentData() if is_group else None,
            client_id=None if is_group or not ids else ids[0],
            counselor_id=self.counselor.currentData(),
            room_id=self.room.currentData(),
        )

    def _save(self, reason: str) -> object:
        """Create the series, or change it from the chosen date on (dates read as typed)."""
        actor, series_id = self.ctx.actor, self.series_id
        if series_id is None:
            return cal.create_series(actor, self.form_value(), reason)
        start = date_of(self.from_date)
        form = dataclasses.replace(self.form_value(), first_date=start)
        return cal.edit_series_from(actor, series_id, start, form, reason)

    def save_changes(self) -> None:
        saved = operations.run_with_reason(
            self.ctx, self, self._save, reason_title=BOOK_ANYWAY, errors=self.form
        )
        if not saved:
            return
        self.series = saved.result
        self.saved()

    def closing_question(self) -> tuple[str, str]:
        """Closing with changes asks whether to save the series first."""
        return "Unsaved series", "Save this weekly series before closing?"
