"""The chart's Schedule tab: upcoming sessions and scheduled hours against the minimum."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from iopdesk.gui.chart_tabs.schedule import ScheduleTab
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services import calendar as cal
from tests.factories import calendar as f
from tests.factories.calendar import MON
from tests.factories.clients import make_client


def test_schedule_tab_shows_sessions_and_flags_short_weeks(qtbot, clinician, store):
    c = make_client("Noor", "Haddad")
    g = f.group()
    monday = f.next_weekday(MON)
    f.member(g, c, monday)
    cal.create_series(clinician, f.group_series(g, clinician.staff_id, monday))
    hub = EventHub()
    tab = ScheduleTab(WindowContext(clinician, hub, store), c)
    qtbot.addWidget(tab)
    sessions = tab.session_table.rows_model
    assert sessions.rowCount() >= 3
    first = sessions.row_at(0)
    assert first.title == "Relapse Prevention (Morning)" and first.day == monday
    week = next(w for w in tab.hours_table.rows_model.rows if w.week_start == monday)
    assert week.minutes == 540 and not week.below_minimum
    cal.cancel_occurrence(clinician, first.id, "Snow day")
    hub.schedule_changed.emit()
    week = next(w for w in tab.hours_table.rows_model.rows if w.week_start == monday)
    assert week.minutes == 360 and week.below_minimum
    assert "below the program minimum of 9 h" in tab.note.text()
    opened = []
    hub.open_session_requested.connect(opened.append)
    tab.show()
    for row in (0, 1):  # double-click the cancelled session (nothing to open), then the next
        cell = tab.session_table.visualRect(tab.session_table.model().index(row, 0))
        viewport = tab.session_table.viewport()
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=cell.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=cell.center())
    assert opened == [sessions.row_at(1).id]  # the soonest sessions are listed first
    assert monday <= dt.date.today() + dt.timedelta(weeks=1)
