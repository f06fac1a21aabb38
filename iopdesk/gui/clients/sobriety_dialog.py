"""The sobriety date in the chart header ("Sober since 03/02/2026 · 92 days") and its dialog:
set or reset the date with a short note, above every earlier setting."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from iopdesk.domain import formats
from iopdesk.gui import operations
from iopdesk.gui.clients.form_dialog import FormDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import line, name_button
from iopdesk.gui.widgets.dates import date_column, date_edit
from iopdesk.gui.widgets.section_table import SectionTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.clients import sobriety
from iopdesk.services.clients.sobriety import Sobriety

HISTORY = [
    Column("", lambda e: e.action),
    date_column("Sober since", lambda e: e.sober_since),
    Column("Note", lambda e: e.note),
    Column("By", lambda e: e.set_by),
    Column("When", lambda e: formats.show_moment(e.set_at), sort_key=lambda e: e.set_at),
]


class SobrietyDialog(FormDialog):
    """Set (or reset, after a return to use) the client's sobriety date."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Set sobriety date", parent)
        self.client_id = client_id
        self.add("sober_since", "Sober since", date_edit())
        self.add("note", "Note", line(placeholder="Optional: what happened"), "A few words.")
        section = SectionTable("History", HISTORY, "No sobriety date has been set before.")
        self.history = section.table
        outer = self.layout()
        outer.setStretchFactor(self.form, 0)  # the form stays compact; room goes below the list
        outer.insertWidget(2, section)
        outer.insertStretch(3, 1)
        found = operations.run(ctx, self, lambda: sobriety.sobriety_history(ctx.actor, client_id))
        section.set_rows(found.result.history if found else [])
        self.dirty = False
        self.resize(760, 420)

    def submit(self) -> Sobriety:
        return sobriety.set_sobriety_date(
            self.ctx.actor, self.client_id, self.value("sober_since"), self.text("note")
        )


class SobrietyLine(QWidget):
    """The chart header's sobriety line and its "Set sobriety date…" button (clinicians)."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setAccessibleName("Sobriety date")
        self.button = name_button(QPushButton("Set sobriety date…"))
        self.button.clicked.connect(self.set_date)
        self.button.setVisible(ctx.actor.can("clinical.write"))
        row.addWidget(self.label)
        row.addWidget(self.button)
        row.addStretch()
        self.refresh()

    def refresh(self) -> None:
        """Ask for the current date again (a refusal is the line's text)."""
        found = operations.run(
            self.ctx,
            self,
            lambda: sobriety.sobriety_status(self.ctx.actor, self.client_id),
            errors=self.label.setText,
        )
        if found:
            self.label.setText(found.result.line)

    def set_date(self) -> None:
        """Open the dialog; saving it announces the change, and the chart refreshes this line."""
        SobrietyDialog(self.ctx, self.client_id, self.window()).exec()
