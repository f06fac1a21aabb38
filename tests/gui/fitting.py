"""Screens at an office screen's size, and checks of what a person can read there: text
that does not fit its column is cut ("Tue …")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from iopdesk.gui.clients.chart import ChartWindow
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services.context import Actor
from iopdesk.services.store import ClinicStore

#: A typical clinic PC's screen, less a taskbar.
OFFICE_SCREEN = (1366, 728)


def open_chart(qtbot, actor: Actor, store: ClinicStore, client_id: int) -> ChartWindow:
    """The client's chart, shown at the office screen's size."""
    chart = ChartWindow(WindowContext(actor, EventHub(), store), client_id)
    qtbot.addWidget(chart)
    chart.resize(*OFFICE_SCREEN)
    chart.show()
    return chart


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
