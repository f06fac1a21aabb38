"""A read-only, sortable table over RowTableModel rows (the attendance screens' lists)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from iopdesk.gui.widgets.table_model import Column, RowTableModel

#: No column grows wider than this: long text is elided (its tooltip shows all of it).
MAX_COLUMN = 420


class RowTable(QTableView):
    """Rows selected whole, sorted on click; ``selected()`` gives the chosen row object."""

    def __init__(self, columns: Sequence[Column], name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows_model = RowTableModel(columns, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.rows_model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.setModel(self.proxy)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSortingEnabled(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)

    def set_rows(self, rows: Sequence[object]) -> None:
        self.rows_model.set_rows(rows)
        self.resizeColumnsToContents()
        for column in range(self.rows_model.columnCount()):
            self.setColumnWidth(column, min(self.columnWidth(column), MAX_COLUMN))

    def row_for(self, index) -> object:
        return self.rows_model.row_at(self.proxy.mapToSource(index).row())

    def selected(self) -> object | None:
        picked = self.selectionModel().selectedRows()
        return self.row_for(picked[0]) if picked else None
