"""Today: treatment plans due or overdue for review, your own clients first, and "Print
today's plans" for every client scheduled today."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from iopdesk.errors import DomainError
from iopdesk.gui import prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import name_button
from iopdesk.gui.registry import TodayPanel
from iopdesk.gui.widgets.table_model import Column, RowTableModel
from iopdesk.services.plans import printing as plans_printing
from iopdesk.services.plans import reviews as plans_reviews

COLUMNS = [
    Column("Client", lambda r: f"{r.client_name} ({r.record_number})"),
    Column("Counselor", lambda r: r.counselor_name),
    Column(
        "Next review",
        lambda r: r.next_review_date.isoformat(),
        highlight=lambda r: r.review_status == "overdue",
    ),
    Column("When", lambda r: r.label, highlight=lambda r: r.review_status == "overdue"),
]


class PlansDuePanel(QWidget):
    """Plans due within a week or overdue; double-click opens the client's chart."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        col = QVBoxLayout(self)
        self.empty = QLabel("No plans are due for review this week.")
        col.addWidget(self.empty)
        self.model = RowTableModel(COLUMNS, self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(proxy)
        self.table.setAccessibleName("Plans due for review")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 260)
        self.table.setColumnWidth(1, 200)
        self.table.doubleClicked.connect(self.open_chart)
        self.table.setMinimumHeight(160)
        col.addWidget(self.table)
        row = QHBoxLayout()
        self.print_button = name_button(QPushButton("Print today's plans…"))
        self.print_button.clicked.connect(self.print_today)
        row.addWidget(self.print_button)
        row.addStretch()
        col.addLayout(row)
        ctx.hub.clinical_changed.connect(lambda _: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        rows = plans_reviews.plans_due(self.ctx.actor)
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))

    def open_chart(self, index: object) -> None:
        source = self.table.model().mapToSource(index)  # type: ignore[arg-type]
        self.ctx.hub.open_chart_requested.emit(self.model.row_at(source.row()).client_id)

    def print_today(self, day: dt.date | None = None) -> str | None:
        """One PDF of the plans of every client scheduled today, with a progress bar."""
        day = day or dt.date.today()
        progress = QProgressDialog("Preparing today's plans…", "Cancel", 0, 100, self)
        progress.setWindowTitle("Print today's plans")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)

        def step(done: int, total: int) -> None:
            progress.setValue(int(100 * done / max(total, 1)))
            QApplication.processEvents()

        try:
            printout = plans_printing.print_todays_plans(self.ctx.actor, day, progress=step)
            batch = printout.document
            if not batch.plans:
                progress.close()
                prompts.inform(
                    self, "Print today's plans", "No client scheduled today has a treatment plan."
                )
                return None
        except DomainError as exc:
            progress.close()
            prompts.error(self, "Print today's plans", exc.message)
            return None
        progress.setValue(100)
        progress.close()
        path = prompts.save_file(
            self, "Save today's plans", printout.file_name, "PDF files (*.pdf)"
        )
        if not path:
            return None
        with open(path, "wb") as handle:
            handle.write(printout.content)
        missing = (
            f" No plan yet for: {', '.join(batch.without_plan)}." if batch.without_plan else ""
        )
        prompts.inform(
            self, "Print today's plans", f"{len(batch.plans)} plans saved to {path}.{missing}"
        )
        return path


TODAY_PANEL = TodayPanel(
    "plans_due", "Treatment plans due for review", 20, "clinical.read", PlansDuePanel
)
