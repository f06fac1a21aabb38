"""The one read-only, sortable table over RowTableModel rows that every screen uses."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QTableView, QWidget

from iopdesk.gui.widgets.table_model import Column, RowTableModel

#: Columns are sized from this many rows (those in view first), never from a whole long list.
SAMPLE_ROWS = 100
#: No column grows past this (pixels): a long note is cut with its full text in the tooltip
#: (or wraps where the table wraps), instead of pushing the table wider than its window.
MAX_COLUMN = 380


class RowTable(QTableView):
    """Rows selected whole, sorted on click; ``selected()`` gives the chosen row object.

    Rows keep the order the service gave until the person clicks a column header. The table's
    size never follows its contents, so a long list cannot widen the window it is in.
    """

    def __init__(self, columns: Sequence[Column], name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows_model = RowTableModel(columns, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.rows_model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)  # the column's sort key
        self.setModel(self.proxy)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Rows come in the service's order (by date, by name) until a header is clicked.
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setResizeContentsPrecision(SAMPLE_ROWS)

    def set_rows(self, rows: Sequence[object]) -> None:
        """Show these rows (the screen asked a service), columns sized to what they hold."""
        self.rows_model.set_rows(rows)
        self.resizeColumnsToContents()
        for column in range(self.rows_model.columnCount()):
            self.setColumnWidth(column, min(self.columnWidth(column), MAX_COLUMN))

    def row_for(self, index: QModelIndex | QPersistentModelIndex) -> Any:
        """The row object behind a (sorted) view index."""
        return self.rows_model.row_at(self.proxy.mapToSource(index).row())

    def selected(self) -> Any | None:
        """The highlighted row object, or None."""
        picked = self.selectionModel().selectedRows()
        return self.row_for(picked[0]) if picked else None

    def needs_row(self, *buttons: QPushButton) -> None:
        """Enable these buttons only while a row is chosen (new rows clear the choice)."""

        def enable(on: bool) -> None:
            for button in buttons:
                button.setEnabled(on)

        self.selectionModel().selectionChanged.connect(
            lambda *_: enable(self.selected() is not None)
        )
        self.proxy.modelReset.connect(lambda: enable(False))
        enable(self.selected() is not None)

    def select_first(self, match: Callable[[Any], bool]) -> bool:
        """Select the first row (as shown) that ``match`` accepts; False when there is none."""
        for shown in range(self.proxy.rowCount()):
            if match(self.row_for(self.proxy.index(shown, 0))):
                self.selectRow(shown)
                return True
        return False
