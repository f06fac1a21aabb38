"""Chart section: the client's upcoming sessions and scheduled hours per week vs the minimum."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.domain import formats
from iopdesk.domain.hours import WeekHours, hours_text, week_start
from iopdesk.gui import prompts
from iopdesk.gui.chart_tabs.section import ChartSection
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import button_row, heading, name_button
from iopdesk.gui.registry import ChartTab
from iopdesk.gui.saving import save_to_file
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services import calendar as cal
from iopdesk.services.context import Actor

UPCOMING_WEEKS = 8
HOUR_WEEKS = 4
#: What the tab reads: the upcoming sessions, and the scheduled hours of the coming weeks.
Shown = tuple[list[cal.SessionView], list[WeekHours]]


def _status(v: cal.SessionView) -> str:
    if v.cancelled:
        return f"Cancelled: {v.cancel_reason}"
    return "Moved" if v.moved else "Scheduled"


class ScheduleTab(ChartSection[Shown], QWidget):
    """Upcoming sessions (double-click opens attendance) and weekly scheduled hours."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.session_table = RowTable(
            [
                Column(
                    "Date",
                    lambda v: formats.show_weekday_date(v.day),
                    sort_key=lambda v: f"{v.day.isoformat()} {v.start.isoformat()}",
                ),
                Column("Time", lambda v: v.time_text),
                Column("Kind", lambda v: v.kind_label),
                Column("Session", lambda v: v.title),
                Column("Counselor", lambda v: v.counselor),
                Column("Room", lambda v: v.room),
                Column("Status", _status, highlight=lambda v: v.cancelled),
            ],
            "Upcoming sessions",
        )
        self.hours_table = RowTable(
            [
                date_column("Week of", lambda w: w.week_start),
                Column("Scheduled", lambda w: hours_text(w.minutes)),
                Column("Program minimum", lambda w: hours_text(w.minimum_minutes)),
                Column(
                    "",
                    lambda w: "Below the minimum" if w.below_minimum else "OK",
                    highlight=lambda w: w.below_minimum,
                ),
            ],
            "Scheduled hours per week",
        )
        self.hours_table.setMaximumHeight(150)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.new_series_button = name_button(QPushButton("New weekly session..."))
        self.export_button = name_button(QPushButton("Export .ics..."))
        self.new_series_button.setVisible(ctx.actor.can("schedule.edit"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Scheduled hours per week"))
        layout.addWidget(self.hours_table)
        layout.addWidget(self.note)
        layout.addWidget(heading(f"Upcoming sessions (next {UPCOMING_WEEKS} weeks)"))
        layout.addWidget(self.session_table, 1)
        layout.addLayout(button_row(self.new_series_button, self.export_button))
        self.session_table.row_opened.connect(self._open)
        self.new_series_button.clicked.connect(self.new_series)
        self.export_button.clicked.connect(self.export_ics)
        self.keep_current(self.note.setText)
        ctx.hub.schedule_changed.connect(self.refresh)
        self.refresh()

    def read(self, actor: Actor, client_id: int) -> Shown:
        """The client's upcoming sessions and the scheduled hours of the coming weeks."""
        today = dt.date.today()
        end = today + dt.timedelta(weeks=UPCOMING_WEEKS)
        return (
            cal.sessions_for_client(actor, client_id, today, end),
            cal.scheduled_hours_per_week(actor, client_id, week_start(today), HOUR_WEEKS),
        )

    def fill(self, found: Shown) -> None:
        """Both lists, and a line on the weeks below the program minimum."""
        sessions, weeks = found
        self.session_table.set_rows(sessions)
        self.hours_table.set_rows(weeks)
        below = sum(w.below_minimum for w in weeks)
        self.note.setText(
            f"{below} of the next {HOUR_WEEKS} weeks are below the program minimum of "
            f"{hours_text(weeks[0].minimum_minutes)} of core services (group, individual, family)."
            if below
            else "Every shown week meets the program minimum."
        )

    def _open(self, view: cal.SessionView) -> None:
        if not view.cancelled:
            self.ctx.hub.open_session(view.id)

    def new_series(self) -> None:
        from iopdesk.gui.calendar.series_dialog import SeriesDialog

        SeriesDialog(self.ctx, client_id=self.client_id, parent=self).exec()

    def export_ics(self) -> None:
        """Save the client's upcoming sessions as an iCalendar file."""
        path = save_to_file(
            self.ctx,
            self,
            lambda: cal.ics_for_client(self.ctx.actor, self.client_id),
            title="Export .ics",
            suggested="sessions.ics",
            file_filter="iCalendar (*.ics)",
        )
        if path:
            prompts.inform(self, "Export .ics", f"The calendar was saved to {path}.")


CHART_TAB = ChartTab("schedule", "Schedule", 40, "schedule.view", ScheduleTab)
