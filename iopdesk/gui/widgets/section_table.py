"""A titled row table with its action buttons, as the chart's sections use it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.gui.forms import name_button, subheading
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column

#: A section grows to show this many rows before it scrolls.
ROWS_SHOWN = 10


class SectionTable(QWidget):
    """Heading, a short table, buttons; ``selected()`` is the highlighted row or None."""

    def __init__(
        self, title: str, columns: Sequence[Column], empty: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        top = QHBoxLayout()
        label = subheading(title)
        top.addWidget(label)
        top.addStretch(1)
        self.button_row = top
        layout.addLayout(top)
        self.table = RowTable(columns, title)
        self.model = self.table.rows_model
        self.table.setWordWrap(True)  # long free text wraps in a column of readable width
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
            self.table.needs_row(button)

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show the rows; the table is as tall as they are (up to ``ROWS_SHOWN``)."""
        self.table.set_rows(rows)
        self.empty.setVisible(not rows)
        self.table.resizeRowsToContents()
        shown = sum(self.table.rowHeight(r) for r in range(min(len(rows), ROWS_SHOWN)))
        self.table.setFixedHeight(self.table.horizontalHeader().height() + max(shown, 60) + 6)

    def selected(self) -> Any | None:
        """The highlighted row, or None."""
        return self.table.selected()
