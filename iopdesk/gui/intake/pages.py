"""The intake form's page base and the history pages: narrative sections, substance use,
screenings. Each page reads and writes its part of the data."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.domain.intake import SubstanceRow
from iopdesk.domain.screenings import INSTRUMENTS
from iopdesk.domain.validators import parse_date
from iopdesk.gui.forms import heading, name_button, text_box
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
    "Last use (date)",
]


class SubstancePage(Page):
    """The substance use history: one editable row per substance."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Substance use history", parent)
        self.table = QTableWidget(0, len(_SUBSTANCE_COLUMNS))
        self.table.setAccessibleName("Substances")
        self.table.setHorizontalHeaderLabels(_SUBSTANCE_COLUMNS)
        # Each column as wide as its heading (or what is typed), the substance takes the rest:
        # equal widths cut the longer headings.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
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
                        f"Row {r + 1}: last use is not a real date; write it as "
                        f"{formats.date_example()}."
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
                    formats.show_date(row.last_use),
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
