"""Chart section: the client's upcoming sessions and scheduled hours per week vs the minimum."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from iopdesk.domain.hours import hours_text, week_start
from iopdesk.errors import DomainError
from iopdesk.gui import prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import heading, name_button
from iopdesk.gui.registry import ChartTab
from iopdesk.gui.widgets.table_model import Column, RowTableModel
from iopdesk.services import calendar as cal

UPCOMING_WEEKS = 8
HOUR_WEEKS = 4


def _table(model: RowTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    return view


def _status(v: cal.SessionView) -> str:
    if v.cancelled:
        return f"Cancelled: {v.cancel_reason}"
    return "Moved" if v.moved else "Scheduled"


class ScheduleTab(QWidget):
    """Upcoming sessions (double-click opens attendance) and weekly scheduled hours."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.sessions = RowTableModel(
            [
                Column(
                    "Date",
                    lambda v: f"{v.day:%a} {v.day.isoformat()}",
                    sort_key=lambda v: (v.day, v.start),
                ),
                Column("Time", lambda v: v.time_text),
                Column("Kind", lambda v: v.kind_label),
                Column("Session", lambda v: v.title),
                Column("Counselor", lambda v: v.counselor),
                Column("Room", lambda v: v.room),
                Column("Status", _status, highlight=lambda v: v.cancelled),
            ]
        )
        self.hours = RowTableModel(
            [
                Column("Week of", lambda w: w.week_start.isoformat()),
                Column("Scheduled", lambda w: hours_text(w.minutes)),
                Column("Program minimum", lambda w: hours_text(w.minimum_minutes)),
                Column(
                    "",
                    lambda w: "Below the minimum" if w.below_minimum else "OK",
                    highlight=lambda w: w.below_minimum,
                ),
            ]
        )
        self.session_table = _table(self.sessions, "Upcoming sessions")
        self.hours_table = _table(self.hours, "Scheduled hours per week")
        self.hours_table.setMaximumHeight(150)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.new_series_button = name_button(QPushButton("New weekly session..."))
        self.export_button = name_button(QPushButton("Export .ics..."))
        self.new_series_button.setVisible(ctx.actor.can("schedule.edit"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_series_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Scheduled hours per week"))
        layout.addWidget(self.hours_table)
        layout.addWidget(self.note)
        layout.addWidget(heading(f"Upcoming sessions (next {UPCOMING_WEEKS} weeks)"))
        layout.addWidget(self.session_table, 1)
        layout.addLayout(buttons)
        self.session_table.doubleClicked.connect(self._open)
        self.new_series_button.clicked.connect(self.new_series)
        self.export_button.clicked.connect(self.export_ics)
        ctx.hub.schedule_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Ask the calendar service again."""
        today = dt.date.today()
        end = today + dt.timedelta(weeks=UPCOMING_WEEKS)
        self.sessions.set_rows(cal.sessions_for_client(self.ctx.actor, self.client_id, today, end))
        weeks = cal.scheduled_hours_per_week(
            self.ctx.actor, self.client_id, week_start(today), HOUR_WEEKS
        )
        self.hours.set_rows(weeks)
        below = sum(w.below_minimum for w in weeks)
        self.note.setText(
            f"{below} of the next {HOUR_WEEKS} weeks are below the program minimum of "
            f"{hours_text(weeks[0].minimum_minutes)} of core services (group, individual, family)."
            if below
            else "Every shown week meets the program minimum."
        )

    def _open(self, index) -> None:
        view = self.sessions.row_at(index.row())
        if not view.cancelled:
            self.ctx.hub.open_session_requested.emit(view.id)

    def new_series(self) -> None:
        from iopdesk.gui.calendar.series_dialog import SeriesDialog

        SeriesDialog(self.ctx, client_id=self.client_id, parent=self).exec()

    def export_ics(self) -> None:
        path = prompts.save_file(self, "Export .ics", "sessions.ics", "iCalendar (*.ics)")
        if not path:
            return
        try:
            Path(path).write_bytes(cal.ics_for_client(self.ctx.actor, self.client_id))
        except (DomainError, OSError) as exc:
            prompts.error(self, "Export .ics", getattr(exc, "message", str(exc)))
            return
        prompts.inform(self, "Export .ics", f"The calendar was saved to {path}.")


CHART_TAB = ChartTab("schedule", "Schedule", 40, "schedule.view", ScheduleTab)
