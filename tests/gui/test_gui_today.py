"""The Today page: each list says how things stand in a sentence, shows a short table that never
widens the window nor takes the page's mouse wheel, opens a row on double-click, a refused query
is its sentence, and a change made anywhere refreshes it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from iopdesk.db.models.attendance import Attendance
from iopdesk.gui import operations
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.today import TodayScreen
from iopdesk.gui.today_panels.follow_ups_due import FollowUpsDuePanel
from iopdesk.gui.today_panels.hours_below_minimum import HoursBelowMinimumPanel
from iopdesk.gui.today_panels.list_panel import ROWS_SHOWN, TodayTable
from iopdesk.gui.today_panels.missing_attendance import MissingAttendancePanel
from iopdesk.gui.widgets.row_table import MAX_COLUMN
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services import permissions
from iopdesk.services.attendance import sheet as attendance
from iopdesk.services.attendance.sheet import AttendanceEntry
from iopdesk.services.groups import roster
from tests.factories.attendance import make_group, make_session
from tests.factories.clients import make_client, make_clients

PAST = dt.date.today() - dt.timedelta(days=2)


@dataclass(frozen=True)
class Line:
    """A plain row for the table tests."""

    number: int
    note: str


def _shown(widget: QWidget, qtbot) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _wheel_down(target: QWidget) -> QWheelEvent:
    event = QWheelEvent(
        QPointF(20, 20),
        QPointF(target.mapToGlobal(QPoint(20, 20))),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(target, event)
    return event


def test_a_long_list_stays_short_keeps_its_order_and_leaves_the_wheel_to_the_page(qtbot):
    columns = [Column("Number", lambda r: r.number), Column("Note", lambda r: r.note)]
    table = _shown(TodayTable(columns, "Lines"), qtbot)
    rows = [Line(n, ("a very long note " * 60) if n == 3 else "short") for n in (5, 3, 9)] * 400
    table.set_rows(rows)
    row_height = table.verticalHeader().defaultSectionSize()
    assert table.height() < (ROWS_SHOWN + 2) * row_height + 60  # capped, whatever the count
    assert table.columnWidth(0) <= MAX_COLUMN
    assert table.sizeHint().width() < 400  # the contents never size the window
    shown = [table.model().index(r, 0).data() for r in range(3)]
    assert shown == ["5", "3", "9"]  # the service's order until a header is clicked
    event = _wheel_down(table.viewport())
    assert not event.isAccepted()  # it goes on to the scrolling Today page
    assert table.verticalScrollBar().value() == 0


def test_below_minimum_list_sentence_and_a_double_click_opens_the_chart(qtbot, front_desk, store):
    clients = make_clients(12)
    hub = EventHub()
    panel = HoursBelowMinimumPanel(WindowContext(front_desk, hub, store))
    panel.refresh()
    _shown(panel, qtbot)
    assert panel.summary.text().startswith("12 active client(s) below the minimum")
    assert panel.table.isVisible()
    assert sorted(r.client_id for r in panel.table.rows_model.rows) == sorted(clients)
    first = panel.table.row_for(panel.table.model().index(0, 0))
    where = panel.table.visualRect(panel.table.model().index(0, 0)).center()
    with qtbot.waitSignal(hub.open_chart_requested) as opened:
        # Qt's test double-click needs the first click of the pair sent on its own.
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
        qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert opened.args == [first.client_id]


def test_a_refused_list_is_its_sentence(qtbot, front_desk, store):
    make_client()
    panel = FollowUpsDuePanel(WindowContext(front_desk, EventHub(), store))
    panel.refresh()
    _shown(panel, qtbot)
    assert panel.summary.text() == permissions.denial_message("front_desk", "clinical.read")
    assert not panel.table.isVisible()


def test_attendance_saved_anywhere_refreshes_the_missing_list(qtbot, clinician, store):
    group = make_group("Evening Skills", facilitator=clinician)
    client = make_client("Ben", "Okoro")
    roster.add_member(clinician, group, client, PAST - dt.timedelta(days=30))
    session = make_session(group, PAST, title="Evening Skills")
    ctx = WindowContext(clinician, EventHub(), store)
    panel = MissingAttendancePanel(ctx)
    panel.refresh()
    _shown(panel, qtbot)
    assert panel.summary.text() == "1 session(s) in the last two weeks need attention."
    sheet = QWidget()  # another screen records the sheet through the one helper
    qtbot.addWidget(sheet)
    entries = [AttendanceEntry(client, "present")]
    saved = operations.run(ctx, sheet, lambda: attendance.save_sheet(clinician, session, entries))
    assert saved and Attendance.select().count() == 1
    assert panel.table.rows_model.row_at(0).what == "no group note; 1 individual note(s) to write"


def test_today_page_scrolls_and_never_widens_its_window(qtbot, front_desk, store):
    make_clients(40)
    today = TodayScreen(WindowContext(front_desk, EventHub(), store))
    _shown(today, qtbot)
    assert today.minimumSizeHint().width() < 300
    (panel,) = [p for p in today.panels if isinstance(p, HoursBelowMinimumPanel)]
    assert panel.table.rows_model.rowCount() == 40
    assert (
        panel.table.height()
        < (ROWS_SHOWN + 2) * panel.table.verticalHeader().defaultSectionSize() + 60
    )
