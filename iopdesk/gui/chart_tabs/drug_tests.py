"""Chart section: drug tests with positives highlighted and days since the last positive."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.gui.attendance.drug_test_dialog import DrugTestDialog
from iopdesk.gui.chart_tabs.section import ChartSection
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import name_button
from iopdesk.gui.registry import ChartTab
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.attendance.drug_tests import DrugTestSummary, drug_tests
from iopdesk.services.context import Actor

COLUMNS = [
    date_column("Collected", lambda t: t.collected_on),
    Column("Specimen", lambda t: t.specimen_label + (" (observed)" if t.observed else "")),
    Column("Panel", lambda t: t.panel),
    Column("Results", lambda t: t.summary, highlight=lambda t: t.has_unexplained_positive),
    Column("Notes", lambda t: t.notes),
    Column("Recorded by", lambda t: t.recorded_by),
]


class DrugTestsTab(ChartSection[DrugTestSummary], QWidget):
    """The client's drug tests, newest first."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        col = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setAccessibleName("Days since last unexplained positive")
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.new_button = name_button(QPushButton("New test"))
        self.new_button.setVisible(ctx.actor.can("drugtest.record"))
        self.new_button.clicked.connect(self.new_test)
        top.addWidget(self.new_button)
        col.addLayout(top)
        self.table = RowTable(COLUMNS, "Drug tests")
        col.addWidget(self.table, 1)
        self.keep_current(self.summary.setText, ctx.hub.clinical_changed)
        self.refresh()

    def read(self, actor: Actor, client_id: int) -> DrugTestSummary:
        """The client's tests and the days since the last unexplained positive."""
        return drug_tests(actor, client_id)

    def fill(self, found: DrugTestSummary) -> None:
        """The days since the last positive, and the tests."""
        self.summary.setText(found.abstinence_text)
        self.table.set_rows(list(found.tests))

    def open_dialog(self) -> DrugTestDialog:
        return DrugTestDialog(self.ctx, self.client_id, self)

    def new_test(self) -> None:
        dialog = self.open_dialog()
        if dialog.exec() and dialog.saved is not None:
            self.refresh()


CHART_TAB = ChartTab("drug_tests", "Drug tests", 60, "clinical.read", DrugTestsTab)
