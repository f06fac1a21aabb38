"""The state reporting (TEDS) questions on the intake window and in the discharge dialog,
answered as a counselor would: choices, typed counts, an impossible answer shown on its step."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt

from iopdesk.db.models.teds import TedsAdmission, TedsDischarge
from iopdesk.gui.aftercare.discharge_dialog import DischargeDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.intake.window import AssessmentWindow
from iopdesk.services.intake import drafts, signing
from tests.factories.clients import make_client
from tests.factories.intake import complete_data

TODAY = dt.date.today()


def _choose(box, value: str) -> None:
    box.setCurrentIndex(box.findData(value))


def test_the_intake_asks_the_teds_questions(qtbot, store, clinician):
    view = drafts.start_assessment(clinician, make_client(status="referred"))
    window = AssessmentWindow(WindowContext(clinician, EventHub(), store), view.id)
    qtbot.addWidget(window)
    window.timer.setInterval(20)
    window.show()
    page = window.show_step("state_reporting")
    assert window.step_item("state_reporting").text().startswith("○")
    _choose(page.boxes["gender"], "female")
    assert page.boxes["pregnant"].isEnabled()
    _choose(page.boxes["gender"], "male")
    assert page.boxes["pregnant"].currentText() == "Not applicable"
    assert not page.boxes["pregnant"].isEnabled()
    _choose(page.boxes["sub1"], "heroin")
    _choose(page.boxes["route1"], "injection")
    qtbot.keyClicks(page.boxes["arrests"].lineEdit(), "lots")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"))
    assert "Arrests in the past 30 days: type a whole number" in page.error_text()
    assert window.step_item("state_reporting").text().startswith("⚠")
    page.boxes["arrests"].lineEdit().clear()
    qtbot.keyClicks(page.boxes["arrests"].lineEdit(), "2")
    qtbot.waitUntil(lambda: "Draft saved" in window.save_label.text())
    kept = TedsAdmission.get()
    assert (kept.gender, kept.pregnant, kept.sub1, kept.route1, kept.arrests) == (
        "male", "not_applicable", "heroin", "injection", "2",
    )  # fmt: skip
    assert window.steps.item(0).text().startswith("○")  # the rest of the intake is still to do


def test_the_discharge_asks_the_follow_up_items_again(qtbot, store, clinician, answers):
    client_id = make_client(status="referred", counselor=clinician)
    view = drafts.start_assessment(clinician, client_id)
    answered = {"sub1": "alcohol", "sub2": "cocaine", "sub3": "none"}
    drafts.save_draft(clinician, view.id, replace(complete_data(), teds=answered))
    signing.sign_assessment(clinician, view.id, TODAY)
    dialog = DischargeDialog(WindowContext(clinician, EventHub(), store), client_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.teds.body.isVisible()
    qtbot.mouseClick(dialog.teds.toggle, Qt.MouseButton.LeftButton)
    assert dialog.teds.body.isVisible()
    names = [box.accessibleName() for box in dialog.teds.boxes.values()]
    assert "Alcohol: use in the past 30 days" in names and "freq3" not in dialog.teds.boxes
    _choose(dialog.teds.boxes["employment"], "part_time")
    _choose(dialog.teds.boxes["freq1"], "none")
    qtbot.keyClicks(dialog.teds.boxes["self_help"].lineEdit(), "12")
    _choose(dialog.type_box, "completed")
    qtbot.keyClicks(dialog.condition_box.lineEdit(), "Improved")
    answers.queue("confirm", True)  # signing asks once, naming what it closes
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    kept = TedsDischarge.get()
    assert (kept.employment, kept.freq1, kept.self_help, kept.living) == ("part_time", "none",
                                                                         "12", "")  # fmt: skip
