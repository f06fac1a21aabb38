"""A table model over plain rows (dataclasses), with columns described once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
#: The roles the model answers (a tooltip is the cell's text unless the column gives one).
ANSWERED = frozenset({DISPLAY, TOOLTIP, BACKGROUND})


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

    def sort_value(self, row: Any) -> tuple[int, Any]:
        """What the column sorts this row by: its sort key, else its value; blanks first, and
        values of different kinds never compared with each other (numbers, dates, text)."""
        value = (self.sort_key or self.text)(row)
        if value is None or value == "":
            return (0, 0)
        if isinstance(value, bool | int | float | Decimal):
            return (1, value)
        if isinstance(value, dt.datetime):
            return (3, value.isoformat())
        if isinstance(value, dt.date):
            return (2, value)
        if isinstance(value, str):
            return (4, value)
        return (5, value if isinstance(value, tuple) else str(value))


class RowTableModel(QAbstractTableModel):
    """Rows are plain objects; ``set_rows`` replaces them (the window asked a service).

    The model sorts itself when the view asks (a header click): each row's key is read once,
    where a sorting proxy would ask the model twice per comparison, and again on every paint.
    Until then, and when ``sortable`` is off (the service sorts), rows keep the given order.
    """

    HIGHLIGHT = QColor("#fde2e1")
    HIGHLIGHT_BRUSH = QBrush(HIGHLIGHT)

    def __init__(self, columns: Sequence[Column], parent=None, *, sortable: bool = True) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.sortable = sortable
        #: The column and order rows are kept in since the last ``sort``; None: as given.
        self.sorted_by: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = self._in_order(list(rows))
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Keep the rows sorted by a column from now on (-1: as the service gave them)."""
        if not self.sortable:
            return
        self.sorted_by = (column, order) if 0 <= column < len(self.columns) else None
        if self.sorted_by is None:
            return
        self.layoutAboutToBeChanged.emit()
        order = self._order(len(self.rows))
        self.rows = [self.rows[i] for i in order]
        # Selected and current cells follow their rows to the new places.
        place = {old: new for new, old in enumerate(order)}
        kept = self.persistentIndexList()
        self.changePersistentIndexList(kept, [self.index(place[i.row()], i.column()) for i in kept])
        self.layoutChanged.emit()

    def _in_order(self, rows: list[Any]) -> list[Any]:
        return [rows[i] for i in self._order(len(rows), rows)]

    def _order(self, count: int, rows: list[Any] | None = None) -> list[int]:
        """The positions of ``rows`` (the model's own by default) in the kept order."""
        rows = self.rows if rows is None else rows
        if self.sorted_by is None:
            return list(range(count))
        column, order = self.sorted_by
        key = self.columns[column].sort_value
        keys = [key(row) for row in rows]
        return sorted(range(count), key=keys.__getitem__,
                      reverse=order == Qt.SortOrder.DescendingOrder)  # fmt: skip

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
