"""A small editable table with Add / Remove buttons (appointments, meetings, people to call).

A row added with the button takes the cursor in its first field, so typing lands there; a
row left blank is pointed out under the table when saving, never dropped without a word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iopdesk.gui.forms import name_button
from iopdesk.gui.widgets.notice import Notice

#: The tint of a row a problem is pointed out on.
PROBLEM_TINT = QColor("#fde2e1")


@dataclass(frozen=True)
class RowColumn:
    """A column: its title and, for a drop-down, its choices (value -> label)."""

    title: str
    choices: dict[str, str] | None = None
    stretch: bool = False


class RowsEditor(QWidget):
    """Rows of text cells (and drop-downs); ``rows()`` returns what a person typed.

    ``key`` is how the service names these rows in its refusals ("appointments.2.phone"), and
    ``row_label`` how a sentence names one row ("Appointment 2").
    """

    changed = Signal()

    def __init__(
        self, title: str, noun: str, columns: Sequence[RowColumn], key: str, row_label: str
    ) -> None:
        super().__init__()
        self.columns = list(columns)
        self.key, self.row_label = key, row_label
        self.table = QTableWidget(0, len(self.columns))
        self.table.setAccessibleName(title)
        self.table.setObjectName(title)
        self.table.setHorizontalHeaderLabels([c.title for c in self.columns])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self._edit_triggers = self.table.editTriggers()
        header = self.table.horizontalHeader()
        for n, column in enumerate(self.columns):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column.stretch
                else (QHeaderView.ResizeMode.Interactive)
            )
            header.setSectionResizeMode(n, mode)
            if not column.stretch:
                self.table.setColumnWidth(n, 150 if column.choices is None else 140)
        self.add_button = name_button(QPushButton(f"Add {noun}"))
        self.remove_button = name_button(QPushButton(f"Remove {noun}"))
        self.add_button.clicked.connect(self.add_blank_row)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(lambda *_: self.changed.emit())
        self.changed.connect(self._edited)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table)
        self.problem = Notice()  # a blank or refused row, said next to the rows
        self.problem.setAccessibleName(f"{title} problems")
        column.addWidget(self.problem)
        column.addLayout(buttons)

    def add_row(self, values: Sequence[str] = ()) -> int:
        """Append a row (optionally filled) and put the cursor in its first cell."""
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        for n, column in enumerate(self.columns):
            value = values[n] if n < len(values) else ""
            if column.choices is not None:
                box = QComboBox()
                box.setAccessibleName(f"{column.title}, row {row + 1}")
                for key, label in column.choices.items():
                    box.addItem(label, key)
                box.setCurrentIndex(max(0, box.findData(value)))
                box.currentIndexChanged.connect(lambda *_: self.changed.emit())
                self.table.setCellWidget(row, n, box)
            else:
                self.table.setItem(row, n, QTableWidgetItem(value))
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, 0)
        self.changed.emit()
        return row

    def _edited(self) -> None:
        # What was pointed out is answered by the edit; the next save looks again.
        if not self.problem.isHidden():
            self.point_out({})

    def add_blank_row(self) -> None:
        """Add an empty row and put the cursor in its first field (the button keeps nothing)."""
        row = self.add_row()
        self.table.setFocus()
        first = self.table.cellWidget(row, 0)
        if first is not None:
            first.setFocus()
        else:
            self.table.editItem(self.table.item(row, 0))

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.changed.emit()

    def set_cell(self, row: int, column: int, value: str) -> None:
        """Set one cell as a person would (text, or the drop-down's value)."""
        widget = self.table.cellWidget(row, column)
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        else:
            self.table.item(row, column).setText(value)

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.table.setRowCount(0)
        for values in rows:
            self.add_row(values)
        self.set_read_only(self.read_only)  # new rows' drop-downs follow the editor

    #: Whether the rows are shown for reading only (a final plan): no editing, no buttons.
    read_only = False

    def set_read_only(self, read_only: bool) -> None:
        """Show the rows for reading only (still scrollable and selectable), or editable."""
        self.read_only = read_only
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers if read_only else self._edit_triggers
        )
        for row in range(self.table.rowCount()):
            for n in range(len(self.columns)):
                widget = self.table.cellWidget(row, n)
                if widget is not None:
                    widget.setEnabled(not read_only)
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)

    def _values(self, row: int) -> list[str]:
        values = []
        for n in range(len(self.columns)):
            widget = self.table.cellWidget(row, n)
            if isinstance(widget, QComboBox):
                values.append(str(widget.currentData() or ""))
            else:
                item = self.table.item(row, n)
                values.append(item.text().strip() if item is not None else "")
        return values

    def _is_blank(self, values: list[str]) -> bool:
        """Nothing typed (a drop-down's preset choice alone says nothing)."""
        typed = [v for v, c in zip(values, self.columns, strict=True) if c.choices is None]
        return not any(typed)

    def rows(self) -> list[list[str]]:
        """Each row's values, blank rows left out (saving points them out first)."""
        values = (self._values(row) for row in range(self.table.rowCount()))
        return [v for v in values if not self._is_blank(v)]

    def blank_rows(self) -> list[int]:
        """The rows (counted from 0) where nothing was typed."""
        return [r for r in range(self.table.rowCount()) if self._is_blank(self._values(r))]

    def point_out_blank(self) -> bool:
        """Say which rows are blank, next to them; False when there are none."""
        blank = self.blank_rows()
        self.point_out(
            {r: f"{self.row_label} {r + 1} is empty: fill it in or remove it." for r in blank}
        )
        return bool(blank)

    def point_out(self, problems: dict[int, str]) -> None:
        """Tint the rows (counted from 0) with a problem, say each under the table and make the
        first one current; an empty dict clears what was said."""
        self.table.blockSignals(True)  # a tint is not an edit
        for row in range(self.table.rowCount()):
            tint = QBrush(PROBLEM_TINT) if row in problems else QBrush()
            for n in range(len(self.columns)):
                item = self.table.item(row, n)
                if item is not None:
                    item.setBackground(tint)
        self.table.blockSignals(False)
        self.problem.say("\n".join(problems[r] for r in sorted(problems)))
        if problems:
            self.table.setCurrentCell(min(problems), 0)

    def point_out_refusal(self, fields: dict[str, str]) -> dict[str, str]:
        """Say the service's row problems ("appointments.2.phone") next to these rows; returns
        the problems that are not about one of them."""
        problems: dict[int, list[str]] = {}
        rest = {}
        for key, message in fields.items():
            head, _, tail = key.partition(".")
            number = tail.partition(".")[0]
            if head == self.key and number.isdigit() and 0 < int(number) <= self.table.rowCount():
                problems.setdefault(int(number) - 1, []).append(message)
            else:
                rest[key] = message
        self.point_out({row: "\n".join(said) for row, said in problems.items()})
        return rest
