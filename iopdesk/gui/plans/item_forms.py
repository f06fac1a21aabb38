"""The plan editor's forms: the plan header and one form per kind of plan item."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from iopdesk.domain import plans as rules
from iopdesk.gui.forms import FieldForm, combo, line, text_box
from iopdesk.gui.widgets.dates import DateBox, date_edit, date_of
from iopdesk.services.admin.staff import clinicians
from iopdesk.services.plans import editing as plans_editing
from iopdesk.services.plans.document import (
    GoalView,
    InterventionView,
    ObjectiveView,
    PlanDocument,
    ProblemView,
)
from iopdesk.services.plans.records import PlanHeaderForm


class WatchedForm(FieldForm):
    """A FieldForm that says when a person types into it (for unsaved-changes prompts); what
    ``loading()`` puts in the fields is not typing."""

    edited = Signal()
    _loading = False

    def watch(self) -> None:
        for widget in self.fields.values():
            if isinstance(widget, DateBox):
                # A date picked from the calendar too (and one the program sets, hence the
                # loading guard).
                widget.dateChanged.connect(self._typed)
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self._typed)
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(self._typed)
            elif isinstance(widget, QComboBox):
                widget.activated.connect(self._typed)
                # Long entries (ASAM dimension names) must not widen the whole window.
                widget.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
                )
                widget.setMinimumContentsLength(16)

    @contextlib.contextmanager
    def loading(self) -> Iterator[None]:
        """Fill the fields from saved data without it counting as typing."""
        self._loading = True
        try:
            yield
        finally:
            self._loading = False

    def _typed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.fields.values():
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)


def _staff_choices(blank: str) -> dict[Any, str]:
    choices: dict[Any, str] = {0: blank}
    for s in clinicians():
        choices[s.id] = s.full_name + (f", {s.credentials}" if s.credentials else "")
    return choices


def _set_combo(box: QComboBox, value: object) -> None:
    box.setCurrentIndex(max(0, box.findData(0 if value is None else value)))


def _data(box: QComboBox) -> Any:
    """The chosen value; the "(none)" entry (0) reads as None."""
    return box.currentData() or None


class HeaderForm(WatchedForm):
    """Diagnosis, ICD-10 code, level of care, counselor and plan start."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diagnosis = self.add("diagnosis", "Diagnosis", text_box(height=48))
        self.diagnosis.setMaximumHeight(90)
        self.icd10 = self.add("icd10_code", "ICD-10 code", line(placeholder="F10.20"))
        self.level = self.add("level_of_care", "Level of care", line())
        self.counselor = self.add("counselor_id", "Counselor", combo(_staff_choices("(none)")))
        self.start = self.add("start_date", "Plan start", date_edit())
        self.row_version: int | None = None
        self.watch()

    def load(self, doc: PlanDocument) -> None:
        self.row_version = doc.row_version  # what a save of these fields is checked against
        with self.loading():
            self.diagnosis.setPlainText(doc.diagnosis)
            self.icd10.setText(doc.icd10_code)
            self.level.setText(doc.level_of_care)
            _set_combo(self.counselor, doc.counselor_id)
            self.start.set_day(doc.start_date)
        self.clear_errors()

    def value(self) -> PlanHeaderForm:
        return PlanHeaderForm(
            self.diagnosis.toPlainText(),
            self.icd10.text(),
            self.level.text(),
            _data(self.counselor),
            date_of(self.start),
            self.row_version,
        )

    def differs_from(self, doc: PlanDocument) -> bool:
        """Whether the fields say something other than ``doc``'s saved header."""
        saved = PlanHeaderForm(
            doc.diagnosis,
            doc.icd10_code,
            doc.level_of_care,
            doc.counselor_id,
            doc.start_date,
            self.row_version,
        )
        return self.value() != saved


class ProblemForm(WatchedForm):
    """A problem statement and the ASAM dimension it comes from."""

    kind = "problem"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.statement = self.add("statement", "Problem statement", text_box(height=70))
        dims: dict[Any, str] = {0: "(none)"}
        dims.update({n: f"{n}. {name}" for n, name in rules.ASAM_DIMENSIONS.items()})
        self.dimension = self.add("asam_dimension", "ASAM dimension", combo(dims))
        self.watch()

    def load(self, item: ProblemView | None, default: dt.date) -> None:
        with self.loading():
            self.statement.setPlainText(item.statement if item else "")
            _set_combo(self.dimension, item.asam_dimension if item else None)

    def values(self) -> tuple[str, int | None]:
        return self.statement.toPlainText(), _data(self.dimension)


class GoalForm(WatchedForm):
    """A goal in the client's own words."""

    kind = "goal"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = self.add("text", "Goal", text_box(height=70), hint="In the client's own words.")
        self.watch()

    def load(self, item: GoalView | None, default: dt.date) -> None:
        with self.loading():
            self.text.setPlainText(item.text if item else "")

    def values(self) -> str:
        return self.text.toPlainText()


class ObjectiveForm(WatchedForm):
    """A measurable objective with its target date and status."""

    kind = "objective"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = self.add(
            "text", "Objective", text_box(height=70), hint="Measurable and time-bound."
        )
        self.target = self.add("target_date", "Target date", date_edit())
        self.status = self.add("status", "Status", combo(rules.OBJECTIVE_STATUSES))
        self.watch()

    def load(self, item: ObjectiveView | None, default: dt.date) -> None:
        with self.loading():
            self.text.setPlainText(item.text if item else "")
            self.target.set_day(item.target_date if item else default)
            _set_combo(self.status, item.status if item else "open")

    def values(self) -> plans_editing.ObjectiveForm:
        return plans_editing.ObjectiveForm(
            self.text.toPlainText(), date_of(self.target), self.status.currentData()
        )


class InterventionForm(WatchedForm):
    """Modality, approach, frequency and the responsible staff member."""

    kind = "intervention"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.modality = self.add("modality", "Modality", combo(rules.MODALITIES))
        self.approach = self.add("approach", "Approach", combo(rules.APPROACHES))
        self.description = self.add("description", "Description", line())
        self.frequency = self.add("frequency", "Frequency", line(placeholder="3 times a week"))
        self.responsible = self.add(
            "responsible_id", "Responsible", combo(_staff_choices("(not named)"))
        )
        self.watch()

    def load(self, item: InterventionView | None, default: dt.date) -> None:
        with self.loading():
            _set_combo(self.modality, item.modality if item else "group")
            _set_combo(self.approach, item.approach if item else "CBT")
            self.description.setText(item.description if item else "")
            self.frequency.setText(item.frequency if item else "")
            _set_combo(self.responsible, item.responsible_id if item else None)

    def values(self) -> plans_editing.InterventionForm:
        return plans_editing.InterventionForm(
            self.modality.currentData(),
            self.approach.currentData(),
            self.frequency.text(),
            _data(self.responsible),
            self.description.text(),
        )
