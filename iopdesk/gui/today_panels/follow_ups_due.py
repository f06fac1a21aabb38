"""Today panel: follow-up check-ins due this week (and recently overdue), own clients first."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from iopdesk.errors import DomainError
from iopdesk.gui.context import WindowContext
from iopdesk.gui.registry import TodayPanel
from iopdesk.gui.widgets.table_model import Column, RowTableModel
from iopdesk.services.aftercare.follow_ups import follow_ups_due

COLUMNS = [
    Column("Due", lambda r: r.due_date.isoformat() + (" (overdue)" if r.overdue else ""),
           highlight=lambda r: r.overdue, sort_key=lambda r: r.due_date.isoformat()),
    Column("Client", lambda r: r.client_name),
    Column("Record", lambda r: r.record_number),
    Column("Phone", lambda r: r.phone),
    Column("Check-in", lambda r: f"{r.kind}-day" if r.kind.isdigit() else "Extra"),
    Column("Counselor", lambda r: r.counselor),
]  # fmt: skip


class FollowUpsDuePanel(QWidget):
    """The week's check-in calls; double-click opens the client's chart."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowTableModel(COLUMNS, self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.view = QTableView()
        self.view.setModel(proxy)
        self.view.setAccessibleName("Follow-up check-ins due this week")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(self._open_chart)
        self.empty = QLabel("No check-ins are due this week.")
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.empty)
        col.addWidget(self.view)
        ctx.hub.clinical_changed.connect(lambda *_: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        try:
            rows = follow_ups_due(self.ctx.actor, dt.date.today())
        except DomainError as exc:
            rows = []
            self.empty.setText(exc.message)
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.view.setMinimumHeight(min(320, 34 + 30 * len(rows)))

    def _open_chart(self, index) -> None:
        source = self.view.model().mapToSource(index)
        self.ctx.hub.open_chart_requested.emit(self.model.row_at(source.row()).client_id)


TODAY_PANEL = TodayPanel(
    "follow_ups_due", "Follow-up check-ins due this week", 60, "clinical.read", FollowUpsDuePanel
)
