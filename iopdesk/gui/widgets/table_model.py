"""A table model over plain rows (dataclasses), with columns described once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
SORT = int(Qt.ItemDataRole.UserRole)  # the column's sort key
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
#: The roles the model answers (a tooltip is the cell's text unless the column gives one).
ANSWERED = frozenset({DISPLAY, TOOLTIP, SORT, BACKGROUND})


@dataclass(frozen=True)
class Column:
    """One column: its title, how to get its text, and optionally a highlight rule, a sort
    key and a tooltip (the text itself when none is given)."""

    title: str
    text: Callable[[Any], object]
    highlight: Callable[[Any], bool] | None = None
    sort_key: Callable[[Any], object] | None = None
    tip: Callable[[Any], str] | None = None

    def shown(self, row: Any) -> str:
        """The cell's text as the table shows it."""
        value = self.text(row)
        return "" if value is None else str(value)


class RowTableModel(QAbstractTableModel):
    """Rows are plain objects; ``set_rows`` replaces them (the window asked a service)."""

    HIGHLIGHT = QColor("#fde2e1")
    HIGHLIGHT_BRUSH = QBrush(HIGHLIGHT)

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        # Asked seven times per painted cell (font, colours, alignment...): the roles this
        # model answers are told apart from plain ints first, before touching the row.
        if role not in ANSWERED or not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == SORT:
            return (column.sort_key or column.text)(row)
        if role == BACKGROUND:
            return self.HIGHLIGHT_BRUSH if column.highlight and column.highlight(row) else None
        if role == TOOLTIP and column.tip is not None:
            return column.tip(row)
        return column.shown(row)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None
