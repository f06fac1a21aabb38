"""The Groups area: create a group, give it a weekly schedule, build its roster."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from iopdesk.db.models.calendar import Group, RosterMembership, Session
from iopdesk.gui.areas.groups import GroupsArea
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from tests.factories.clients import make_client


def test_create_group_schedule_and_roster(qtbot, clinician, store, answers):
    area = GroupsArea(WindowContext(clinician, EventHub(), store))
    qtbot.addWidget(area)
    area.show()
    qtbot.mouseClick(area.new_button, Qt.MouseButton.LeftButton)
    editor = area.editor
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "Group name is required" in editor.form.error_text("name")
    assert "facilitator" in editor.form.error_text("facilitators")
    qtbot.keyClicks(editor.name, "Morning Relapse Prevention")
    editor.capacity.setValue(1)
    editor.facilitators[clinician.staff_id].setChecked(True)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    group = Group.get()
    assert group.name == "Morning Relapse Prevention" and area.table.rows_model.rowCount() == 1
    # weekly schedule Mon/Wed/Fri through the calendar service
    for day in (0, 2, 4):
        editor.weekdays[day].setChecked(True)
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    editor.first_date.setDate(QDate(monday))
    qtbot.mouseClick(editor.add_schedule, Qt.MouseButton.LeftButton)
    assert editor.schedule_form.error_text("weekdays") == ""
    assert Session.select().where(Session.group == group.id).count() > 10
    assert "Mon, Wed, Fri" in area.table.rows_model.row_at(0).schedule
    # roster: add two clients, the second over capacity with a reason
    panel = area.roster
    for first in ("Ana", "Ben"):
        make_client(first, "Rivers")
    panel.start.setDate(QDate(monday))
    answers.queue("text", "Referral from court")
    for name in ("ana", "ben"):
        panel.search.setText(name)
        assert panel.client.count() == 1
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert RosterMembership.select().count() == 2
    assert answers.titles() == ["Add to the group anyway?"]
    assert panel.table.rows_model.rowCount() == 2
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.end_button, Qt.MouseButton.LeftButton)
    assert "Reason for ending is required" in panel.form.error_text("end_reason")
    assert area.sessions.rows_model.rowCount() > 0
