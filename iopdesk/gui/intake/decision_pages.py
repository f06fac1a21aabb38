"""The pages behind the level-of-care decision: ASAM dimensions, suitability for IOP, and the
decision itself with its rationale and justification."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from iopdesk.domain.intake import (
    ANSWERS,
    ASAM_DIMENSIONS,
    LEVELS_OF_CARE,
    RATING_LABELS,
    SUITABILITY_CRITERIA,
    AsamEntry,
    AssessmentData,
    SuitabilityEntry,
)
from iopdesk.gui.forms import FieldForm, text_box
from iopdesk.gui.intake.pages import Page

#: Combo data for "Not rated" (None as item data trips a PySide reference-count bug).
NOT_RATED = -1


def rating_combo(dim: int) -> QComboBox:
    """A dimension's 0-4 rating, "Not rated" first (the intake's and a re-rating's)."""
    rating = QComboBox()
    rating.addItem("Not rated", NOT_RATED)
    for value, label in RATING_LABELS.items():
        rating.addItem(label, value)
    rating.setAccessibleName(f"Dimension {dim} rating")
    rating.setObjectName(f"asam_{dim}_rating")
    return rating


def chosen_rating(combo: QComboBox) -> int | None:
    """The rating chosen in a ``rating_combo`` (None: not rated)."""
    value = combo.currentData()
    return None if value == NOT_RATED else int(value)


