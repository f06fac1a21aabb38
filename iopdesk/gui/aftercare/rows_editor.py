"""A small editable table with Add / Remove buttons (appointments, meetings, people to call)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
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


@dataclass(frozen=True)
class RowColumn:
    """A column: its title and, for a drop-down, its choices (value -> label)."""

    title: str
    choices: dict[str, str] | None = None
    stretch: bool = False


class RowsEditor(QWidget):
    """Rows of text cells (and drop-downs); ``rows()`` returns what a person typed."""

    changed = Signal()

    def __init__(self, title: str, noun: str, columns: Sequence[RowColumn]) -> None:
        super().__init__()
        self.columns = list(columns)
        self.table = QTableWidget(0, len(self.columns))
        self.table.setAccessibleName(title)
        self.table.setObjectName(title)
        self.table.setHorizontalHeaderLabels([c.title for c in self.columns])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
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
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(lambda *_: self.changed.emit())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table)
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

    def rows(self) -> list[list[str]]:
        """Each row's values; a row left completely empty is ignored."""
        out = []
        for row in range(self.table.rowCount()):
            values = []
            for n in range(len(self.columns)):
                widget = self.table.cellWidget(row, n)
                if isinstance(widget, QComboBox):
                    values.append(str(widget.currentData() or ""))
                else:
                    item = self.table.item(row, n)
                    values.append(item.text().strip() if item is not None else "")
            typed = [v for v, c in zip(values, self.columns, strict=True) if c.choices is None]
            if any(typed):
                out.append(values)
        return out
