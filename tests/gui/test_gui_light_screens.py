"""Screens do only what the person is looking at: an area is built when first shown, Today asks
each list once, a save keeps the sheet's row widgets, a keystroke asks the same few queries
however many clients match, and a long list's columns are sized from a sample.

These guard the structure behind the speed budgets; the budgets themselves are measured by
``iopdesk bench``, never timed here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from iopdesk.db.connection import database
from iopdesk.db.models.attendance import Attendance
from iopdesk.gui.attendance.sheet import AttendanceSheetWindow
from iopdesk.gui.clients.client_list import ClientList
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.main_window import MainWindow
from iopdesk.gui.today_panels.list_panel import ListPanel
from iopdesk.gui.widgets.row_table import SAMPLE_ROWS, RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.context import Change
from iopdesk.services.groups import roster
from tests.factories.attendance import make_group, make_session
from tests.factories.clients import make_client, make_clients

DAY = dt.date.today() - dt.timedelta(days=1)


@contextlib.contextmanager
def queries() -> Iterator[list[str]]:
    """Every SQL statement the app runs inside the block (a hook on the open database)."""
    db = database.obj
    run = db.execute_sql
    seen: list[str] = []

    def counted(sql: str, *args: object, **kwargs: object) -> object:
        seen.append(sql)
        return run(sql, *args, **kwargs)

    db.execute_sql = counted
    try:
        yield seen
    finally:
        del db.execute_sql


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each Today list asked its service."""
    counts: Counter[str] = Counter()
    refresh = ListPanel.refresh

    def counting(panel: ListPanel) -> None:
        counts[type(panel).__name__] += 1
        refresh(panel)

    monkeypatch.setattr(ListPanel, "refresh", counting)
    return counts


def _main_window(qtbot, actor, store) -> MainWindow:
    window = MainWindow(WindowContext(actor, EventHub(), store))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _click_area(qtbot, window: MainWindow, key: str) -> None:
    item = window.sidebar.item(window.area_keys().index(key))
    centre = window.sidebar.visualItemRect(item).center()
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_an_area_is_built_when_first_shown_and_kept(qtbot, store, admin):
    window = _main_window(qtbot, admin, store)
    assert list(window.pages) == ["today"]
    assert {"clients", "calendar", "groups", "administration"} <= set(window.area_keys())
    _click_area(qtbot, window, "groups")
    assert list(window.pages) == ["today", "groups"]
    groups = window.pages["groups"]
    assert groups.isVisible() and not window.pages["today"].isVisible()
    _click_area(qtbot, window, "today")
    _click_area(qtbot, window, "groups")
    assert window.pages["groups"] is groups and groups.isVisible()
    assert list(window.pages) == ["today", "groups"]


def test_the_main_window_asks_each_today_list_once(qtbot, store, clinician, asked):
    make_clients(3)
    window = _main_window(qtbot, clinician, store)
    assert asked and set(asked.values()) == {1}, asked
    asked.clear()
    window.ctx.hub.publish([Change("attendance")])
    # Only the lists that show attendance are asked again, once each.
    assert asked == Counter({"MissingAttendancePanel": 1, "HoursBelowMinimumPanel": 1})


def test_a_saved_sheet_keeps_its_row_widgets(qtbot, store, clinician, answers):
    group = make_group("Relapse Prevention", facilitator=clinician)
    ids = make_clients(4)
    for cid in ids:
        roster.add_member(clinician, group, cid, DAY - dt.timedelta(days=7))
    window = AttendanceSheetWindow(
        WindowContext(clinician, EventHub(), store), make_session(group, DAY)
    )
    qtbot.addWidget(window)
    window.show()
    lines = dict(window.rows)
    qtbot.mouseClick(window.all_present, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(lines[ids[1]].by_status["absent_excused"], Qt.MouseButton.LeftButton)
    visitor = make_client("Vera", "Visitor")
    window.guest_search.setText("visitor")
    qtbot.mouseClick(window.add_guest_button, Qt.MouseButton.LeftButton)
    guest = window.rows[visitor]
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert not window.dirty and Attendance.select().count() == 5
    assert all(window.rows[cid] is line for cid, line in lines.items())
    assert window.rows[visitor] is guest
    assert (
        window.rows[ids[1]].status == "absent_excused" and window.rows[ids[0]].status == "present"
    )
    # The saved sheet's order: the roster by name, then the guest.
    assert list(window.rows) == [*(r.client_id for r in window.sheet.rows)]
    assert "5 on the sheet · 5 marked" in window.count.text()


def test_a_keystroke_asks_the_same_few_queries_however_many_match(qtbot, store, front_desk):
    make_client("Lucia", "Lopez")
    make_clients(40, last="Marsh")
    view = ClientList(WindowContext(front_desk, EventHub(), store))
    qtbot.addWidget(view)
    view.show()
    per_key = []
    for typed in ("luc", "mars"):
        view.search.clear()
        qtbot.waitUntil(lambda: view.model.rowCount() == 41, timeout=2000)
        for char in typed:
            with queries() as seen, qtbot.waitSignal(view.model.modelReset, timeout=2000):
                qtbot.keyClick(view.search, char)
            # The read snapshot's PRAGMAs are no reads of data.
            per_key.append(len([sql for sql in seen if not sql.startswith("PRAGMA")]))
    assert view.model.rowCount() == 40 and view.count_label.text() == "40 clients"
    # Who asks (twice: page and count), the count, the page of those in care and of the
    # discharged, the counselors' names: the same for one match or forty.
    assert len(set(per_key)) == 1 and per_key[0] <= 7, per_key


@dataclass(frozen=True)
class Member:
    name: str


def test_a_long_lists_columns_are_sized_from_a_sample_even_while_hidden(qtbot):
    read: Counter[str] = Counter()

    def name(member: Member) -> str:
        read["name"] += 1
        return member.name

    table = RowTable([Column("Client", name)], "Members")
    qtbot.addWidget(table)
    assert not table.isVisible()  # a page being built: Qt would measure every row
    table.set_rows([Member(f"Client {n}") for n in range(5000)])
    assert read["name"] <= SAMPLE_ROWS + 1  # the sample, then its widest cell as Qt draws it
    assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance("Client 4999")
