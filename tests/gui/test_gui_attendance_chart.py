"""Chart tabs (attendance & groups, drug tests) and the two Today panels, driven with qtbot."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from iopdesk.db.models.attendance import DrugTest
from iopdesk.db.models.calendar import RosterMembership
from iopdesk.gui.chart_tabs.attendance import AttendanceTab
from iopdesk.gui.chart_tabs.drug_tests import DrugTestsTab
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.today_panels.hours_below_minimum import HoursBelowMinimumPanel
from iopdesk.gui.today_panels.missing_attendance import MissingAttendancePanel
from iopdesk.services.attendance import sheet as attendance
from iopdesk.services.attendance.sheet import AttendanceEntry as E
from iopdesk.services.groups import roster
from tests.factories.attendance import make_group, make_session
from tests.factories.clients import make_client

PAST = dt.date.today() - dt.timedelta(days=2)


def _ctx(actor, store):
    return WindowContext(actor, EventHub(), store)


def test_attendance_tab_shows_rate_and_manages_memberships(qtbot, clinician, store, answers):
    group = make_group("Morning Process", capacity=1, facilitator=clinician)
    other = make_client("Other", "Member")
    roster.add_member(clinician, group, other, PAST - dt.timedelta(days=5))
    client = make_client("Ana", "Lopez")
    tab = AttendanceTab(_ctx(clinician, store), client)
    qtbot.addWidget(tab)
    assert "no attendance recorded yet" in tab.summary.text()
    tab.start.setDate(QDate(PAST - dt.timedelta(days=3)))
    answers.queue("text", "Court order")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)  # full: asks a reason
    assert "capacity 1" in answers.texts("text")[0]
    assert RosterMembership.select().where(RosterMembership.client == client).count() == 1
    assert [r.group_name for r in tab.memberships.rows_model.rows] == ["Morning Process"]
    assert not tab.end_button.isEnabled()  # until a membership is chosen
    session = make_session(group, PAST)
    attendance.save_sheet(clinician, session, [E(client, "present"), E(other, "absent_excused")])
    tab.refresh()
    assert "Attendance rate: 100% of 1 recorded sessions" in tab.summary.text()
    assert tab.history.rows_model.rowCount() == 1
    tab.memberships.selectRow(0)
    tab.end.setDate(QDate(PAST - dt.timedelta(days=10)))
    qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
    assert "Reason for ending is required" in tab.form.error_text("end_reason")
    assert "cannot end before" in tab.form.error_text("end_date")
    tab.end.setDate(QDate(PAST))
    qtbot.keyClicks(tab.reason, "Moved to evening track")
    qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
    assert RosterMembership.get(RosterMembership.client == client).end_date == PAST


def test_drug_test_dialog_records_and_tab_highlights(qtbot, clinician, store):
    client = make_client()
    tab = DrugTestsTab(_ctx(clinician, store), client)
    qtbot.addWidget(tab)
    assert tab.summary.text() == "No drug tests recorded."
    dialog = tab.open_dialog()
    qtbot.addWidget(dialog)
    dialog.collected.setDate(QDate(dt.date.today() + dt.timedelta(days=1)))
    dialog.save()
    assert "future" in dialog.form.error_text("collected_on")
    assert "at least one substance" in dialog.form.error_text("results")
    dialog.collected.setDate(QDate(PAST))
    dialog.set_result("Cocaine", "positive")
    dialog.set_result("Opiates", "negative")
    dialog.save()
    assert dialog.saved is not None and DrugTest.select().count() == 1
    tab.refresh()
    assert "2 days since the last unexplained positive" in tab.summary.text()
    assert tab.table.rows_model.row_at(0).has_unexplained_positive


def test_today_panels(qtbot, clinician, front_desk, store):
    group = make_group("Evening Skills", facilitator=clinician)
    client = make_client("Ben", "Okoro")
    roster.add_member(clinician, group, client, PAST - dt.timedelta(days=30))
    session = make_session(group, PAST, title="Evening Skills")
    ctx = _ctx(clinician, store)
    missing = MissingAttendancePanel(ctx)
    hours = HoursBelowMinimumPanel(_ctx(front_desk, store))
    qtbot.addWidget(missing)
    qtbot.addWidget(hours)
    missing.refresh()
    hours.refresh()
    assert missing.table.rows_model.rowCount() == 1
    assert missing.table.rows_model.row_at(0).what == "attendance not recorded"
    with qtbot.waitSignal(ctx.hub.open_session_requested) as opened:
        missing.table.doubleClicked.emit(missing.table.model().index(0, 0))
    assert opened.args == [session]
    assert [r.client_id for r in hours.table.rows_model.rows] == [client]
    assert "below the minimum" in hours.summary.text()
