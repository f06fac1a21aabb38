"""The plan library area, the Today plans-due panel with "Print today's plans", and the
chart tab's review, driven with qtbot."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt

from iopdesk.db.models.calendar import Group, RosterMembership, Session
from iopdesk.db.models.plans import LibraryItem, PlanReview
from iopdesk.gui import registry
from iopdesk.gui.areas.plan_library import PlanLibrary
from iopdesk.gui.chart_tabs.plan import PlanTab
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.plans.review_dialog import ReviewDialog
from iopdesk.gui.today_panels.plans_due import PlansDuePanel
from iopdesk.services.plans import records as plans
from tests.factories.clients import make_client
from tests.factories.plans import TODAY, sign_fully, write_plan

LEFT = Qt.MouseButton.LeftButton


def test_parts_register_with_their_permissions() -> None:
    assert ("plan_library", 40, "plan.library") in [
        (a.key, a.order, a.permission) for a in registry.areas()
    ]
    assert ("plan", 35, "clinical.read") in [
        (t.key, t.order, t.permission) for t in registry.chart_tabs()
    ]
    assert "plans_due" in [p.key for p in registry.today_panels()]


def test_library_area_adds_edits_and_retires(qtbot, store, admin, answers) -> None:
    area = PlanLibrary(WindowContext(admin, EventHub(), store))
    qtbot.addWidget(area)
    area.kind.setCurrentIndex(area.kind.findData("intervention"))
    qtbot.mouseClick(area.save_button, LEFT)
    assert area.form.error_text("text") == "Text is required."
    assert area.form.error_text("frequency") == "Frequency is required."
    qtbot.keyClicks(area.text, "Relapse prevention group")
    area.approach.setCurrentIndex(area.approach.findData("relapse prevention"))
    qtbot.keyClicks(area.frequency, "3 times a week")
    qtbot.mouseClick(area.save_button, LEFT)
    assert area.table.rows_model.rowCount() == 1
    assert LibraryItem.get().text == "Relapse prevention group"
    qtbot.mouseClick(area.retire_button, LEFT)
    assert area.table.rows_model.rowCount() == 0
    area.retired.setChecked(True)
    assert area.table.rows_model.row_at(0).active is False
    qtbot.mouseClick(area.new_button, LEFT)
    qtbot.keyClicks(area.text, "typed but not saved")
    answers.queue("unsaved", "cancel")
    qtbot.mouseClick(area.new_button, LEFT)
    assert area.text.toPlainText() == "typed but not saved"


def test_today_lists_due_plans_and_prints_todays(
    qtbot, store, clinician, supervisor, answers, tmp_path
):
    due = make_client("Ann", "Able", counselor=clinician)
    write_plan(clinician, due, start=TODAY - dt.timedelta(days=33))
    scheduled = make_client("Bo", "Brown", counselor=clinician)
    sign_fully(clinician, supervisor, write_plan(clinician, scheduled))
    group = Group.create(name="Evening IOP")
    RosterMembership.create(group=group, client=scheduled, start_date=TODAY)
    Session.create(
        day=TODAY,
        start_time=dt.time(18),
        end_time=dt.time(21),
        kind="group",
        title="Evening IOP",
        group=group,
    )
    panel = PlansDuePanel(WindowContext(clinician, EventHub(), store))
    qtbot.addWidget(panel)
    panel.refresh()
    assert panel.table.rows_model.rowCount() == 1
    assert panel.table.rows_model.row_at(0).label == "overdue by 3 days"
    opened = []
    panel.ctx.hub.open_chart_requested.connect(opened.append)
    panel.table.doubleClicked.emit(panel.table.model().index(0, 0))
    assert opened == [due]
    answers.queue("save_file", str(tmp_path / "today.pdf"))
    answers.queue("inform")
    qtbot.mouseClick(panel.print_button, LEFT)
    text = " ".join(p.extract_text() for p in PdfReader(str(tmp_path / "today.pdf")).pages)
    assert "Bo Brown" in text and "Ann Able" not in text
    assert "1 plans saved" in answers.texts("inform")[0]
    # One counselor's clients, or one group: chosen beside the button.
    whose = [panel.whose.itemText(i) for i in range(panel.whose.count())]
    assert whose == [
        "Everyone scheduled", "Group: Evening IOP", "Counselor: Casey Tester",
        "Counselor: Sam Tester",
    ]  # fmt: skip
    panel.whose.setCurrentIndex(panel.whose.findText("Counselor: Sam Tester"))
    answers.queue("inform")
    qtbot.mouseClick(panel.print_button, LEFT)
    assert answers.texts("inform")[-1] == (
        "No client scheduled today (Counselor: Sam Tester) has a treatment plan."
    )
    panel.whose.setCurrentIndex(panel.whose.findText("Group: Evening IOP"))
    panel.refresh()  # the choice survives a refresh
    assert panel.whose.currentText() == "Group: Evening IOP"
    answers.queue("save_file", str(tmp_path / "evening.pdf"))
    answers.queue("inform")
    qtbot.mouseClick(panel.print_button, LEFT)
    assert "Bo Brown" in PdfReader(str(tmp_path / "evening.pdf")).pages[0].extract_text()


def test_chart_tab_reviews_the_signed_plan(qtbot, store, clinician, supervisor, answers):
    client_id = make_client(counselor=clinician)
    plan_id = write_plan(clinician, client_id)
    sign_fully(clinician, supervisor, plan_id)
    tab = PlanTab(WindowContext(clinician, EventHub(), store), client_id)
    qtbot.addWidget(tab)
    assert "version 1, signed" in tab.summary.text()
    dialog = ReviewDialog(tab.ctx, plans.open_plan(clinician, plan_id), tab)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.revise, LEFT, pos=QPoint(8, dialog.revise.height() // 2))
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert "Say what changes" in dialog.form.error_text("changes")
    assert dialog.isVisible() and PlanReview.select().count() == 0
    dialog.status_boxes[0].setCurrentIndex(dialog.status_boxes[0].findData("met"))
    qtbot.keyClicks(dialog.notes[0], "Named five triggers")
    qtbot.keyClicks(dialog.changes, "Add an objective on sleep")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()
    assert dialog.outcome is not None and dialog.outcome.new_plan_id
    assert PlanReview.select().count() == 1
    assert tab.model.rowCount() == 2  # the tab heard of the review through the hub
    assert "Version 1 is the signed plan in force" in tab.summary.text()
