"""Checks of what a person can read: text that does not fit its column is cut ("Tue …")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView


def cut_texts(table: QTableView) -> list[str]:
    """Header and cell texts wider than the column they are in (each said with its column),
    and columns that end beyond the table's visible width."""
    model, header = table.model(), table.horizontalHeader()
    cut = []
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        title = model.headerData(column, Qt.Orientation.Horizontal)
        width = header.sectionSize(column)
        if header.sectionSizeHint(column) > width:
            cut.append(f"header {title!r}: needs {header.sectionSizeHint(column)}, has {width}")
        for row in range(model.rowCount()):
            index = model.index(row, column)
            needs = table.sizeHintForIndex(index).width()
            if needs > width:
                cut.append(f"{title!r} {index.data()!r}: needs {needs}, has {width}")
        if header.sectionViewportPosition(column) + width > table.viewport().width():
            cut.append(f"column {title!r} ends beyond the table's edge")
    return cut
