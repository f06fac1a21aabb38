"""The one row table: the service's order, columns that never push the window wider."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from iopdesk.gui.widgets.row_table import MAX_COLUMN, RowTable
from iopdesk.gui.widgets.table_model import Column


@dataclass(frozen=True)
class Member:
    name: str
    minutes: int
    note: str = ""


COLUMNS = [
    Column("Client", lambda m: m.name),
    Column("Minutes", lambda m: f"{m.minutes} min", sort_key=lambda m: m.minutes),
    Column("Note", lambda m: m.note),
    Column("Group", lambda m: "Evening Skills"),
]
ROWS = [Member("Zoe Adams", 90), Member("Ana Brook", 180), Member("Ben Cruz", 150)]


def _window(qtbot, *, sort_locally: bool = True) -> tuple[QWidget, RowTable, QPushButton]:
    window = QWidget()
    table = RowTable(COLUMNS, "Members", window, sort_locally=sort_locally)
    button = QPushButton("End membership")
    column = QVBoxLayout(window)
    column.addWidget(table)
    column.addWidget(button)
    qtbot.addWidget(window)
    window.resize(700, 400)
    window.show()
    return window, table, button


def _shown(table: RowTable) -> list[str]:
    view = table.model()
    return [table.row_for(view.index(n, 0)).name for n in range(view.rowCount())]


def test_rows_keep_the_services_order_until_a_header_is_clicked(qtbot):
    window, table, _ = _window(qtbot)
    table.set_rows(ROWS)
    assert window.isVisible() and _shown(table) == ["Zoe Adams", "Ana Brook", "Ben Cruz"]
    header = table.horizontalHeader()
    minutes = QPoint(header.sectionViewportPosition(1) + header.sectionSize(1) // 2, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=minutes)
    assert _shown(table) == ["Zoe Adams", "Ben Cruz", "Ana Brook"]  # by minutes, not text


def test_a_long_note_never_widens_the_window(qtbot):
    window, table, _ = _window(qtbot)
    table.set_rows([Member("Ana Brook", 180, "Arrived late; " * 200)])
    assert table.columnWidth(2) <= MAX_COLUMN
    assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance("Ana Brook")
    assert window.width() == 700
    tooltip = table.model().index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Arrived late")  # the whole note is a hover away


def test_a_button_that_needs_a_row_waits_for_one(qtbot):
    window, table, button = _window(qtbot)
    table.needs_row(button)
    table.set_rows(ROWS)
    assert not button.isEnabled() and table.selected() is None
    table.selectRow(2)
    assert button.isEnabled() and table.selected().name == "Ben Cruz"
    table.set_rows(ROWS)  # read again: the choice is gone
    assert not button.isEnabled() and table.selected() is None and window.isVisible()


def test_rows_a_service_sorts_stay_in_its_order_and_work_the_same(qtbot):
    window, table, button = _window(qtbot, sort_locally=False)
    clicked: list[int] = []
    header = table.horizontalHeader()
    header.sectionClicked.connect(clicked.append)
    table.needs_row(button)
    table.set_rows(ROWS)
    minutes = QPoint(header.sectionViewportPosition(1) + header.sectionSize(1) // 2, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=minutes)
    assert clicked == [1] and _shown(table) == ["Zoe Adams", "Ana Brook", "Ben Cruz"]
    assert not button.isEnabled() and table.select_first(lambda m: m.minutes > 100)
    assert button.isEnabled() and table.selected().name == "Ana Brook"
    opened: list[Member] = []
    table.row_opened.connect(opened.append)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened == [ROWS[1]]
    table.set_rows(ROWS)
    assert not button.isEnabled() and window.isVisible()


def _click_header(qtbot, table: RowTable, column: int) -> None:
    header = table.horizontalHeader()
    where = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_a_clicked_order_holds_for_new_rows_and_keeps_the_chosen_row(qtbot):
    _, table, button = _window(qtbot)
    table.needs_row(button)
    table.set_rows(ROWS)
    table.selectRow(0)  # Zoe Adams
    _click_header(qtbot, table, 0)
    assert _shown(table) == ["Ana Brook", "Ben Cruz", "Zoe Adams"]
    assert table.selected().name == "Zoe Adams" and button.isEnabled()  # the choice moved with it
    _click_header(qtbot, table, 0)  # again: Z to A
    assert _shown(table) == ["Zoe Adams", "Ben Cruz", "Ana Brook"]
    table.set_rows([Member("Cal Diaz", 60), *ROWS])  # read again: the person's order holds
    assert _shown(table) == ["Zoe Adams", "Cal Diaz", "Ben Cruz", "Ana Brook"]


def test_blank_and_mixed_values_sort_without_failing(qtbot):
    columns = [Column("Due", lambda r: r[0]), Column("Who", lambda r: r[1])]
    window = QWidget()
    qtbot.addWidget(window)
    table = RowTable(columns, "Due", window)
    table.set_rows([(3, "b"), (None, "a"), ("soon", "c"), (1, "d")])
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [table.row_for(table.model().index(n, 0))[1] for n in range(4)] == ["a", "d", "b", "c"]
