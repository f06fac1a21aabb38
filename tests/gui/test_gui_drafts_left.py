"""Drafts left by former staff on a supervisor's Today page: chosen, taken over after one
question, gone from the list; nobody else sees the list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox

from iopdesk.db.models.attendance import ProgressNote
from iopdesk.db.models.core import DraftTakeover
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.today import TodayScreen
from iopdesk.gui.today_panels.drafts_left import DraftsLeftPanel
from iopdesk.services.admin import staff
from tests.conftest import make_staff
from tests.factories.drafts import leave_drafts

LEFT = Qt.MouseButton.LeftButton
TITLE = "Drafts left by former staff"


def _titles(screen: TodayScreen) -> set[str]:
    return {box.title() for box in screen.findChildren(QGroupBox)}


def test_a_supervisor_takes_over_a_note_from_today(qtbot, store, admin, supervisor, answers):
    leaver = make_staff(admin, "leaving", "clinician")
    ids = leave_drafts(leaver)
    staff.set_active(admin, leaver.staff_id, False)
    screen = TodayScreen(WindowContext(supervisor, EventHub(), store))
    qtbot.addWidget(screen)
    screen.resize(1366, 728)
    screen.show()
    assert TITLE in _titles(screen)
    panel = next(p for p in screen.panels if isinstance(p, DraftsLeftPanel))
    assert panel.summary.text().startswith("4 draft(s) by colleagues")
    # Nothing chosen yet: the button says what to do first.
    answers.queue("inform")
    qtbot.mouseClick(panel.take_button, LEFT)
    assert answers.texts("inform") == ["Choose a draft in the list first."]
    rows = panel.table.rows_model.rows
    row = next(n for n, r in enumerate(rows) if r.kind == "progress")
    where = panel.table.visualRect(panel.table.model().index(row, 0)).center()
    qtbot.mouseClick(panel.table.viewport(), LEFT, pos=where)
    # Asked once (declined: nothing changes), then again and taken over.
    answers.queue("confirm", False)
    qtbot.mouseClick(panel.take_button, LEFT)
    assert DraftTakeover.select().count() == 0
    answers.queue("confirm", True)
    answers.queue("inform")
    qtbot.mouseClick(panel.take_button, LEFT)
    asked = answers.texts("confirm")[-1]
    assert "left by Leaving Tester, LADC" in asked and "You become its author" in asked
    assert answers.texts("inform")[-1].startswith("The draft is yours now: continue it in")
    assert ProgressNote.get_by_id(ids["progress"]).author_id == supervisor.staff_id
    assert panel.summary.text().startswith("3 draft(s)")  # the list heard the change
    assert "progress" not in {r.kind for r in panel.table.rows_model.rows}


@pytest.mark.parametrize("who", ["clinician", "admin", "front_desk"])
def test_only_supervisors_see_the_list(qtbot, store, request, who):
    actor = request.getfixturevalue(who)
    screen = TodayScreen(WindowContext(actor, EventHub(), store))
    qtbot.addWidget(screen)
    assert TITLE not in _titles(screen)
