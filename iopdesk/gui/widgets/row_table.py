"""The one row table: read-only rows of plain objects, sortable, columns fitted to what it shows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from iopdesk.gui.widgets.table_model import Column, RowTableModel

#: Columns are sized from this many rows (those in view first), never from a whole long list.
SAMPLE_ROWS = 100
#: No column grows past this (pixels): a long note is cut with its full text in the tooltip
#: (or wraps where the table wraps), instead of pushing the table wider than its window.
MAX_COLUMN = 380
#: Of a column's sampled texts, the longest this many (in characters) are measured in pixels:
#: one of them is the widest, and measuring all of them on every keystroke of a search costs.
MEASURED = 5


class RowTable(QTableView):
    """Rows selected whole, sorted on click; ``selected()`` gives the chosen row object and
    ``row_opened`` fires with it on a double-click or Enter.

    Rows keep the order the service gave until the person clicks a column header. The table's
    size never follows its contents, so a long list cannot widen the window it is in.
    """

    row_opened = Signal(object)

    def __init__(
        self,
        columns: Sequence[Column],
        name: str,
        parent: QWidget | None = None,
        *,
        sort_locally: bool = True,
    ) -> None:
        super().__init__(parent)
        # The model sorts itself on a header click (no sorting proxy in between, which asks
        # the model twice more for every question a painted cell asks); rows a service sorted
        # (it pages through more rows than the table holds) are never re-sorted here.
        self.rows_model = RowTableModel(columns, self, sortable=sort_locally)
        self.setModel(self.rows_model)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(SAMPLE_ROWS)
        # Rows stay in the service's order (newest first, by name...) until a header is clicked.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        if sort_locally:
            self.setSortingEnabled(True)
        else:
            # The service sorts (it pages through more rows than the table holds): the header
            # only shows the order and reports the clicked column (sectionClicked).
            header.setSortIndicatorShown(True)
            header.setSectionsClickable(True)
        self.activated.connect(lambda index: self.row_opened.emit(self.row_for(index)))

    def set_rows(self, rows: Sequence[object]) -> None:
        """Show these rows (the screen asked a service), columns sized to what they hold."""
        self.rows_model.set_rows(rows)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Each column as wide as its header and the widest text of the first ``SAMPLE_ROWS``
        rows (a long list costs no more than a short one), at most ``MAX_COLUMN``.

        The widest text is found from the texts alone (only the longest few are measured in
        pixels), then only its cell is measured as Qt draws it (style sheet paddings included):
        Qt's own sizing asks the model a dozen questions per cell, and over every row while the
        table is hidden (as a page being built is).
        """
        self.ensurePolished()  # the style sheet's font, not the default one, even while hidden
        metrics = self.fontMetrics()
        grid = int(self.showGrid())
        sample = self.rows_model.rows[:SAMPLE_ROWS]
        header = self.horizontalHeader()
        for number, column in enumerate(self.rows_model.columns):
            width = header.sectionSizeHint(number)
            if sample:
                texts = [column.shown(row) for row in sample]
                longest = sorted(range(len(texts)), key=lambda i: -len(texts[i]))[:MEASURED]
                widest_row = max(longest, key=lambda i: metrics.horizontalAdvance(texts[i]))
                widest = self.rows_model.index(widest_row, number)
                width = max(width, self.sizeHintForIndex(widest).width() + grid)
            self.setColumnWidth(number, min(width, MAX_COLUMN))

    def row_for(self, index: QModelIndex | QPersistentModelIndex) -> Any:
        """The row object behind a view index."""
        return self.rows_model.row_at(index.row())

    def selected(self) -> Any | None:
        """The chosen row object, or None."""
        picked = self.selectionModel().selectedRows()
        return self.row_for(picked[0]) if picked else None

    def needs_row(self, *buttons: QWidget) -> None:
        """Enable these buttons only while a row is chosen (new rows clear the choice)."""

        def enable(*_args: object) -> None:
            chosen = self.selected() is not None
            for button in buttons:
                button.setEnabled(chosen)

        self.selectionModel().selectionChanged.connect(enable)
        # The selection model forgets its rows on a reset before this runs (connected first).
        self.model().modelReset.connect(enable)
        enable()

    def select_first(self, match: Callable[[Any], bool]) -> bool:
        """Select the first row (as shown) that ``match`` accepts; False when there is none."""
        view = self.model()
        for shown in range(view.rowCount()):
            if match(self.row_for(view.index(shown, 0))):
                self.selectRow(shown)
                return True
        return False
