"""The Reports screen: choose a report, its period and program, see its figures (tables and a
chart) and its definition, and export it as a PDF or CSV."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain.report_catalog import REPORTS
from iopdesk.domain.report_layout import Cell, Table, cell_text
from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import heading, name_button
from iopdesk.gui.reports.chart import ReportChart
from iopdesk.gui.saving import write_document
from iopdesk.gui.widgets.dates import date_edit, date_of
from iopdesk.gui.widgets.notice import Notice
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.admin.clinic import PROGRAMS
from iopdesk.services.reports import registry
from iopdesk.services.reports.period import ReportPeriod
from iopdesk.services.reports.running import ReportView, file_name

BOARD = "For a board or funder (PDF: counts under 11 hidden, no client rows)"


def _sort_value(value: Cell) -> object:
    """What a column sorts by: numbers as numbers, everything else as its text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return cell_text(value)


def columns_of(table: Table) -> list[Column]:
    """RowTable columns for a report table (rows are tuples of cells)."""
    return [
        Column(
            title, lambda row, i=i: cell_text(row[i]), sort_key=lambda row, i=i: _sort_value(row[i])
        )
        for i, title in enumerate(table.columns)
    ]


def _labelled(text: str, widget: QWidget) -> list[QWidget]:
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(text.rstrip(":"))
    return [label, widget]


class ReportsScreen(QWidget):
    """Nothing is computed until Show is pressed (a year of a large clinic takes a second)."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: ReportView | None = None
        column = QVBoxLayout(self)
        column.addWidget(heading("Reports"))
        choose = QHBoxLayout()
        self.report = QComboBox()
        for name in registry.available_reports(ctx.actor):
            self.report.addItem(REPORTS[name].title, name)
        today = dt.date.today()
        self.start = date_edit(today.replace(month=1, day=1))
        self.end = date_edit(today)
        self.program = QComboBox()
        self.program.addItem("All programs", "")
        for key, label in PROGRAMS.items():
            self.program.addItem(label, key)
        for widget in (
            *_labelled("Report:", self.report),
            *_labelled("From:", self.start),
            *_labelled("To:", self.end),
            *_labelled("Program:", self.program),
        ):
            choose.addWidget(widget)  # fmt: skip
        self.show_button = name_button(QPushButton("Show"))
        self.show_button.setDefault(True)
        choose.addWidget(self.show_button)
        choose.addStretch(1)
        column.addLayout(choose)
        self.definition = QLabel()
        self.definition.setObjectName("hint")
        self.definition.setWordWrap(True)
        self.definition.setAccessibleName("Definition")
        column.addWidget(self.definition)
        self.problem = Notice("errorBanner")
        column.addWidget(self.problem)
        self.summary = QLabel("Choose a report and a period, then Show.")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Tables")
        self.chart = ReportChart()
        split.addWidget(self.tabs)
        split.addWidget(self.chart)
        split.setSizes([360, 240])
        column.addWidget(split, 1)
        bottom = QHBoxLayout()
        self.board = QCheckBox(BOARD)
        name_button(self.board)
        self.codes_button = name_button(QPushButton("Billing codes…"))
        self.export_button = name_button(QPushButton("Export…"))
        bottom.addWidget(self.board)
        bottom.addStretch(1)
        bottom.addWidget(self.codes_button)
        bottom.addWidget(self.export_button)
        column.addLayout(bottom)
        self.tables: list[RowTable] = []
        self.report.currentIndexChanged.connect(self._chosen)
        self.show_button.clicked.connect(self.run_report)
        self.export_button.clicked.connect(self.export)
        self.codes_button.clicked.connect(self.edit_codes)
        self._chosen()

    def period(self) -> ReportPeriod:
        """The period and program the person chose (the service checks them)."""
        return ReportPeriod(date_of(self.start), date_of(self.end), self.program.currentData())

    def name(self) -> str:
        return str(self.report.currentData() or "")

    def _chosen(self, *_: object) -> None:
        name = self.name()
        info = REPORTS.get(name)
        self.definition.setText(f"Definition: {info.definition}" if info else "")
        self.report.setToolTip(info.definition if info else "")
        self.codes_button.setVisible(name == "billing" and self.ctx.actor.can("settings.manage"))
        self.export_button.setEnabled(info is not None)
        self.show_button.setEnabled(info is not None)
        if self.view is not None and self.view.name != name:
            self._show(None)

    def run_report(self) -> None:
        """Compute the chosen report and show its figures."""
        name, chosen = self.name(), self.period()
        found = operations.run(
            self.ctx,
            self,
            lambda: registry.view_report(self.ctx.actor, name, chosen),
            errors=self.problem.say,
        )
        if found:
            self._show(found.result)

    def _show(self, view: ReportView | None) -> None:
        self.view = view
        self.tabs.clear()
        # QTabWidget.clear() only takes the pages out: each kept a year of rows until the screen
        # closed, one copy per Show pressed.
        for table in self.tables:
            table.deleteLater()
        self.tables = []
        if view is None:
            self.summary.setText("Choose a report and a period, then Show.")
            self.chart.show_chart(None)
            return
        self.summary.setText("\n".join(view.figures.summary))
        for table in view.figures.tables:
            rows = RowTable(columns_of(table), table.title)
            rows.set_rows(table.rows)
            self.tables.append(rows)
            self.tabs.addTab(rows, f"{table.title} ({len(table.rows):,})")
        charts = view.figures.charts
        self.chart.show_chart(charts[0] if charts else None)

    def export(self) -> None:
        """Ask where, then write the report as a PDF or CSV (by the file name's ending)."""
        name, chosen, board = self.name(), self.period(), self.board.isChecked()
        suggested = file_name(name, chosen, "pdf", board=board)
        path = prompts.save_file(self, "Export report", suggested, "PDF (*.pdf);;CSV (*.csv)")
        if not path:
            return
        kind = Path(path).suffix.lower().lstrip(".")

        def produce() -> str:
            printout = registry.export_report(self.ctx.actor, name, chosen, kind, board=board)
            write_document(path, printout.content)
            return printout.document.title

        written = operations.run(self.ctx, self, produce, errors=self.problem.say)
        if written:
            use = "for a board or funder" if board else "for internal use only"
            prompts.inform(self, "Report exported", f"{written.result} saved to {path} ({use}).")

    def edit_codes(self) -> None:
        from iopdesk.gui.reports.billing_codes import BillingCodesDialog

        opened = operations.run(
            self.ctx, self, lambda: BillingCodesDialog(self.ctx, self), errors=self.problem.say
        )
        if opened and opened.result.exec() and self.view is not None:
            self.run_report()
