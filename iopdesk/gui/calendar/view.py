"""The Calendar area: week or day grid, paging, filters, new sessions, print and export."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.gui import operations, prompts
from iopdesk.gui.calendar.dialogs import AppointmentDialog, SessionDialog
from iopdesk.gui.calendar.series_dialog import SeriesDialog
from iopdesk.gui.calendar.setup_dialog import SetupDialog
from iopdesk.gui.calendar.week_grid import KIND_COLORS, WeekGrid
from iopdesk.gui.calendar.widgets import find_clients
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import heading, name_button
from iopdesk.gui.help import shortcuts as keys
from iopdesk.gui.saving import save_to_file
from iopdesk.gui.widgets.dates import date_edit, date_of
from iopdesk.gui.widgets.notice import Notice
from iopdesk.services import calendar as cal
from iopdesk.services.admin.clinic import get_setting
from iopdesk.services.admin.staff import clinicians
from iopdesk.services.calendar import KINDS

SHOW = {
    "all": "Whole clinic",
    "mine": "My schedule",
    "counselor": "Counselor",
    "room": "Room",
    "group": "Group",
    "client": "Client",
}


class CalendarView(QWidget):
    """The week calendar a front desk and counselors live in."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        today = dt.date.today()
        self.anchor = today
        self.day_view = False
        self.grid = WeekGrid(get_setting("calendar_first_hour"), get_setting("calendar_last_hour"))
        self.title = heading("")
        self.title.setAccessibleName("Shown period")
        self.prev_button = name_button(QPushButton("< Previous"))
        self.today_button = name_button(QPushButton("Today"))
        self.next_button = name_button(QPushButton("Next >"))
        self.go_date = date_edit(today)
        self.go_date.setAccessibleName("Go to date")
        self.go_problem = Notice()  # a typed date that is not one says so here
        self.go_date.problem_changed.connect(self.go_problem.say)
        self.go_button = name_button(QPushButton("Go"))
        self.day_button = name_button(QPushButton("Day view"))
        self.day_button.setCheckable(True)
        self.new_appointment_button = name_button(QPushButton("New appointment..."))
        self.new_series_button = name_button(QPushButton("New weekly series..."))
        self.setup_button = name_button(QPushButton("Set-up..."))
        self.print_button = name_button(QPushButton("Print week..."))
        self.export_button = name_button(QPushButton("Export .ics..."))
        self.show_combo = QComboBox()
        self.show_combo.setAccessibleName("Show")
        for key, label in SHOW.items():
            if key == "mine" and ctx.actor.role != "clinician":
                continue
            self.show_combo.addItem(label, key)
        self.value_combo = QComboBox()
        self.value_combo.setAccessibleName("Whose sessions")
        self.value_combo.setMinimumWidth(220)
        self.client_search = QLineEdit()
        self.client_search.setPlaceholderText("Type a client's name or record number")
        self.client_search.setAccessibleName("Find client")
        self.summary = QLabel()
        self.summary.setAccessibleName("Week summary")
        self._build_layout()
        can_edit = ctx.actor.can("schedule.edit")
        self.new_appointment_button.setVisible(can_edit)
        self.new_series_button.setVisible(can_edit)
        self.setup_button.setVisible(ctx.actor.can("schedule.setup"))
        self._connect()
        if ctx.actor.role == "clinician":
            self.show_combo.setCurrentIndex(self.show_combo.findData("mine"))
        self._show_changed()
        keys.bind(self, keys.PRINT, self.print_button, window=False)

    def _build_layout(self) -> None:
        paging = QHBoxLayout()
        paging.addWidget(self.title, 1)
        for widget in (
            self.prev_button,
            self.today_button,
            self.next_button,
            self.go_date,
            self.go_button,
            self.day_button,
        ):
            paging.addWidget(widget)
        actions = QHBoxLayout()
        show_label = QLabel("Show:")
        show_label.setBuddy(self.show_combo)
        actions.addWidget(show_label)
        actions.addWidget(self.show_combo)
        actions.addWidget(self.client_search)
        actions.addWidget(self.value_combo)
        actions.addStretch()
        for widget in (
            self.new_appointment_button,
            self.new_series_button,
            self.setup_button,
            self.print_button,
            self.export_button,
        ):
            actions.addWidget(widget)
        legend = QHBoxLayout()
        for kind, label in KINDS.items():
            chip = QLabel(label)
            fill, accent = KIND_COLORS[kind]
            chip.setStyleSheet(
                f"background:{fill}; border-left:4px solid {accent}; padding:1px 6px;"
            )
            legend.addWidget(chip)
        legend.addWidget(QLabel("⚠ conflict   ↷ moved   struck through: cancelled"))
        legend.addStretch()
        legend.addWidget(self.summary)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.grid)
        layout = QVBoxLayout(self)
        layout.addLayout(paging)
        layout.addWidget(self.go_problem)
        layout.addLayout(actions)
        layout.addLayout(legend)
        layout.addWidget(self.scroll, 1)

    def _connect(self) -> None:
        self.prev_button.clicked.connect(lambda: self.page(-1))
        self.next_button.clicked.connect(lambda: self.page(1))
        self.today_button.clicked.connect(lambda: self.go_to(dt.date.today()))
        self.go_button.clicked.connect(
            lambda: operations.run(
                self.ctx,
                self,
                lambda: self.go_to(date_of(self.go_date)),
                errors=self.go_problem.say,
            )
        )
        self.day_button.toggled.connect(self.set_day_view)
        self.show_combo.currentIndexChanged.connect(self._show_changed)
        self.value_combo.currentIndexChanged.connect(self.refresh)
        self.client_search.textChanged.connect(self._find_client)
        self.grid.session_activated.connect(self.open_session)
        self.grid.slot_activated.connect(self.new_appointment)
        self.new_appointment_button.clicked.connect(
            lambda: self.new_appointment(self.days()[0], dt.time(9))
        )
        self.new_series_button.clicked.connect(self.new_series)
        self.setup_button.clicked.connect(self.open_setup)
        self.print_button.clicked.connect(self.print_week)
        self.export_button.clicked.connect(self.export_ics)
        self.ctx.hub.schedule_changed.connect(self.refresh)

    # -- what is shown ------------------------------------------------------------------
    def monday(self) -> dt.date:
        return self.anchor - dt.timedelta(days=self.anchor.weekday())

    def days(self) -> list[dt.date]:
        if self.day_view:
            return [self.anchor]
        return [self.monday() + dt.timedelta(days=n) for n in range(7)]

    def filters(self) -> cal.CalendarFilter:
        key = self.show_combo.currentData()
        value = self.value_combo.currentData()
        if key == "mine":
            return cal.CalendarFilter(counselor_id=self.ctx.actor.staff_id)
        if key == "counselor":
            return cal.CalendarFilter(counselor_id=value if value is not None else -1)
        if key == "room":
            return cal.CalendarFilter(room_id=value if value is not None else -1)
        if key == "group":
            return cal.CalendarFilter(group_id=value if value is not None else -1)
        if key == "client":
            return cal.CalendarFilter(client_id=value if value is not None else -1)
        return cal.CalendarFilter()

    def _show_changed(self) -> None:
        key = self.show_combo.currentData()
        self.value_combo.blockSignals(True)
        self.value_combo.clear()
        if key == "counselor":
            for row in clinicians():
                self.value_combo.addItem(row.full_name, row.id)
        elif key == "room":
            for room in cal.rooms(include_inactive=True):
                self.value_combo.addItem(room.name, room.id)
        elif key == "group":
            for group in cal.group_choices():
                self.value_combo.addItem(group.label, group.id)
        self.value_combo.blockSignals(False)
        self.value_combo.setVisible(key in ("counselor", "room", "group", "client"))
        self.client_search.setVisible(key == "client")
        self.refresh()

    def _find_client(self, text: str) -> None:
        self.value_combo.blockSignals(True)
        self.value_combo.clear()
        for row in find_clients(self.ctx, self, text, self.summary.setText):
            self.value_combo.addItem(f"{row.name} ({row.record_number})", row.id)
        self.value_combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Ask the service for the shown days and repaint (a refusal is said in the summary)."""
        days = self.days()
        found = operations.run(
            self.ctx,
            self,
            lambda: cal.week(self.ctx.actor, days[0], self.filters(), days=len(days)),
            errors=self.summary.setText,
        )
        views = found.result if found else []
        closed = cal.closed_days_between(days[0], days[-1])
        self.grid.set_sessions(days, views, closed)
        self._show_title(days)
        if found:
            self._summarize(views)

    def _show_title(self, days: list[dt.date]) -> None:
        if self.day_view:
            self.title.setText(f"{days[0]:%A}, {formats.show_date(days[0])}")
        else:
            last = days[-1]
            self.title.setText(
                f"Week of {days[0]:%B} {days[0].day} - {last:%B} {last.day}, {last.year}"
            )

    def _summarize(self, views: list[cal.SessionView]) -> None:
        active = [v for v in views if not v.cancelled]
        conflicts = sum(bool(v.conflicts) for v in active)
        hours = sum(v.minutes for v in active) / 60
        self.summary.setText(
            f"{len(active)} session(s), {hours:g} h"
            + (f", {len(views) - len(active)} cancelled" if len(views) > len(active) else "")
            + (f", {conflicts} with conflicts" if conflicts else "")
        )

    def page(self, step: int) -> None:
        self.anchor += dt.timedelta(days=step if self.day_view else 7 * step)
        self.go_date.setDate(self.anchor)
        self.refresh()

    def go_to(self, day: dt.date) -> None:
        self.anchor = day
        self.go_date.setDate(day)
        self.refresh()

    def set_day_view(self, on: bool) -> None:
        self.day_view = on
        self.refresh()

    # -- actions ------------------------------------------------------------------------
    def open_session(self, session_id: int) -> None:
        found = operations.run(
            self.ctx, self, lambda: cal.session_view(self.ctx.actor, session_id), title="Session"
        )
        if found:
            SessionDialog(self.ctx, found.result, self).exec()
        else:
            self.refresh()  # it is gone: show the calendar as it is now

    def new_appointment(self, day: dt.date, start: dt.time) -> None:
        if not self.ctx.actor.can("schedule.edit"):
            return
        AppointmentDialog(self.ctx, day, start, parent=self).exec()

    def new_series(self) -> None:
        SeriesDialog(self.ctx, parent=self).exec()

    def open_setup(self) -> None:
        SetupDialog(self.ctx, self).exec()

    def show_part(self, part: str) -> None:
        """Open a part of the calendar asked for from elsewhere (Today's set-up checklist)."""
        if part == "setup" and self.setup_button.isVisible():
            self.open_setup()
        self._show_changed()

    def print_week(self) -> None:
        monday, filters = self.monday(), self.filters()
        path = save_to_file(
            self.ctx,
            self,
            lambda: cal.print_week(self.ctx.actor, monday, filters),
            title="Print week",
            suggested=f"week-{monday.isoformat()}.pdf",
            file_filter="PDF files (*.pdf)",
        )
        if path:
            prompts.inform(self, "Print week", f"The week was saved to {path}.")

    def export_ics(self) -> None:
        filters = self.filters()
        if filters.client_id not in (None, -1):
            target, who = "client", filters.client_id
        elif filters.counselor_id not in (None, -1):
            target, who = "staff", filters.counselor_id
            if not cal.may_export_staff_calendar(self.ctx.actor, who):
                # Said before a file is chosen; the service refuses (and audits) it anyway.
                prompts.inform(self, "Export .ics", cal.OWN_CALENDAR_ONLY)
                return
        else:
            prompts.inform(
                self,
                "Export .ics",
                "Choose My schedule, a counselor or a client under Show first: "
                "a calendar file holds one person's sessions.",
            )
            return
        export = cal.ics_for_client if target == "client" else cal.ics_for_staff
        path = save_to_file(
            self.ctx,
            self,
            lambda: export(self.ctx.actor, who),
            title="Export .ics",
            suggested="sessions.ics",
            file_filter="iCalendar (*.ics)",
        )
        if path:
            prompts.inform(self, "Export .ics", f"The calendar was saved to {path}.")
