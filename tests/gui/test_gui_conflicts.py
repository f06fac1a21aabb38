"""Two people open the same record; a colleague saves it at another workstation (a child
process); then the person here saves what they opened earlier. The one conflict dialog shows
both versions; "take theirs" shows their version, "keep mine" saves over it (audited),
"decide later" saves nothing. Nothing of theirs is overwritten without that choice."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from iopdesk.db.models.aftercare import AftercarePlan
from iopdesk.db.models.attendance import GroupNote, ProgressNote
from iopdesk.db.models.core import AuditEvent, Client
from iopdesk.db.models.plans import Goal, TreatmentPlan
from iopdesk.errors import ConflictError
from iopdesk.gui.aftercare.plan_editor import AftercarePlanDialog
from iopdesk.gui.attendance.sheet import AttendanceSheetWindow
from iopdesk.gui.clients.client_dialog import ClientDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.intake.window import AssessmentWindow
from iopdesk.gui.plans.editor import PlanEditor
from iopdesk.gui.widgets.conflict_dialog import ConflictDialog
from iopdesk.services.aftercare import plan as aftercare
from iopdesk.services.intake import drafts
from tests.conftest import PASSWORD
from tests.factories.clients import make_client
from tests.processes import in_another_workstation
from tests.versioned_records import _plan, _session

LEFT = Qt.MouseButton.LeftButton
THEIRS = "Saved at the other workstation"
SAM = "Sam Tester, LADC"


def ctx_for(actor, store) -> WindowContext:
    return WindowContext(actor, EventHub(), store)


def saved_elsewhere(store, script: str, who: str = "sam") -> None:
    in_another_workstation(store.data_dir, who, PASSWORD, script)


def last_audit_detail() -> str:
    return AuditEvent.select().order_by(AuditEvent.id.desc()).get().detail


def test_the_dialog_shows_what_differs_in_both_versions_and_each_choice(qtbot):
    conflict = ConflictError(
        what="client's details",
        record_type="client",
        record_id=1,
        client_id=1,
        changed_by=SAM,
        changed_at=dt.datetime(2025, 3, 4, 10, 15),
        current_version=3,
        mine={"Phone": "555-201-0001", "Address": "9 Oak Ave", "Email": "dana@example.org"},
        theirs={"Phone": "555-201-0001", "Address": "12 Elm St", "Email": ""},
    )
    for button, choice in (("keep_mine", "mine"), ("take_theirs", "theirs"), ("later", None)):
        dialog = ConflictDialog(conflict)
        qtbot.addWidget(dialog)
        dialog.show()
        table = dialog.table
        shown = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
        assert shown == [["Address", "9 Oak Ave", "12 Elm St"], ["Email", "dana@example.org", "—"]]
        assert SAM in table.horizontalHeaderItem(2).text()
        assert "2025-03-04 10:15" in table.horizontalHeaderItem(2).text()
        assert getattr(dialog, button).accessibleName() == getattr(dialog, button).text()
        qtbot.mouseClick(getattr(dialog, button), LEFT)
        assert dialog.choice == choice and not dialog.isVisible()


@pytest.fixture
def demographics(qtbot, store, front_desk, clinician, supervisor):
    client_id = make_client("Dana", "Reyes")
    dialog = ClientDialog(ctx_for(front_desk, store), client_id)
    qtbot.addWidget(dialog)
    dialog.show()
    saved_elsewhere(
        store,
        f"""
        from dataclasses import replace
        from iopdesk.services.clients import records
        form = records.client_form(actor, {client_id})
        records.edit_demographics(actor, {client_id}, replace(form, address={THEIRS!r}))
        """,
    )
    qtbot.keyClicks(dialog.form.fields["address"], "9 Oak Ave")
    return dialog, client_id


def test_demographics_decide_later_then_keep_mine(qtbot, demographics, answers):
    dialog, client_id = demographics
    answers.queue("conflict", None)
    qtbot.mouseClick(dialog.save_button, LEFT)
    (text,) = answers.texts("conflict")
    assert SAM in text and f"Address: yours “9 Oak Ave”, theirs “{THEIRS}”" in text
    assert dialog.isVisible() and SAM in dialog.form.banner.text()
    assert Client.get_by_id(client_id).address == THEIRS
    answers.queue("conflict", "mine")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()
    assert Client.get_by_id(client_id).address == "9 Oak Ave"
    assert f"saved over the newer version 2 by {SAM}" in last_audit_detail()


def test_demographics_take_theirs_shows_them_and_saves_from_there(qtbot, demographics, answers):
    dialog, client_id = demographics
    answers.queue("conflict", "theirs")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.form.fields["address"].toPlainText() == THEIRS and not dialog.dirty
    assert Client.get_by_id(client_id).address == THEIRS
    dialog.form.fields["phone"].setText("555-201-3344")
    qtbot.mouseClick(dialog.save_button, LEFT)  # from their version: no question asked
    saved = Client.get_by_id(client_id)
    assert (saved.address, saved.phone) == (THEIRS, "555-201-3344")


def test_intake_autosave_takes_theirs(qtbot, store, clinician, supervisor, answers):
    view = drafts.start_assessment(clinician, make_client(status="intake"))
    window = AssessmentWindow(ctx_for(clinician, store), view.id)
    qtbot.addWidget(window)
    window.timer.setInterval(20)
    window.show()
    saved_elsewhere(
        store,
        f"""
        from iopdesk.domain.intake import AssessmentData
        from iopdesk.services.intake import assessments, drafts
        version = assessments.get_assessment(actor, {view.id}).row_version
        data = AssessmentData(sections={{"presenting_problem": {THEIRS!r}}})
        drafts.save_draft(actor, {view.id}, data, row_version=version)
        """,
    )
    answers.queue("conflict", "theirs")
    page = window.show_step("presenting_problem")
    qtbot.keyClicks(page.text, "Typed here")
    qtbot.waitUntil(lambda: not window.dirty)
    assert page.value() == THEIRS
    assert window.save_label.text() == f"Showing the draft as {SAM} saved it."
    page.text.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(page.text, " and more")  # autosaved from their version
    qtbot.waitUntil(lambda: "Draft saved" in window.save_label.text())
    stored = json.loads(drafts.assessment_record(view.id).sections)
    assert stored["presenting_problem"] == f"{THEIRS} and more"


def test_plan_header_kept_and_item_taken(qtbot, store, clinician, supervisor, answers):
    ids = _plan(clinician)
    editor = PlanEditor(ctx_for(clinician, store), ids["plan"])
    qtbot.addWidget(editor)
    editor.show()
    goal = editor.tree.findItems(
        "Goal 1A", Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive
    )
    editor.tree.setCurrentItem(goal[0])
    saved_elsewhere(
        store,
        f"""
        from iopdesk.services.plans import editing, records
        doc = records.reload_plan(actor, {ids["plan"]})
        form = records.PlanHeaderForm({THEIRS!r}, "", doc.level_of_care, doc.counselor_id,
                                      doc.start_date, doc.row_version)
        records.edit_header(actor, {ids["plan"]}, form)
        goal = doc.problems[0].goals[0]
        editing.edit_goal(actor, goal.id, {THEIRS!r}, row_version=goal.row_version)
        """,
    )
    qtbot.keyClicks(editor.header.diagnosis, "Alcohol use disorder")
    answers.queue("conflict", "mine")
    qtbot.mouseClick(editor.save_header, LEFT)
    assert TreatmentPlan.get_by_id(ids["plan"]).diagnosis == "Alcohol use disorder"
    qtbot.keyClicks(editor.forms["goal"].text, " every day")
    answers.queue("conflict", "theirs")
    qtbot.mouseClick(editor.save_item, LEFT)
    assert editor.forms["goal"].text.toPlainText() == THEIRS and not editor.items.dirty
    assert Goal.get_by_id(editor.items.mode[2]).text == THEIRS
    header_text, goal_text = answers.texts("conflict")
    assert f"Diagnosis: yours “Alcohol use disorder”, theirs “{THEIRS}”" in header_text
    assert f"theirs “{THEIRS}”" in goal_text


def test_aftercare_plan_takes_theirs(qtbot, store, clinician, supervisor, answers):
    client_id = make_client(counselor=clinician)
    aftercare.save_aftercare_plan(clinician, client_id, aftercare.AftercarePlanForm(triggers="x"))
    dialog = AftercarePlanDialog(ctx_for(clinician, store), client_id)
    qtbot.addWidget(dialog)
    dialog.show()
    saved_elsewhere(
        store,
        f"""
        from iopdesk.services.aftercare import plan
        version = plan.get_aftercare_plan(actor, {client_id}).row_version
        form = plan.AftercarePlanForm(triggers={THEIRS!r}, row_version=version)
        plan.save_aftercare_plan(actor, {client_id}, form)
        """,
    )
    dialog.texts["triggers"].setPlainText("Payday Fridays")
    answers.queue("conflict", "theirs")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.texts["triggers"].toPlainText() == THEIRS and not dialog.dirty
    assert AftercarePlan.get().triggers == THEIRS


def test_sheet_takes_their_group_note_and_keeps_the_other_typing(
    qtbot, store, clinician, supervisor, answers
):
    ids = _session(clinician)
    window = AttendanceSheetWindow(ctx_for(clinician, store), ids["session"])
    qtbot.addWidget(window)
    window.show()
    saved_elsewhere(
        store,
        f"""
        from iopdesk.services.attendance import notes
        group = notes.session_notes(actor, {ids["session"]}).group
        notes.save_group_note(actor, {ids["session"]}, "Triggers", {THEIRS!r},
                              row_version=group.row_version)
        """,
    )
    panel = window.notes_panel
    panel.content.setPlainText("Mapped situations; role play.")
    qtbot.mouseClick(window.rows[ids["client"]].note_button, LEFT)
    panel.fields["data"].setPlainText("Shared a craving; used urge surfing.")
    answers.queue("conflict", "theirs")
    qtbot.mouseClick(window.save_button, LEFT)
    assert panel.content.toPlainText() == THEIRS
    assert panel.fields["data"].toPlainText() == "Shared a craving; used urge surfing."
    qtbot.mouseClick(window.save_button, LEFT)
    assert GroupNote.get().content == THEIRS
    assert json.loads(ProgressNote.get().fields)["data"] == "Shared a craving; used urge surfing."
