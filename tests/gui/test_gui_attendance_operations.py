"""Groups, roster, drug test and attendance sheet run every service call one way."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from iopdesk.db.models.attendance import DrugTest, GroupNote
from iopdesk.db.models.calendar import RosterMembership
from iopdesk.gui.areas.groups import GroupsArea
from iopdesk.gui.attendance.drug_test_dialog import DrugTestDialog
from iopdesk.gui.attendance.sheet import AttendanceSheetWindow
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services.admin import staff
from iopdesk.services.groups import roster
from tests.conftest import make_staff
from tests.factories.attendance import make_group, make_session
from tests.factories.clients import make_client

PAST = dt.date.today() - dt.timedelta(days=2)


def _click(qtbot, button) -> None:
    assert button.isEnabled(), f"{button.text()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _area(qtbot, actor, store) -> GroupsArea:
    """The Groups area with its first group chosen, as a person clicks it."""
    area = GroupsArea(WindowContext(actor, EventHub(), store))
    qtbot.addWidget(area)
    area.show()
    first = area.table.visualRect(area.table.model().index(0, 0)).center()
    qtbot.mouseClick(area.table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    return area


def test_roster_asks_a_reason_for_a_full_group_and_ends_a_membership(
    qtbot, front_desk, clinician, store, answers
):
    group = make_group("Evening Skills", capacity=1, facilitator=clinician)
    roster.add_member(clinician, group, make_client("Ana", "Lopez"), PAST)
    make_client("Ben", "Okafor")
    area = _area(qtbot, front_desk, store)
    panel = area.roster
    heard: list[str] = []
    area.ctx.hub.schedule_changed.connect(lambda: heard.append("schedule"))
    assert not panel.add_button.isEnabled() and not panel.end_button.isEnabled()
    panel.day.setDate(QDate(PAST))
    panel.start.setDate(QDate(PAST))
    qtbot.keyClicks(panel.search, "okafor")
    answers.queue("text", None)
    _click(qtbot, panel.add_button)  # the group is full; no reason given
    assert answers.kinds() == ["text"] and "capacity 1" in answers.texts("text")[0]
    assert RosterMembership.select().count() == 1 and heard == []
    answers.queue("text", "Court-ordered start this week")
    _click(qtbot, panel.add_button)
    assert RosterMembership.select().count() == 2 and heard == ["schedule"]
    assert [r.client_name for r in panel.table.rows_model.rows] == ["Ana Lopez", "Ben Okafor"]
    assert "2 member(s)" in panel.count.text()
    panel.table.selectRow(1)
    panel.end.setDate(QDate(PAST - dt.timedelta(days=1)))
    qtbot.keyClicks(panel.reason, "Moved to the morning track")
    _click(qtbot, panel.end_button)
    assert "cannot end before it started" in panel.form.error_text("end_date")
    panel.end.setDate(QDate(PAST))
    _click(qtbot, panel.end_button)
    ended = RosterMembership.get(RosterMembership.end_date.is_null(False))
    assert ended.end_reason == "Moved to the morning track" and panel.reason.text() == ""
    assert not panel.end_button.isEnabled()  # the roster was read again


def test_a_deactivated_account_is_told_why_the_groups_are_empty(qtbot, admin, store, answers):
    clinician = make_staff(admin, "casey", "clinician")
    make_group("Evening Skills", facilitator=clinician)
    area = _area(qtbot, clinician, store)
    assert area.table.rows_model.rowCount() == 1 and not area.problem.isVisible()
    staff.set_active(admin, clinician.staff_id, False)
    area.refresh()
    assert area.problem.isVisible() and "no longer active" in area.problem.text()
    assert area.table.rows_model.rowCount() == 0


def test_double_clicking_a_group_session_opens_its_sheet(qtbot, clinician, store, answers):
    group = make_group("Evening Skills", facilitator=clinician)
    session = make_session(group, PAST, title="Evening Skills")
    area = _area(qtbot, clinician, store)
    area.tabs.setCurrentWidget(area.sessions)
    where = area.sessions.visualRect(area.sessions.model().index(0, 0)).center()
    qtbot.mouseClick(area.sessions.viewport(), Qt.MouseButton.LeftButton, pos=where)
    with qtbot.waitSignal(area.ctx.hub.open_session_requested) as opened:
        qtbot.mouseDClick(area.sessions.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert opened.args == [session]


def test_drug_test_save_is_refused_next_to_the_date_then_recorded(qtbot, clinician, store, answers):
    client = make_client()
    ctx = WindowContext(clinician, EventHub(), store)
    dialog = DrugTestDialog(ctx, client)
    qtbot.addWidget(dialog)
    save = next(b for b in dialog.findChildren(QPushButton) if b.accessibleName() == "Save")
    dialog.collected.setDate(QDate(dt.date.today() + dt.timedelta(days=1)))
    dialog.set_result("Cocaine", "negative")
    _click(qtbot, save)
    assert "future" in dialog.form.error_text("collected_on")
    assert DrugTest.select().count() == 0 and dialog.saved is None
    dialog.collected.setDate(QDate(PAST))
    with qtbot.waitSignal(ctx.hub.clinical_changed) as heard:
        _click(qtbot, save)
    assert heard.args == [client] and DrugTest.get().client_id == client
    assert dialog.result() == DrugTestDialog.DialogCode.Accepted


def test_signing_asks_first_and_a_sign_in_sheet_that_cannot_be_written_says_so(
    qtbot, clinician, store, answers, tmp_path
):
    group = make_group("Evening Skills", facilitator=clinician)
    client = make_client("Ana", "Lopez")
    roster.add_member(clinician, group, client, PAST - dt.timedelta(days=7))
    window = AttendanceSheetWindow(
        WindowContext(clinician, EventHub(), store), make_session(group, PAST)
    )
    qtbot.addWidget(window)
    window.show()
    window.rows[client].set_status("present")
    qtbot.keyClicks(window.notes_panel.topic, "Coping with cravings")
    qtbot.keyClicks(window.notes_panel.content, "Urge surfing practice.")
    answers.queue("confirm", False)
    _click(qtbot, window.sign_button)  # saves the sheet first, then asks
    assert answers.shown[-1][:2] == ("confirm", "Sign notes")
    assert GroupNote.get().signed_at is None and not window.dirty
    answers.queue("confirm", True)
    _click(qtbot, window.sign_button)
    assert GroupNote.get().signed_at is not None and window.notes_panel.topic.isReadOnly()
    assert "Signed 1 note(s)" in window.statusBar().currentMessage()
    answers.queue("save_file", str(tmp_path))  # a folder: the PDF cannot be written there
    answers.queue("error")
    _click(qtbot, window.print_button)
    assert answers.shown[-1][0] == "error" and "could not be saved" in answers.shown[-1][2]
