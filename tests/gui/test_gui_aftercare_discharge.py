"""The Discharge & aftercare tab driven as a counselor would: active client to printed plan."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from iopdesk.db.models.aftercare import AftercarePlan, Discharge, FollowUp
from iopdesk.db.models.calendar import RosterMembership, Session
from iopdesk.db.models.core import Client, Episode
from iopdesk.gui import registry
from iopdesk.gui.aftercare.chart_section import AftercareSection
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.today_panels.follow_ups_due import FollowUpsDuePanel
from iopdesk.services.aftercare import discharge
from tests.factories.aftercare import TODAY, build_episode
from tests.factories.clients import make_client


def _discharged_a_month_ago(clinician) -> int:
    """A client admitted three months ago, discharged (treatment completed) a month ago."""
    client_id = make_client(counselor=clinician, admitted=TODAY - dt.timedelta(days=90))
    discharge.sign_discharge(
        clinician,
        client_id,
        discharge.DischargeForm("completed", TODAY - dt.timedelta(days=30), "", "Good", "Done."),
    )
    return client_id


def _click_row(qtbot, tab: AftercareSection, row: int) -> None:
    view = tab.follow_up_view
    rect = view.visualRect(view.model().index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _section(qtbot, actor, store, client_id) -> AftercareSection:
    widget = AftercareSection(WindowContext(actor, EventHub(), store), client_id)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    return widget


def test_discharge_then_plan_then_print(qtbot, store, clinician, answers, tmp_path: Path):
    built = build_episode(clinician, unsigned_note=True)
    tab = _section(qtbot, clinician, store, built.client_id)
    assert "active, admitted" in tab.headline.text()
    assert not tab.readmit_button.isEnabled() and tab.discharge_button.isEnabled()

    dialog = tab.open_discharge()
    assert "Attended 5 of 7 sessions (71.4%)" in dialog.summary_box.toPlainText()
    assert not dialog.notes_warning.isHidden() and "1 unsigned note" in dialog.notes_warning.text()
    # Signing without a type shows the problem under the field and changes nothing.
    answers.queue("confirm", True)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert "Choose a discharge type" in dialog.form.error_text("discharge_type")
    assert Discharge.select().count() == 0
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("completed"))
    dialog.step_box.setCurrentText("Standard outpatient (ASAM 1.0)")
    qtbot.keyClicks(dialog.condition_box.lineEdit(), "Improved, engaged")
    qtbot.keyClicks(dialog.summary_box, "Recommend weekly counseling. ")
    answers.queue("confirm", True)
    answers.queue("text", "Group co-leader is on leave; notes follow.")
    heard: list[str] = []
    tab.ctx.hub.schedule_changed.connect(lambda: heard.append("schedule"))
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    asked = answers.texts("text")
    assert len(asked) == 1 and asked[0].startswith("1 note is still unsigned for this client.")
    assert heard == ["schedule"]  # the calendar hears that the future sessions went
    assert not dialog.isVisible()
    signed = Discharge.get()
    assert signed.unsigned_notes_override.startswith("Group co-leader")
    assert "Recommend weekly counseling." in signed.summary
    assert signed.condition_at_discharge == "Improved, engaged"
    assert Client.get_by_id(built.client_id).status == "discharged"
    assert RosterMembership.get(RosterMembership.client == built.client_id).end_date == TODAY
    assert all(Session.get_by_id(s).status == "cancelled" for s in built.future_session_ids)
    assert "discharged on" in tab.headline.text()
    assert tab.follow_up_model.rowCount() == 3
    assert tab.readmit_button.isEnabled() and not tab.discharge_button.isEnabled()

    plan = tab.open_plan()
    qtbot.mouseClick(plan.contacts.add_button, Qt.MouseButton.LeftButton)
    plan.contacts.set_cell(0, 0, "Marisol Ybarra")
    plan.contacts.set_cell(0, 1, "Sponsor")
    plan.contacts.set_cell(0, 2, "not a phone")
    qtbot.mouseClick(plan.appointments.add_button, Qt.MouseButton.LeftButton)
    plan.appointments.set_cell(0, 0, "Lakeside Counseling")
    plan.appointments.set_cell(0, 3, (TODAY + dt.timedelta(days=6)).isoformat())
    plan.appointments.set_cell(0, 4, "2:30 pm")
    qtbot.mouseClick(plan.groups.add_button, Qt.MouseButton.LeftButton)
    plan.groups.set_cell(0, 0, "NA")
    plan.groups.set_cell(0, 1, "Basic Text Tuesday")
    plan.groups.set_cell(0, 2, "Tuesday")
    qtbot.keyClicks(plan.texts["triggers"], "Payday Fridays")
    qtbot.keyClicks(plan.texts["coping_strategies"], "Call Marisol")
    qtbot.mouseClick(plan.save_button, Qt.MouseButton.LeftButton)
    said = plan.contacts.problem.text()  # next to the row it is about
    assert "Person to call 1: phone does not look like a phone number" in said
    assert plan.tabs.currentIndex() == 1 and AftercarePlan.select().count() == 0
    plan.contacts.set_cell(0, 2, "555-201-9911")
    target = tmp_path / "plan.pdf"
    answers.queue("save_file", str(target))
    answers.queue("inform")
    qtbot.mouseClick(plan.print_button, Qt.MouseButton.LeftButton)  # saves, then prints
    assert answers.texts("inform") == [f"Saved to {target}."]
    saved = AftercarePlan.get()
    assert saved.triggers == "Payday Fridays" and not plan.dirty
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "988" in text and "Marisol Ybarra" in text and "Basic Text Tuesday" in text
    assert "2:30 PM" in text
    plan.close()
    assert tab.plan_button.text() == "Aftercare plan…"

    # The discharge summary prints from the chart too.
    summary = tmp_path / "summary.pdf"
    answers.queue("save_file", str(summary))
    answers.queue("inform")
    qtbot.mouseClick(tab.summary_button, Qt.MouseButton.LeftButton)
    assert "Discharge summary" in PdfReader(str(summary)).pages[0].extract_text()


def test_closing_the_plan_with_changes_asks(qtbot, store, clinician, answers):
    client_id = make_client(counselor=clinician, admitted=TODAY - dt.timedelta(days=20))
    tab = _section(qtbot, clinician, store, client_id)
    assert tab.plan_button.text() == "Start aftercare plan…"
    plan = tab.open_plan()
    qtbot.keyClicks(plan.texts["triggers"], "Being alone at night")
    answers.queue("unsaved", "cancel")
    plan.close()
    assert plan.isVisible()
    answers.queue("unsaved", "save")
    plan.close()
    assert not plan.isVisible()
    assert AftercarePlan.get().triggers == "Being alone at night"


def test_record_check_in_and_readmit(qtbot, store, clinician, answers):
    client_id = _discharged_a_month_ago(clinician)
    tab = _section(qtbot, clinician, store, client_id)
    tab.show()
    assert not tab.record_button.isEnabled()  # it waits for a check-in to be chosen
    _click_row(qtbot, tab, 0)
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.form.error_text("recovery_status") == "Choose a recovery status."
    recorded = FollowUp.select().where(FollowUp.done_on.is_null(False))
    assert dialog.isVisible() and recorded.count() == 0
    dialog.status_box.setCurrentIndex(dialog.status_box.findData("in_recovery"))
    dialog.engaged_box.setCurrentIndex(dialog.engaged_box.findData("yes"))
    qtbot.keyClicks(dialog.notes_box, "Attending NA twice a week")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    done = recorded.get()
    assert done.recovery_status == "in_recovery" and done.engaged_in_care is True
    assert "Reached, In recovery" in tab.follow_up_model.row_at(0).outcome
    _click_row(qtbot, tab, 0)  # a recorded check-in is neither recorded again nor moved
    assert not tab.record_button.isEnabled() and not tab.move_button.isEnabled()
    assert tab.record_button.toolTip().startswith("Already recorded: Reached, In recovery")

    readmit = tab.open_readmit()
    qtbot.keyClicks(readmit.source_box, "Self")
    qtbot.mouseClick(readmit.ok_button, Qt.MouseButton.LeftButton)
    assert Episode.select().where(Episode.client == client_id).count() == 2
    assert tab.episodes.rowCount() == 2 and "Episode 2: referred" in tab.headline.text()
    assert tab.discharge_button.isEnabled()


def test_check_ins_are_added_and_moved_from_the_buttons(qtbot, store, clinician, answers):
    tab = _section(qtbot, clinician, store, _discharged_a_month_ago(clinician))
    tab.show()
    standard = FollowUp.select().count()
    answers.queue("text", "next Tuesday")
    answers.queue("error")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert answers.kinds()[-1] == "error" and FollowUp.select().count() == standard
    extra = TODAY + dt.timedelta(days=10)
    answers.queue("text", extra.isoformat())
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.follow_up_model.rowCount() == standard + 1  # refreshed through the hub
    assert FollowUp.get(FollowUp.kind == "custom").due_date == extra

    assert not tab.move_button.isEnabled()
    _click_row(qtbot, tab, 0)  # the soonest check-in
    chosen = tab.follow_up_view.selected()
    later = TODAY + dt.timedelta(days=20)
    answers.queue("text", later.isoformat())
    qtbot.mouseClick(tab.move_button, Qt.MouseButton.LeftButton)
    assert FollowUp.get_by_id(chosen.id).due_date == later
    assert later in [row.due_date for row in tab.follow_up_model.rows]


def test_front_desk_cannot_see_the_tab(front_desk, clinician):
    tab = next(t for t in registry.chart_tabs() if t.key == "aftercare")
    assert not front_desk.can(tab.permission) and clinician.can(tab.permission)


def test_today_panel_lists_check_ins_due(qtbot, store, clinician):
    client_id = _discharged_a_month_ago(clinician)
    hub = EventHub()
    panel = FollowUpsDuePanel(WindowContext(clinician, hub, store))
    qtbot.addWidget(panel)
    panel.refresh()
    rows = panel.table.rows_model
    assert rows.rowCount() == 1 and rows.row_at(0).client_id == client_id
    with qtbot.waitSignal(hub.open_chart_requested) as opened:
        panel.table.doubleClicked.emit(panel.table.model().index(0, 1))
    assert opened.args == [client_id]


def test_discharge_text_survives_a_crash(qtbot, store, clinician, answers):
    built = build_episode(clinician)
    tab = _section(qtbot, clinician, store, built.client_id)
    dialog = tab.open_discharge()
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("left_against_advice"))
    qtbot.keyClicks(dialog.summary_box, "Stopped coming after week 3. ")
    qtbot.waitUntil(lambda: not dialog.autosave.isActive(), timeout=4000)
    dialog.dirty = False  # the app dies here: nothing asks, nothing is signed
    dialog.hide()
    dialog.deleteLater()
    answers.queue("confirm", True)
    again = tab.open_discharge()
    assert answers.titles() == ["Unsigned discharge"]
    assert again.type_box.currentData() == "left_against_advice"
    assert again.summary_box.toPlainText().startswith("Stopped coming after week 3.")
    # Closing and discarding forgets it; the next discharge starts fresh.
    qtbot.keyClicks(again.condition_box.lineEdit(), "Unchanged")
    answers.queue("confirm", True)
    again.reject()
    fresh = tab.open_discharge()
    assert answers.titles() == ["Unsigned discharge", "Close without signing"]
    assert fresh.type_box.currentData() == ""


def test_unsaved_plan_survives_a_crash(qtbot, store, clinician, answers):
    client_id = make_client(counselor=clinician, admitted=TODAY - dt.timedelta(days=20))
    tab = _section(qtbot, clinician, store, client_id)
    plan = tab.open_plan()
    qtbot.keyClicks(plan.texts["warning_signs"], "Not sleeping")
    plan.contacts.add_row(["Ray", "Brother", "555-201-1234"])
    qtbot.waitUntil(lambda: not plan.autosave.isActive(), timeout=4000)
    plan.dirty = False  # the app dies: nothing asks
    plan.hide()
    answers.queue("confirm", True)
    again = tab.open_plan()
    assert answers.titles() == ["Unsaved aftercare plan"]
    assert again.texts["warning_signs"].toPlainText() == "Not sleeping"
    assert again.contacts.rows() == [["Ray", "Brother", "555-201-1234"]]
    assert again.save_plan()
    assert AftercarePlan.get().warning_signs == "Not sleeping"
    tab.open_plan()
    assert answers.titles() == ["Unsaved aftercare plan"]  # nothing kept: nothing asked


def test_a_signed_discharge_takes_addenda_from_the_tab(qtbot, store, clinician, answers):
    client_id = _discharged_a_month_ago(clinician)
    tab = _section(qtbot, clinician, store, client_id)
    tab.show()
    assert tab.addendum_button.isEnabled() and tab.addenda_view.rows_model.rowCount() == 0
    answers.queue("text", "   ")
    answers.queue("error")
    qtbot.mouseClick(tab.addendum_button, Qt.MouseButton.LeftButton)
    assert answers.kinds() == ["text", "error"] and tab.addenda_view.rows_model.rowCount() == 0
    answers.queue("text", "Client called: moved into sober living.")
    qtbot.mouseClick(tab.addendum_button, Qt.MouseButton.LeftButton)
    assert "episode 1" in answers.texts("text")[-1]
    shown = tab.addenda_view.rows_model.row_at(0)  # refreshed through the hub
    assert shown.addendum.text == "Client called: moved into sober living."
    assert shown.addendum.written_by == "Casey Tester, LADC" and shown.episode_number == 1
    view = discharge.get_discharge(clinician, client_id)
    assert [a.text for a in view.addenda] == ["Client called: moved into sober living."]


def test_an_open_episode_offers_no_addendum(qtbot, store, clinician):
    tab = _section(qtbot, clinician, store, build_episode(clinician).client_id)
    assert not tab.addendum_button.isEnabled()
