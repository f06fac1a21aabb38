"""A titled table with its action buttons, as the chart's sections use it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from iopdesk.gui.forms import heading, name_button
from iopdesk.gui.widgets.table_model import Column, RowTableModel

MAX_COLUMN = 380


class SectionTable(QWidget):
    """Heading, a short table, buttons; ``selected()`` is the highlighted row or None."""

    def __init__(
        self, title: str, columns: Sequence[Column], empty: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        top = QHBoxLayout()
        label = heading(title)
        label.setObjectName("subheading")
        top.addWidget(label)
        top.addStretch(1)
        self.button_row = top
        layout.addLayout(top)
        self.model = RowTableModel(columns)
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)  # the column's sort key
        self.table = QTableView()
        self.table.setAccessibleName(title)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.table)
        self.empty = QLabel(empty)
        self.empty.setObjectName("hint")
        layout.addWidget(self.empty)
        self.buttons: dict[str, QPushButton] = {}

    def add_button(self, text: str, action: Callable[[], None], needs_row: bool = False) -> None:
        """A button beside the heading; ``needs_row`` ones act on the selected row."""
        button = name_button(QPushButton(text))
        button.clicked.connect(action)
        self.button_row.addWidget(button)
        self.buttons[text] = button
        if needs_row:
            button.setProperty("needs_row", True)
            button.setEnabled(False)
            self.table.selectionModel().selectionChanged.connect(
                lambda *_: button.setEnabled(self.selected() is not None)
            )

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            # Long free text wraps in a readable column instead of scrolling sideways.
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), MAX_COLUMN))
        self.table.resizeRowsToContents()
        shown = sum(self.table.rowHeight(r) for r in range(min(len(rows), 10)))
        self.table.setFixedHeight(self.table.horizontalHeader().height() + max(shown, 60) + 6)
        for button in self.buttons.values():
            if button.property("needs_row"):
                button.setEnabled(False)  # a reset clears the selection

    def selected(self) -> Any | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())
