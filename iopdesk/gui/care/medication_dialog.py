"""Add or correct a medication on the client's list (MAT included), or give it a stop date."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QCompleter, QLineEdit, QWidget

from iopdesk.domain.medications import MAT_SUGGESTIONS, ROUTES, looks_like_mat
from iopdesk.gui.clients.versioned_dialog import VersionedFormDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import line, text_box
from iopdesk.gui.widgets.dates import date_edit
from iopdesk.services.medications import medication_list as meds
from iopdesk.services.medications.medication_list import MedicationForm, MedicationRow


def _suggesting(edit: QLineEdit, words: tuple[str, ...]) -> QLineEdit:
    """A line that offers ``words`` as the person types (any other text is fine too)."""
    completer = QCompleter(list(words), edit)
    completer.setCaseSensitivity(completer.caseSensitivity().CaseInsensitive)
    completer.setFilterMode(completer.filterMode().MatchContains)
    edit.setCompleter(completer)
    return edit


class MedicationDialog(VersionedFormDialog):
    """Add (``row`` None) or correct a medication; stopping one is giving it a stop date."""

    def __init__(
        self,
        ctx: WindowContext,
        client_id: int,
        row: MedicationRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "Medication", parent)
        self.client_id, self.row = client_id, row
        self.row_version = row.row_version if row else None
        self.add("name", "Medication", _suggesting(line(placeholder="Name"), MAT_SUGGESTIONS))
        self.add("dose", "Dose", line(placeholder="8 mg/2 mg"))
        self.add("route", "Route", _suggesting(line(placeholder="By mouth"), ROUTES))
        self.add("frequency", "Frequency", line(placeholder="Once daily"))
        self.add("prescriber", "Prescriber", line(placeholder="Dr. Name, clinic"))
        self.add("start_date", "Start date", date_edit(blank=True))
        self.add("stop_date", "Stop date", date_edit(blank=True), "Leave blank while it is taken.")
        self.mat = QCheckBox("A medication for addiction treatment (MAT)")
        self.add("is_mat", "MAT", self.mat)
        self.add("notes", "Notes", text_box("", 50))
        # A name like "Suboxone" ticks the MAT box once; the clinician may untick it.
        self.form.fields["name"].editingFinished.connect(self._suggest_mat)  # type: ignore[attr-defined]
        self.show_row(row)
        self.resize(540, 520)

    def show_row(self, row: MedicationRow | None) -> None:
        if row is not None:
            self.row, self.row_version = row, row.row_version
            for name in ("name", "dose", "route", "frequency", "prescriber"):
                self.form.fields[name].setText(getattr(row, name))  # type: ignore[attr-defined]
            for name in ("start_date", "stop_date"):
                self.form.fields[name].set_day(getattr(row, name))  # type: ignore[attr-defined]
            self.mat.setChecked(row.is_mat)
            self.form.fields["notes"].setPlainText(row.notes)  # type: ignore[attr-defined]
        self.dirty = False

    def _suggest_mat(self) -> None:
        if self.row is None and not self.mat.isChecked() and looks_like_mat(self.text("name")):
            self.mat.setChecked(True)

    def medication_form(self) -> MedicationForm:
        """What was typed, as the service's form."""
        return MedicationForm(
            self.text("name"),
            self.text("dose"),
            self.text("route"),
            self.text("frequency"),
            self.text("prescriber"),
            self.value("start_date"),
            self.value("stop_date"),
            self.mat.isChecked(),
            self.text("notes"),
            self.row_version,
        )

    def submit(self) -> object:
        form = self.medication_form()
        if self.row is None:
            return meds.add_medication(self.ctx.actor, self.client_id, form)
        return meds.edit_medication(self.ctx.actor, self.row.id, form)

    def stored_rows(self) -> list[MedicationRow]:
        return meds.list_medications(self.ctx.actor, self.client_id)
