"""The safety plan and the medication list from the chart, as a person clicks: a plan written,
signed and printed for the client (the PDF read back), a MAT medication added and stopped, a
positive drug test explained by it, and the aftercare MAT follow-up filled from the list."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from iopdesk.db.models.attendance import DrugTestResult
from iopdesk.db.models.care import Medication, SafetyPlan
from iopdesk.gui.aftercare.plan_editor import AftercarePlanDialog
from iopdesk.gui.attendance.drug_test_dialog import DrugTestDialog
from iopdesk.gui.care.medication_dialog import MedicationDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services.clients import collaterals
from iopdesk.services.clients.collaterals import CollateralForm
from iopdesk.services.intake import screenings
from iopdesk.services.medications import medication_list as meds
from iopdesk.services.medications.medication_list import MedicationForm
from tests.factories.clients import make_client
from tests.factories.intake import PHQ9_MODERATE
from tests.gui.fitting import cut_texts, open_chart
from tests.gui.test_gui_clients_chart_window import when_shown

LEFT = Qt.MouseButton.LeftButton
TODAY = dt.date.today()


def _tab(chart, title: str):
    chart.tabs.setCurrentIndex(chart.tab_titles().index(title))
    return chart.tabs.currentWidget()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, a window-modal dialog
def test_a_safety_plan_is_written_signed_and_printed_for_the_client(
    qtbot, store, clinician, answers, tmp_path
):
    client_id = make_client("Ana", "Ruiz")
    chart = open_chart(qtbot, clinician, store, client_id)
    tab = _tab(chart, "Safety plan")
    assert tab.summary.text() == "No signed safety plan yet."
    assert not tab.print_button.isEnabled()

    qtbot.mouseClick(tab.write_button, LEFT)
    dialog = tab.dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.state.text().startswith("No safety plan yet")
    qtbot.keyClicks(dialog.texts["warning_signs"], "Skipping meals; not answering the phone")
    answers.queue("confirm", True)
    qtbot.mouseClick(dialog.sign_button, LEFT)  # saved, but refused: steps are missing
    assert "not ready to sign" in dialog.banner.text()
    assert SafetyPlan.get().status == "draft"

    coping = dialog.texts["coping_strategies"]
    qtbot.keyClicks(coping, "Walk the dog")
    qtbot.keyClick(coping, Qt.Key.Key_Return)
    qtbot.keyClicks(coping, "Play guitar")
    qtbot.keyClicks(dialog.texts["safe_environment"], "Brother keeps the pills")
    helpers = dialog.people["helpers"]
    helpers.add_row(["Maria Lopez", "Mother", ""])
    qtbot.mouseClick(dialog.save_button, LEFT)  # a person to call needs a phone
    assert "phone" in helpers.problem.text().lower()  # said under the rows
    helpers.set_cell(0, 2, "612-555-0199")
    answers.queue("confirm", True)
    qtbot.mouseClick(dialog.sign_button, LEFT)
    assert answers.titles("confirm") == ["Sign safety plan", "Sign safety plan"]
    plan = SafetyPlan.get()
    assert (plan.status, plan.signed_by_id) == ("signed", clinician.staff_id)
    assert dialog.texts["warning_signs"].isReadOnly() and not dialog.save_button.isVisible()
    assert dialog.revise_button.isVisible()
    assert tab.summary.text().startswith("In force: version 1, signed")
    assert tab.print_button.isEnabled() and cut_texts(tab.table) == []

    target = tmp_path / "plan.pdf"
    answers.queue("save_file", str(target))
    answers.queue("inform")
    qtbot.mouseClick(tab.print_button, LEFT)
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(target.read_bytes())).pages
    )
    for expected in ("Ana", "Walk the dog", "Maria Lopez", "612-555-0199", "988", "AYUDA"):
        assert expected in text

    qtbot.mouseClick(dialog.revise_button, LEFT)
    assert dialog.state.text().startswith("Version 2 · Draft")
    assert not dialog.texts["warning_signs"].isReadOnly()
    dialog.close()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, modal exec()
def test_a_mat_medication_is_added_then_stopped(qtbot, store, clinician, answers):
    client_id = make_client()
    chart = open_chart(qtbot, clinician, store, client_id)
    tab = _tab(chart, "Medications")
    assert tab.summary.text() == "No medications recorded."

    def add(dialog, seen):
        qtbot.keyClicks(dialog.form.fields["name"], "Suboxone")
        dialog.form.fields["name"].editingFinished.emit()  # leaving the field, as Tab does
        seen["mat"] = str(dialog.mat.isChecked())
        qtbot.keyClicks(dialog.form.fields["dose"], "8 mg/2 mg")
        qtbot.keyClicks(dialog.form.fields["prescriber"], "Dr. Chen")
        dialog.form.fields["start_date"].set_day(TODAY - dt.timedelta(days=30))
        qtbot.mouseClick(dialog.save_button, LEFT)

    seen = when_shown(MedicationDialog, add)
    qtbot.mouseClick(tab.add_button, LEFT)
    assert seen == {"mat": "True"}
    assert tab.summary.text() == "1 current medication, 1 for addiction treatment (MAT)"
    assert Medication.get().is_mat and cut_texts(tab.table) == []

    def stop(dialog, seen):
        dialog.form.fields["stop_date"].set_day(TODAY - dt.timedelta(days=1))
        qtbot.mouseClick(dialog.save_button, LEFT)

    tab.table.selectRow(0)
    seen = when_shown(MedicationDialog, stop)
    qtbot.mouseClick(tab.edit_button, LEFT)
    assert "error" not in seen, seen
    assert tab.table.rows_model.rowCount() == 0
    assert tab.summary.text() == "0 current medications · 1 stopped or not started"
    qtbot.mouseClick(tab.show_stopped, LEFT)
    assert tab.table.rows_model.rowCount() == 1


def test_a_positive_drug_test_names_the_listed_medication(qtbot, store, clinician, answers):
    client_id = make_client()
    form = MedicationForm("Buprenorphine", "8 mg", start_date=TODAY, is_mat=True)
    medication = meds.add_medication(clinician, client_id, form)
    dialog = DrugTestDialog(WindowContext(clinician, EventHub(), store), client_id)
    qtbot.addWidget(dialog)
    dialog.show()
    line = next(n for n, (w, *_) in enumerate(dialog.lines) if w.text() == "Buprenorphine")
    box = dialog.medication_boxes[line]
    assert not box.isEnabled()  # nothing to explain until the result is positive
    dialog.set_result("Buprenorphine", "positive")
    assert box.isEnabled()
    box.setCurrentIndex(box.findData(medication.id))
    assert dialog.lines[line][2].isChecked()  # naming it ticks "explained by a prescription"
    qtbot.mouseClick(dialog.all_negative, LEFT)
    save = next(b for b in dialog.findChildren(QPushButton) if b.accessibleName() == "Save")
    qtbot.mouseClick(save, LEFT)
    explained = DrugTestResult.get(DrugTestResult.substance == "Buprenorphine")
    assert (explained.result, explained.explained_by_prescription) == ("positive", True)
    assert explained.medication_id == medication.id


def test_the_safety_plan_and_medications_are_not_the_front_desks(store, clinician, front_desk):
    from iopdesk.gui.registry import chart_tabs

    shown = {t.key for t in chart_tabs() if front_desk.can(t.permission)}
    assert {"family"} <= shown and not {"safety_plan", "medications"} & shown


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, a window-modal picker
def test_the_aftercare_plan_draws_on_the_medication_list_and_the_family(
    qtbot, store, clinician, answers
):
    client_id = make_client()
    form = MedicationForm("Naltrexone", "50 mg", prescriber="Dr. Chen", is_mat=True)
    meds.add_medication(clinician, client_id, form)
    collaterals.add_collateral(
        clinician, client_id, CollateralForm("Maria Lopez", "Mother", "612-555-0199")
    )
    dialog = AftercarePlanDialog(WindowContext(clinician, EventHub(), store), client_id)
    qtbot.addWidget(dialog)
    dialog.show()
    # A new plan starts with the MAT medications already in its MAT follow-up, unasked.
    assert "Naltrexone 50 mg" in dialog.texts["mat_follow_up"].toPlainText()
    assert not dialog.dirty
    answers.queue("inform")
    qtbot.mouseClick(dialog.mat_button, LEFT)
    assert "no current MAT medication that is not already here" in answers.texts("inform")[0]

    qtbot.mouseClick(dialog.pick_button, LEFT)
    picker = dialog.picker
    assert picker is not None and picker.isVisible()
    [(box, _person)] = picker.boxes
    box.setChecked(True)
    qtbot.mouseClick(picker.add_button, LEFT)
    assert dialog.contacts.rows() == [["Maria Lopez", "Mother", "612-555-0199"]]
    answers.queue("unsaved", "discard")
    dialog.close()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, a window-modal dialog
def test_the_safety_banner_offers_the_safety_plan(qtbot, store, clinician, front_desk):
    client_id = make_client()
    screenings.record_screening(clinician, client_id, "PHQ9", {**PHQ9_MODERATE, 9: 2})
    chart = open_chart(qtbot, clinician, store, client_id)
    banner = chart.header.safety
    assert banner.isVisible() and banner.plan_button.isVisible()
    qtbot.mouseClick(banner.plan_button, LEFT)
    dialog = banner.plan_dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.windowTitle() == "Safety plan"
    dialog.close()
    desk = open_chart(qtbot, front_desk, store, client_id)
    assert not desk.header.safety.plan_button.isVisible()
