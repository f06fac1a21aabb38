"""The New drug test dialog: specimen, observed, panel, and a result per substance."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iopdesk.gui import operations, prompts
from iopdesk.gui.forms import FieldForm, combo, line, name_button, text_box
from iopdesk.gui.widgets.dates import date_edit, date_of
from iopdesk.services.attendance.drug_tests import (
    COMMON_SUBSTANCES,
    RESULTS,
    SPECIMENS,
    DrugTestForm,
    DrugTestRow,
    ResultEntry,
    record_drug_test,
)
from iopdesk.services.medications.medication_list import MedicationRow, current_medications

NOT_TESTED = "Not tested"
NEGATIVE = "negative"  # a key of RESULTS
EXTRA_LINES = 2


def _named(medication: QComboBox, prescribed: QCheckBox) -> None:
    """Naming the medication is saying a prescription explains the positive."""
    if medication.currentData() is not None:
        prescribed.setChecked(True)


def _result_chosen(result: QComboBox, medication: QComboBox) -> None:
    """A medication explains a positive only: otherwise its box is cleared and waits."""
    positive = result.currentData() == "positive"
    if not positive:
        medication.setCurrentIndex(0)
    medication.setEnabled(positive)


class DrugTestDialog(QDialog):
    """Record one test; Save calls the service and closes only when it succeeded."""

    def __init__(self, ctx, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.saved: DrugTestRow | None = None
        self.setWindowTitle("New drug test")
        col = QVBoxLayout(self)
        self.form = FieldForm()
        self.collected = self.form.add("collected_on", "Collection date", date_edit())
        self.specimen = self.form.add("specimen", "Specimen", combo(SPECIMENS, "urine"))
        self.observed = self.form.add("observed", "Observed collection", QCheckBox("Observed"))
        self.panel = self.form.add("panel", "Panel", line(placeholder="e.g. 12-panel cup"))
        self.notes = self.form.add("notes", "Notes", text_box(height=50))
        col.addWidget(self.form)
        # The common day is a clean panel: one click for it, then change the odd one out.
        self.all_negative = name_button(QPushButton("All negative"))
        self.all_negative.setToolTip(
            "Every listed substance not given a result yet becomes Negative"
        )
        self.all_negative.clicked.connect(self.mark_rest_negative)
        quick = QHBoxLayout()
        quick.addWidget(self.all_negative)
        quick.addStretch(1)
        col.addLayout(quick)
        grid = QGridLayout()
        grid.addWidget(QLabel("Substance"), 0, 0)
        grid.addWidget(QLabel("Result"), 0, 1)
        grid.addWidget(QLabel("Explained by a prescription"), 0, 2)
        # An explained positive can name the medication on the client's list that explains it.
        self.medications = self._current_medications()
        if self.medications:
            grid.addWidget(QLabel("Listed medication"), 0, 3)
        self.lines: list[tuple[QWidget, QComboBox, QCheckBox]] = []
        self.medication_boxes: list[QComboBox] = []
        names = [*COMMON_SUBSTANCES, *[""] * EXTRA_LINES]
        for n, name in enumerate(names, start=1):
            substance: QWidget
            if name:
                substance = QLabel(name)
            else:
                substance = line(placeholder="Other substance")
                substance.setAccessibleName("Other substance")
            result = QComboBox()
            result.addItem(NOT_TESTED, "")
            for value, label in RESULTS.items():
                result.addItem(label, value)
            result.setAccessibleName(f"Result for {name or 'other substance'}")
            prescribed = QCheckBox("Prescribed")
            prescribed.setAccessibleName(f"{name or 'Other substance'} explained by a prescription")
            grid.addWidget(substance, n, 0)
            grid.addWidget(result, n, 1)
            grid.addWidget(prescribed, n, 2)
            self.lines.append((substance, result, prescribed))
            medication = QComboBox()
            medication.setAccessibleName(f"Medication explaining {name or 'other substance'}")
            medication.addItem("—", None)
            for row in self.medications:
                medication.addItem(row.short, row.id)
            medication.currentIndexChanged.connect(
                lambda _i, box=medication, check=prescribed: _named(box, check)
            )
            # Only a positive is explained by a medication: the box waits for one.
            medication.setEnabled(False)
            result.currentIndexChanged.connect(
                lambda _i, said=result, box=medication: _result_chosen(said, box)
            )
            if self.medications:
                grid.addWidget(medication, n, 3)
            self.medication_boxes.append(medication)
        col.addLayout(grid)
        self.results_error = self.form.errors.setdefault("results", QLabel())
        self.results_error.setObjectName("fieldError")
        self.results_error.setWordWrap(True)
        self.results_error.hide()
        col.addWidget(self.results_error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        for button in buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.form.fields["results"] = self.results_error

    def _current_medications(self) -> list[MedicationRow]:
        found = operations.run(
            self.ctx,
            self,
            lambda: current_medications(self.ctx.actor, self.client_id),
            title="Medication list",
        )
        return found.result if found else []

    def set_result(self, substance: str, result: str, prescribed: bool = False) -> None:
        """Choose a result on a listed substance's line (as a click would)."""
        for widget, box, check in self.lines:
            if isinstance(widget, QLabel) and widget.text() == substance:
                box.setCurrentIndex(box.findData(result))
                check.setChecked(prescribed)
                return
        raise KeyError(substance)

    def mark_rest_negative(self) -> None:
        """Negative for each listed substance still "Not tested" (a chosen result stays)."""
        for widget, box, _check in self.lines:
            if isinstance(widget, QLabel) and not box.currentData():
                box.setCurrentIndex(box.findData(NEGATIVE))

    def entries(self) -> tuple[ResultEntry, ...]:
        out = []
        for (widget, box, check), medication in zip(self.lines, self.medication_boxes, strict=True):
            name = widget.text()
            if box.currentData():
                chosen = medication.currentData() if check.isChecked() else None
                out.append(ResultEntry(name, box.currentData(), check.isChecked(), chosen))
        return tuple(out)

    def _form(self) -> DrugTestForm:
        return DrugTestForm(
            self.client_id,
            date_of(self.collected),
            self.specimen.currentData(),
            self.observed.isChecked(),
            self.panel.text(),
            self.notes.toPlainText(),
            self.entries(),
        )

    def save(self) -> None:
        recorded = operations.run(
            self.ctx,
            self,
            lambda: record_drug_test(self.ctx.actor, self._form()),
            errors=self.form,
        )
        if recorded:
            self.saved = recorded.result
            self.accept()

    def reject(self) -> None:
        if self.entries() and not prompts.confirm(
            self, "Discard test", "Discard the results you entered?", yes="Discard"
        ):
            return
        super().reject()
