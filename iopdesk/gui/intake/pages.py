"""The pages of the intake form: narrative sections, substances, screenings, ASAM,
suitability and the level-of-care decision. Each page reads and writes its part of the data."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
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
    SubstanceRow,
    SuitabilityEntry,
)
from iopdesk.domain.screenings import INSTRUMENTS
from iopdesk.domain.validators import parse_date
from iopdesk.gui.forms import FieldForm, heading, name_button, text_box
from iopdesk.gui.intake.screening_form import InstrumentForm


class Page(QWidget):
    """A form page: a heading, its inputs, and one place for its error messages."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(heading(title))
        self.errors = QLabel()
        self.errors.setObjectName("fieldError")
        self.errors.setWordWrap(True)
        self.errors.setAccessibleName(f"{title} errors")
        self.errors.hide()
        self.layout_.addWidget(self.errors)

    def show_messages(self, messages: dict[str, str]) -> None:
        """Show this page's field messages (an empty dict clears them)."""
        self.errors.setText("\n".join(messages.values()))
        self.errors.setVisible(bool(messages))

    def error_text(self) -> str:
        return self.errors.text() if self.errors.isVisibleTo(self) else ""

    def set_read_only(self, read_only: bool) -> None:
        """Lock the page's inputs once the assessment is signed (pages with inputs override)."""


class SectionPage(Page):
    """One narrative section: a large text box."""

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.key = key
        self.text = text_box(height=300)
        self.text.setAccessibleName(title)
        self.text.setObjectName(f"section_{key}")
        self.text.textChanged.connect(self.changed)
        self.layout_.addWidget(self.text, 1)

    def value(self) -> str:
        return self.text.toPlainText()

    def set_value(self, text: str) -> None:
        if text != self.text.toPlainText():
            self.text.setPlainText(text)

    def set_read_only(self, read_only: bool) -> None:
        self.text.setReadOnly(read_only)


_SUBSTANCE_COLUMNS = [
    "Substance",
    "Age of first use",
    "Frequency",
    "Route",
    "Usual amount",
    "Last use (YYYY-MM-DD)",
]


class SubstancePage(Page):
    """The substance use history: one editable row per substance."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Substance use history", parent)
        self.table = QTableWidget(0, len(_SUBSTANCE_COLUMNS))
        self.table.setAccessibleName("Substances")
        self.table.setHorizontalHeaderLabels(_SUBSTANCE_COLUMNS)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda *_: self.changed.emit())
        self.layout_.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = name_button(QPushButton("Add substance"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = name_button(QPushButton("Remove substance"))
        self.remove_button.clicked.connect(self.remove_row)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        hint = QLabel(
            "Frequency, for example: "
            + ", ".join(("Daily", "Weekly", "Monthly or less"))
            + ". Route, for example: oral, smoked, intranasal, injected."
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.layout_.addWidget(hint)
        self.parse_problems: dict[str, str] = {}

    def add_row(self, values: list[str] | None = None) -> None:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(values or [""] * len(_SUBSTANCE_COLUMNS)):
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        if values is None:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))
            self.changed.emit()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def set_cell(self, row: int, column: int, text: str) -> None:
        """Type into one cell (tests and paste)."""
        self.table.item(row, column).setText(text)

    def rows(self) -> tuple[SubstanceRow, ...]:
        """The rows as typed; text that is not a number or date is reported, not guessed."""
        self.parse_problems = {}
        out = []
        for r in range(self.table.rowCount()):
            cells = [
                (self.table.item(r, c).text().strip() if self.table.item(r, c) else "")
                for c in range(len(_SUBSTANCE_COLUMNS))
            ]
            age: int | None = None
            if cells[1]:
                if cells[1].isdigit():
                    age = int(cells[1])
                else:
                    self.parse_problems[f"substances.{r}.age_first_use"] = (
                        f"Row {r + 1}: age of first use must be a whole number of years."
                    )
            last: dt.date | None = None
            if cells[5]:
                last = parse_date(cells[5])
                if last is None:
                    self.parse_problems[f"substances.{r}.last_use"] = (
                        f"Row {r + 1}: last use is not a real date; write it as YYYY-MM-DD."
                    )
            out.append(SubstanceRow(cells[0], age, cells[2], cells[3], cells[4], last))
        return tuple(out)

    def set_rows(self, rows: tuple[SubstanceRow, ...]) -> None:
        self.table.setRowCount(0)
        for row in rows:
            self.add_row(
                [
                    row.substance,
                    "" if row.age_first_use is None else str(row.age_first_use),
                    row.frequency,
                    row.route,
                    row.usual_amount,
                    row.last_use.isoformat() if row.last_use else "",
                ]
            )

    def set_read_only(self, read_only: bool) -> None:
        triggers = (
            QTableWidget.EditTrigger.NoEditTriggers
            if read_only
            else QTableWidget.EditTrigger.AllEditTriggers
        )
        self.table.setEditTriggers(triggers)
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)


class ScreeningsPage(Page):
    """One tab per instrument, each generated from its definition."""

    def __init__(self, sex: str, parent: QWidget | None = None) -> None:
        super().__init__("Screenings", parent)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Instruments")
        self.forms: dict[str, InstrumentForm] = {}
        for code, instrument in INSTRUMENTS.items():
            form = InstrumentForm(code, sex)
            form.changed.connect(self.changed)
            self.forms[code] = form
            self.tabs.addTab(form, instrument.name)
        self.layout_.addWidget(self.tabs, 1)

    def answers(self) -> dict[str, dict[int, int | None]]:
        # Every instrument is sent, so clearing one removes it from the draft.
        return {code: dict(form.answers()) for code, form in self.forms.items()}

    def set_answers(self, screenings: dict[str, dict[int, int]]) -> None:
        for code, form in self.forms.items():
            form.set_answers(dict(screenings.get(code, {})))

    def set_read_only(self, read_only: bool) -> None:
        for form in self.forms.values():
            form.set_read_only(read_only)


#: Combo data for "Not rated" (None as item data trips a PySide reference-count bug).
NOT_RATED = -1


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
            rating = QComboBox()
            rating.addItem("Not rated", NOT_RATED)
            for value, label in RATING_LABELS.items():
                rating.addItem(label, value)
            rating.setAccessibleName(f"Dimension {dim} rating")
            rating.setObjectName(f"asam_{dim}_rating")
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
            dim: AsamEntry(
                None
                if self.ratings[dim].currentData() == NOT_RATED
                else self.ratings[dim].currentData(),
                self.narratives[dim].toPlainText(),
            )
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
