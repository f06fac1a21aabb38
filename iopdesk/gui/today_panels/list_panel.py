"""What every Today list shares: a sentence saying how things stand, a short table of what needs
doing, and a double-click that opens the row (a client's chart, a session's sheet).

A panel module says only what differs: its columns, its query, its summary sentence, what a
double-click opens, and which changes (hub kinds) alter its list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from iopdesk.gui import operations
from iopdesk.gui.context import WindowContext
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column

#: A Today list shows at most this many rows; longer ones scroll inside their own scroll bar.
ROWS_SHOWN = 8


class TodayTable(RowTable):
    """A list on the scrolling Today page: a capped height, and the wheel scrolls the page."""

    def __init__(self, columns: Sequence[Column], name: str, parent: QWidget | None = None) -> None:
        super().__init__(columns, name, parent)
        # Columns fit the rows a person sees first; the home screen opens at once.
        self.horizontalHeader().setResizeContentsPrecision(2 * ROWS_SHOWN)

    def wheelEvent(self, event: QWheelEvent) -> None:
        # The page under the pointer scrolls; the list keeps its scroll bar (and the keyboard).
        event.ignore()

    def set_rows(self, rows: Sequence[object]) -> None:
        super().set_rows(rows)
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()  # a narrower page may now need the sideways scroll bar

    def _fit_height(self) -> None:
        shown = min(self.rows_model.rowCount(), ROWS_SHOWN)
        height = (
            self.horizontalHeader().sizeHint().height()
            + shown * self.verticalHeader().defaultSectionSize()
            + 2 * self.frameWidth()
        )
        if self.horizontalHeader().length() > self.viewport().width():
            height += self.horizontalScrollBar().sizeHint().height()
        if height != self.height():
            self.setFixedHeight(height)


class ListPanel(QWidget):
    """A Today list; subclasses give ``name``, ``columns``, ``refresh_on`` and the four methods."""

    #: The table's accessible name (what a screen reader says).
    name: str
    columns: Sequence[Column]
    #: The change kinds (``CHANGE_KINDS``) after which the list is asked again.
    refresh_on: tuple[str, ...] = ()

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        controls = self.controls()
        if controls:
            row = QHBoxLayout()
            for widget in controls:
                row.addWidget(widget)
            row.addStretch()
            col.addLayout(row)
        # Made in place (see TodayScreen): moving a built table restyles all it holds.
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        col.addWidget(self.summary)
        self.table = TodayTable(self.columns, self.name, self)
        self.table.doubleClicked.connect(lambda index: self.open(self.table.row_for(index)))
        self.table.hide()
        col.addWidget(self.table)
        for kind in self.refresh_on:
            getattr(ctx.hub, f"{kind}_changed").connect(self._changed)

    def _changed(self, *_signal_args: object) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Ask the query again; a refusal is the summary sentence, with no list."""
        outcome = operations.run(self.ctx, self, self.query, errors=self.summary.setText)
        rows = outcome.result if outcome else []
        self.table.set_rows(rows)
        self.table.setVisible(bool(rows))
        if outcome:
            self.summary.setText(self.summary_for(rows))

    def controls(self) -> list[QWidget]:
        """Widgets shown above the list (a filter, an action); none unless a panel adds them."""
        return []

    def query(self) -> Sequence[Any]:
        """The rows to show (a service call)."""
        raise NotImplementedError

    def summary_for(self, rows: Sequence[Any]) -> str:
        """The sentence above the list: how many, or that nothing is waiting."""
        raise NotImplementedError

    def open(self, row: Any) -> None:
        """What a double-click on a row opens (through the hub's ``open_*``)."""
        raise NotImplementedError