class AsamPage(Page):
    """Six dimensions, each rated 0-4 with a narrative (ratings only: no placement)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("ASAM dimensions", parent)
        note = QLabel("Rate each dimension from 0 (no risk) to 4 (severe risk) and explain why.")
        note.setWordWrap(True)
        self.layout_.addWidget(note)
        self.ratings: dict[int, QComboBox] = {}
        self.narratives: dict[int, QPlainTextEdit] = {}
        for dim, name in ASAM_DIMENSIONS.items():
            box = QGroupBox(f"{dim}. {name}")
            grid = QGridLayout(box)
            rating = rating_combo(dim)
            rating.currentIndexChanged.connect(lambda *_: self.changed.emit())
            narrative = text_box(height=60)
            narrative.setMaximumHeight(110)
            narrative.setAccessibleName(f"Dimension {dim} narrative")
            narrative.setObjectName(f"asam_{dim}_narrative")
            narrative.setPlaceholderText("Narrative")
            narrative.textChanged.connect(self.changed)
            grid.addWidget(QLabel("Rating"), 0, 0)
            grid.addWidget(rating, 0, 1)
            grid.addWidget(narrative, 1, 0, 1, 3)
            grid.setColumnStretch(2, 1)
            self.ratings[dim] = rating
            self.narratives[dim] = narrative
            self.layout_.addWidget(box)

    def entries(self) -> dict[int, AsamEntry]:
        return {
            dim: AsamEntry(chosen_rating(self.ratings[dim]), self.narratives[dim].toPlainText())
            for dim in ASAM_DIMENSIONS
        }

    def set_entries(self, entries: dict[int, AsamEntry]) -> None:
        for dim in ASAM_DIMENSIONS:
            entry = entries.get(dim, AsamEntry())
            combo = self.ratings[dim]
            combo.setCurrentIndex(
                max(0, combo.findData(entry.rating)) if entry.rating is not None else 0
            )
            if self.narratives[dim].toPlainText() != entry.narrative:
                self.narratives[dim].setPlainText(entry.narrative)

    def set_read_only(self, read_only: bool) -> None:
        for dim in ASAM_DIMENSIONS:
            self.ratings[dim].setEnabled(not read_only)
            self.narratives[dim].setReadOnly(read_only)


class SuitabilityPage(Page):
    """The program's suitability criteria: yes / no with a note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Suitability for IOP", parent)
        grid = QGridLayout()
        self.answers: dict[str, QComboBox] = {}
        self.notes: dict[str, QLineEdit] = {}
        for row, (key, text) in enumerate(SUITABILITY_CRITERIA.items()):
            label = QLabel(text)
            label.setWordWrap(True)
            answer = QComboBox()
            answer.addItem("Not answered", "")
            for value, shown in ANSWERS.items():
                answer.addItem(shown, value)
            answer.setAccessibleName(text)
            answer.setObjectName(f"suitability_{key}")
            answer.currentIndexChanged.connect(lambda *_: self.changed.emit())
            label.setBuddy(answer)
            note = QLineEdit()
            note.setPlaceholderText("Note")
            note.setAccessibleName(f"Note: {text}")
            note.textChanged.connect(self.changed)
            grid.addWidget(label, row, 0)
            grid.addWidget(answer, row, 1)
            grid.addWidget(note, row, 2)
            self.answers[key] = answer
            self.notes[key] = note
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 3)
        self.layout_.addLayout(grid)
        hint = QLabel(
            'A "no" does not block admission, but choosing IOP then needs a written '
            "justification on the decision page."
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.layout_.addWidget(hint)
        self.layout_.addStretch(1)

    def entries(self) -> dict[str, SuitabilityEntry]:
        return {
            key: SuitabilityEntry(self.answers[key].currentData(), self.notes[key].text())
            for key in SUITABILITY_CRITERIA
        }

    def set_entries(self, entries: dict[str, SuitabilityEntry]) -> None:
        for key in SUITABILITY_CRITERIA:
            entry = entries.get(key, SuitabilityEntry())
            self.answers[key].setCurrentIndex(max(0, self.answers[key].findData(entry.answer)))
            if self.notes[key].text() != entry.note:
                self.notes[key].setText(entry.note)

    def set_read_only(self, read_only: bool) -> None:
        for key in SUITABILITY_CRITERIA:
            self.answers[key].setEnabled(not read_only)
            self.notes[key].setReadOnly(read_only)


class DecisionPage(Page):
    """The clinician's level-of-care choice, rationale and (when the rule says) justification."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Level-of-care decision", parent)
        self.form = FieldForm()
        self.level = QComboBox()
        self.level.addItem("Choose a level of care…", "")
        for value, label in LEVELS_OF_CARE.items():
            self.level.addItem(label, value)
        self.form.add("level_of_care", "Level of care", self.level)
        self.rationale = text_box(height=120)
        self.form.add("rationale", "Rationale", self.rationale)
        self.justification = text_box(height=120)
        self.form.add("justification", "Justification", self.justification)
        self.reasons = QLabel()
        self.reasons.setObjectName("hint")
        self.reasons.setWordWrap(True)
        self.reasons.setAccessibleName("Why a justification is needed")
        self.layout_.addWidget(self.form)
        self.layout_.addWidget(self.reasons)
        self.layout_.addStretch(1)
        self.level.currentIndexChanged.connect(lambda *_: self.changed.emit())
        self.rationale.textChanged.connect(self.changed)
        self.justification.textChanged.connect(self.changed)

    def show_reasons(self, reasons: list[str]) -> None:
        """Say when and why the justification is required."""
        text = (
            "A written justification is required before signing because:\n• " + "\n• ".join(reasons)
            if reasons
            else "No justification is needed for this decision."
        )
        if text != self.reasons.text():
            self.reasons.setText(text)

    def show_messages(self, messages: dict[str, str]) -> None:
        super().show_messages({})
        self.form.clear_errors()
        for name, message in messages.items():
            if name in self.form.errors:
                self.form.errors[name].setText(message)
                self.form.errors[name].show()

    def fill(self, data: AssessmentData) -> None:
        self.level.setCurrentIndex(max(0, self.level.findData(data.level_of_care)))
        for box, text in (
            (self.rationale, data.rationale),
            (self.justification, data.justification),
        ):
            if box.toPlainText() != text:
                box.setPlainText(text)

    def set_read_only(self, read_only: bool) -> None:
        self.level.setEnabled(not read_only)
        self.rationale.setReadOnly(read_only)
        self.justification.setReadOnly(read_only)
