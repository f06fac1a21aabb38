"""Today panel: active clients below the weekly hours minimum (9 adults / 6 adolescents)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from iopdesk.domain.hours import hours_text
from iopdesk.errors import DomainError
from iopdesk.gui.context import WindowContext
from iopdesk.gui.registry import TodayPanel
from iopdesk.gui.widgets.table_model import Column, RowTableModel
from iopdesk.services.attendance.weekly_hours import WeeklyHoursRow, weekly_hours


def _status(r: WeeklyHoursRow) -> str:
    if r.partial_week:
        return f"admitted {r.admitted_on.isoformat() if r.admitted_on else ''}"
    if r.cannot_reach_minimum:
        return "cannot reach the minimum this week"
    return f"{hours_text(r.scheduled_minutes)} still scheduled"


COLUMNS = [
    Column("Client", lambda r: r.client_name),
    Column("Record", lambda r: r.record_number),
    Column("Attended", lambda r: hours_text(r.week.minutes), sort_key=lambda r: r.week.minutes),
    Column("Minimum", lambda r: hours_text(r.week.minimum_minutes)),
    Column("Days under 3 h", lambda r: len(r.week.short_days)),
    Column("This week", _status, highlight=lambda r: r.cannot_reach_minimum),
    Column("Counselor", lambda r: r.counselor_name),
]


class HoursBelowMinimumPanel(QWidget):
    """Clients whose core-service hours this week are under the program minimum."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowTableModel(COLUMNS, self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.view = QTableView()
        self.view.setModel(proxy)
        self.view.setAccessibleName("Clients below the weekly hours minimum")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(self._open_chart)
        self.summary = QLabel()
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.summary)
        col.addWidget(self.view)
        ctx.hub.attendance_changed.connect(self._changed)
        self.refresh()

    def _changed(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        try:
            rows = [r for r in weekly_hours(self.ctx.actor, dt.date.today()) if r.below_minimum]
            total = None
        except DomainError as exc:
            rows, total = [], exc.message
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.view.setVisible(bool(rows))
        self.view.setMinimumHeight(min(320, 34 + 30 * len(rows)))
        if total is None:
            total = (
                f"{len(rows)} active client(s) below the minimum so far this week "
                "(highlighted: cannot reach it with what is still scheduled)."
                if rows
                else "Every active client has reached the weekly minimum."
            )
        self.summary.setText(total)

    def _open_chart(self, index: QModelIndex) -> None:
        source = self.view.model().mapToSource(index)
        self.ctx.hub.open_chart_requested.emit(self.model.row_at(source.row()).client_id)


TODAY_PANEL = TodayPanel(
    "hours_below_minimum",
    "Below the weekly hours minimum",
    30,
    "schedule.view",
    HoursBelowMinimumPanel,
)
