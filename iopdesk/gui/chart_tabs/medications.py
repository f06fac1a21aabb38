"""Chart section: the medication list, MAT included, current ones first."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.gui.care.medication_dialog import MedicationDialog
from iopdesk.gui.chart_tabs.section import ChartSection
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import button_row, name_button
from iopdesk.gui.registry import ChartTab
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.context import Actor
from iopdesk.services.medications import medication_list as meds
from iopdesk.services.medications.medication_list import MedicationRow

COLUMNS = [
    Column("Medication", lambda m: m.name),
    Column("Dose", lambda m: m.dose),
    Column("Route and frequency", lambda m: m.how_taken),
    Column("Prescriber", lambda m: m.prescriber),
    date_column("Started", lambda m: m.start_date),
    date_column("Stopped", lambda m: m.stop_date),
    Column("MAT", lambda m: "MAT" if m.is_mat else ""),
]


class MedicationsTab(ChartSection[list[MedicationRow]], QWidget):
    """What the client takes, who prescribed it, since when; stopped ones on request."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.rows: list[MedicationRow] = []
        col = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setAccessibleName("Medication summary")
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.show_stopped = QCheckBox("Show stopped medications")
        self.show_stopped.setAccessibleName("Show stopped medications")
        self.show_stopped.toggled.connect(self._show_rows)
        top.addWidget(self.show_stopped)
        col.addLayout(top)
        self.table = RowTable(COLUMNS, "Medications")
        self.table.doubleClicked.connect(lambda *_: self.edit_medication())
        col.addWidget(self.table, 1)
        self.add_button = name_button(QPushButton("Add medication…"))
        self.add_button.clicked.connect(self.add_medication)
        self.edit_button = name_button(QPushButton("Edit or stop…"))
        self.edit_button.clicked.connect(self.edit_medication)
        self.table.needs_row(self.edit_button)
        for button in (self.add_button, self.edit_button):
            button.setVisible(ctx.actor.can("clinical.write"))
        col.addLayout(button_row(self.add_button, self.edit_button))
        self.keep_current(self.summary.setText, ctx.hub.clinical_changed)
        self.refresh()

    def read(self, actor: Actor, client_id: int) -> list[MedicationRow]:
        """The client's medications, stopped ones included."""
        return meds.list_medications(actor, client_id)

    def fill(self, rows: list[MedicationRow]) -> None:
        """Keep every row; show the current ones unless stopped ones are asked for."""
        self.rows = rows
        self._show_rows()

    def _show_rows(self, *_: object) -> None:
        today = dt.date.today()
        current = [r for r in self.rows if r.current_on(today)]
        shown = self.rows if self.show_stopped.isChecked() else current
        self.table.set_rows(shown)
        mat = sum(r.is_mat for r in current)
        stopped = len(self.rows) - len(current)
        self.summary.setText(
            f"{len(current)} current medication{'s' if len(current) != 1 else ''}"
            + (f", {mat} for addiction treatment (MAT)" if mat else "")
            + (f" · {stopped} stopped or not started" if stopped else "")
            if self.rows
            else "No medications recorded."
        )

    def add_medication(self) -> None:
        MedicationDialog(self.ctx, self.client_id, parent=self).exec()

    def edit_medication(self) -> None:
        row = self.table.selected()
        if row is not None and self.ctx.actor.can("clinical.write"):
            MedicationDialog(self.ctx, self.client_id, row, self).exec()


CHART_TAB = ChartTab("medications", "Medications", 62, "clinical.read", MedicationsTab)
