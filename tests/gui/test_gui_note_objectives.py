"""The note's objective picker clicked and saved, a refusal under it, and the plan review."""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QTreeWidgetItem

from iopdesk.db.models.attendance import ProgressNote
from iopdesk.gui.attendance.sheet import AttendanceSheetWindow
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.plans.review_dialog import ReviewDialog
from iopdesk.services.attendance import sheet as attendance
from iopdesk.services.attendance.sheet import AttendanceEntry as E
from iopdesk.services.plans import records as plans
from iopdesk.services.plans import signing as plans_signing
from tests.factories.attendance import make_session
from tests.factories.clients import make_clients
from tests.factories.plans import sign_fully, write_plan

TODAY = dt.date.today()
PAST = TODAY - dt.timedelta(days=2)


@pytest.fixture
def planned(clinician, supervisor):
    """A client with a signed plan (two problems of two objectives) at a held session."""
    (ana,) = make_clients(1)
    plan_id = write_plan(clinician, ana, problems=2, objectives=2, start=TODAY - dt.timedelta(9))
    sign_fully(clinician, supervisor, plan_id)
    session = make_session(None, PAST, client_ids=(ana,), counselor=clinician, title="Coping")
    attendance.save_sheet(clinician, session, [E(ana, "present")])
    return ana, plan_id, session


def _sheet(qtbot, actor, store, session):
    window = AttendanceSheetWindow(WindowContext(actor, EventHub(), store), session)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def _tick(qtbot, picker, item: QTreeWidgetItem) -> None:
    """Click the line's tick box (at the start of its text, after the indentation)."""
    picker.tree.scrollToItem(item)
    rect = picker.tree.visualItemRect(item)
    box = QPoint(rect.left() + 10, rect.center().y())
    qtbot.mouseClick(picker.tree.viewport(), Qt.MouseButton.LeftButton, pos=box)


def test_the_counselor_ticks_objectives_saves_and_the_review_shows_the_note(
    qtbot, clinician, store, planned, answers
):
    ana, plan_id, session = planned
    window = _sheet(qtbot, clinician, store, session)
    qtbot.mouseClick(window.rows[ana].note_button, Qt.MouseButton.LeftButton)
    picker = window.notes_panel.objectives
    assert picker.isVisible() and picker.tree.accessibleName() == "Plan objectives"
    problems = [picker.tree.topLevelItem(i).text(0) for i in range(2)]
    assert problems == ["1. Problem statement 1", "2. Problem statement 2"]
    lines = picker.items()
    assert [i.text(0)[:3] for i in lines] == ["1.1", "1.2", "2.1", "2.2"]
    qtbot.keyClicks(window.notes_panel.fields["data"], "Named three triggers at work.")
    _tick(qtbot, picker, lines[1])
    # The keyboard too: move to 2.1 and press Space.
    picker.tree.setFocus()
    picker.tree.setCurrentItem(lines[2])
    qtbot.keyClick(picker.tree, Qt.Key.Key_Space)
    assert [i.checkState(0) == Qt.CheckState.Checked for i in lines] == [0, 1, 1, 0]
    if shots := os.environ.get("IOPDESK_SHOTS"):
        QApplication.processEvents()
        window.grab().save(str(pathlib.Path(shots, "note-editor.png")))
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible() and not window.dirty
    doc = plans.open_plan(clinician, plan_id)
    wanted = [doc.objectives[1].id, doc.objectives[2].id]
    assert json.loads(ProgressNote.get().objective_ids) == wanted
    # Signed, the note shows only what it addresses, and cannot be ticked any more.
    answers.queue("confirm", True)
    qtbot.mouseClick(window.sign_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.rows[ana].note_button, Qt.MouseButton.LeftButton)
    shown = picker.items()
    assert [i.text(0)[:3] for i in shown] == ["1.2", "2.1"]
    assert not shown[0].flags() & Qt.ItemFlag.ItemIsUserCheckable
    window.close()

    dialog = ReviewDialog(WindowContext(clinician, EventHub(), store), doc)
    qtbot.addWidget(dialog)
    dialog.show()
    header = dialog.table.horizontalHeaderItem(2).text()
    assert header == "Notes since the plan began"
    cells = [dialog.table.item(row, 2).text() for row in range(4)]
    line = f"{PAST.strftime('%m/%d/%Y')} · Coping · Casey Tester, LADC"
    assert cells == ["", line, line, ""]
    if shots := os.environ.get("IOPDESK_SHOTS"):
        QApplication.processEvents()
        dialog.grab().save(str(pathlib.Path(shots, "review-dialog.png")))


def test_an_objective_of_a_superseded_version_is_refused_under_the_picker(
    qtbot, clinician, supervisor, store, planned, answers
):
    ana, plan_id, session = planned
    window = _sheet(qtbot, clinician, store, session)
    qtbot.mouseClick(window.rows[ana].note_button, Qt.MouseButton.LeftButton)
    picker = window.notes_panel.objectives
    qtbot.keyClicks(window.notes_panel.fields["data"], "Talked about work.")
    _tick(qtbot, picker, picker.items()[0])
    # Meanwhile a colleague's new version of the plan is signed.
    sign_fully(clinician, supervisor, plans_signing.revise_plan(clinician, plan_id))
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    error = window.notes_panel.client_form.error_text("objectives")
    assert "earlier version of Ana Tester00's treatment plan; choose from version 2" in error
    assert ProgressNote.select().count() == 0 and window.dirty
    answers.queue("unsaved", "discard")
    window.close()
    assert ProgressNote.select().count() == 0
