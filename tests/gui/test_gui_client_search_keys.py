"""Finding a client from the keyboard: Down goes from the search into the list, Enter opens
the highlighted client, however many match."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from iopdesk.gui.clients.client_list import ClientList
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from tests.factories.clients import make_client

LEFT = Qt.MouseButton.LeftButton


def _list(qtbot, actor, store) -> ClientList:
    view = ClientList(WindowContext(actor, EventHub(), store))
    qtbot.addWidget(view)
    view.resize(1280, 700)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def test_down_goes_into_the_results_and_enter_opens_the_highlighted_one(qtbot, store, front_desk):
    ana, ben = make_client("Ana", "Garcia"), make_client("Ben", "Garcia")
    make_client("Cruz", "Garcia")
    make_client("Dev", "Lee")
    view = _list(qtbot, front_desk, store)
    opened: list[int] = []
    view.ctx.hub.open_chart_requested.connect(opened.append)
    qtbot.mouseClick(view.search, LEFT)
    qtbot.keyClicks(view.search, "garcia")
    qtbot.keyClick(view.search, Qt.Key.Key_Down)  # at once, before the list caught up
    assert view.model.rowCount() == 3
    assert QApplication.focusWidget() is view.table and view.table.selected().id == ana
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.table.selected().id == ben
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened == [ben]

    qtbot.keyClick(view.table, Qt.Key.Key_Up)
    qtbot.keyClick(view.table, Qt.Key.Key_Up)  # from the first row back to the search
    assert QApplication.focusWidget() is view.search
    qtbot.keyClick(view.search, Qt.Key.Key_Return)  # three match: the highlighted one opens
    assert opened == [ben, ana]


def test_enter_right_after_typing_opens_the_first_match_and_nothing_on_none(
    qtbot, store, front_desk
):
    make_client("Ana", "Garcia")
    lee = make_client("Dev", "Lee")
    view = _list(qtbot, front_desk, store)
    opened: list[int] = []
    view.ctx.hub.open_chart_requested.connect(opened.append)
    qtbot.mouseClick(view.search, LEFT)
    qtbot.keyClicks(view.search, "lee")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert opened == [lee]
    view.search.clear()
    qtbot.keyClicks(view.search, "nobody")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert opened == [lee] and view.count_label.text() == "No clients match."
    assert QApplication.focusWidget() is view.search
