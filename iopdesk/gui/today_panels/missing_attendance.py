"""Today panel: sessions of the last two weeks whose attendance or notes are still missing."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from iopdesk.errors import DomainError
from iopdesk.gui.context import WindowContext
from iopdesk.gui.registry import TodayPanel
from iopdesk.gui.widgets.table_model import Column, RowTableModel
from iopdesk.services.attendance.missing_records import missing_attendance

COLUMNS = [
    Column("Date", lambda r: r.day.isoformat(), sort_key=lambda r: r.day.isoformat()),
    Column("Time", lambda r: r.time_label),
    Column("Session", lambda r: r.title),
    Column("Staff", lambda r: r.staff),
    Column("Still to do", lambda r: r.what, highlight=lambda r: r.attendance_missing),
]


class MissingAttendancePanel(QWidget):
    """Double-click a session to open its attendance sheet."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowTableModel(COLUMNS, self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.mine = QCheckBox("Only my sessions")
        self.mine.setAccessibleName("Only my sessions")
        self.mine.setChecked(ctx.actor.can("clinical.write"))
        self.mine.toggled.connect(self._toggled)
        self.view = QTableView()
        self.view.setModel(proxy)
        self.view.setAccessibleName("Sessions with attendance or notes missing")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(self._open_sheet)
        self.summary = QLabel()
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.mine)
        col.addWidget(self.summary)
        col.addWidget(self.view)
        ctx.hub.attendance_changed.connect(self._changed)
        ctx.hub.schedule_changed.connect(self.refresh)
        self.refresh()

    def _toggled(self, _checked: bool) -> None:
        self.refresh()

    def _changed(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        try:
            rows = missing_attendance(self.ctx.actor, mine_only=self.mine.isChecked())
            text = (
                f"{len(rows)} session(s) in the last two weeks need attention."
                if rows
                else "Attendance and notes are up to date for the last two weeks."
            )
        except DomainError as exc:
            rows, text = [], exc.message
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.summary.setText(text)
        self.view.setVisible(bool(rows))
        self.view.setMinimumHeight(min(320, 34 + 30 * len(rows)))

    def _open_sheet(self, index: QModelIndex) -> None:
        source = self.view.model().mapToSource(index)
        self.ctx.hub.open_session_requested.emit(self.model.row_at(source.row()).session_id)


TODAY_PANEL = TodayPanel(
    "missing_attendance",
    "Attendance and notes still missing",
    20,
    "attendance.record",
    MissingAttendancePanel,
)
