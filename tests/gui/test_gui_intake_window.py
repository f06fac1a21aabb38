"""The intake assessment window driven like a counselor would: empty draft to signed and printed."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from iopdesk.db.models.core import Client
from iopdesk.db.models.intake import IntakeAssessment
from iopdesk.domain.intake import ASAM_DIMENSIONS, SECTIONS, SUITABILITY_CRITERIA
from iopdesk.errors import PermissionDenied
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.intake.window import AssessmentWindow
from iopdesk.services.intake import assessments as intake
from iopdesk.services.intake import drafts as intake_drafts
from tests.factories.clients import make_client
from tests.factories.intake import GAD7_MILD, PHQ9_MODERATE


def _window(qtbot, store, actor, assessment_id: int) -> AssessmentWindow:
    window = AssessmentWindow(WindowContext(actor, EventHub(), store), assessment_id)
    qtbot.addWidget(window)
    window.timer.setInterval(20)
    window.show()
    return window


def _click_answers(qtbot, window: AssessmentWindow, code: str, chosen: dict[int, int]) -> None:
    form = window.screenings_page.forms[code]
    window.screenings_page.tabs.setCurrentWidget(form)
    for number, value in chosen.items():
        form.buttons[(number, value)].click()


def test_empty_draft_to_signed_and_printed(qtbot, store, clinician, answers, tmp_path):
    client_id = make_client("Zoë", "Ñúñez-Иванова", status="referred")
    view = intake_drafts.start_assessment(clinician, client_id)
    window = _window(qtbot, store, clinician, view.id)
    first = window.steps.item(0)
    assert first.text().startswith("○") and window.print_button.isEnabled() is False

    page = window.show_step("presenting_problem")
    qtbot.keyClicks(page.text, "Drinking daily since losing her job.")
    assert window.steps.item(0).text().startswith("✓")
    qtbot.waitUntil(lambda: not window.dirty)
    assert "Draft saved" in window.save_label.text()
    stored = intake.get_assessment(clinician, view.id)
    assert stored.data.sections["presenting_problem"] == "Drinking daily since losing her job."

    for key in SECTIONS:
        if key != "presenting_problem":
            qtbot.keyClicks(window.show_step(key).text, f"Notes on {key}.")
    substances = window.show_step("substance_use")
    qtbot.mouseClick(substances.add_button, Qt.MouseButton.LeftButton)
    for column, text in enumerate(["Alcohol", "16", "Daily", "Oral", "A fifth", "2026-01-02"]):
        substances.set_cell(0, column, text)

    window.show_step("screenings")
    _click_answers(qtbot, window, "PHQ9", {1: 2, 2: 2})
    phq9 = window.screenings_page.forms["PHQ9"]
    assert "Incomplete: items 3, 4, 5, 6, 7, 8, 9 unanswered" in phq9.score_text
    _click_answers(qtbot, window, "PHQ9", PHQ9_MODERATE)
    assert phq9.score_text == "PHQ-9: Total 11 of 27 – moderate"
    _click_answers(qtbot, window, "GAD7", GAD7_MILD)
    assert (
        "Pfizer"
        in window.screenings_page.forms["GAD7"].findChildren(type(window.save_label))[-1].text()
    )

    asam = window.show_step("asam")
    for dim in ASAM_DIMENSIONS:
        asam.ratings[dim].setCurrentIndex(asam.ratings[dim].findData(3 if dim == 5 else 1))
        qtbot.keyClicks(asam.narratives[dim], f"Dimension {dim} story.")
    suitability = window.show_step("suitability")
    for key in SUITABILITY_CRITERIA:
        suitability.answers[key].setCurrentIndex(suitability.answers[key].findData("yes"))
    decision = window.show_step("decision")
    decision.level.setCurrentIndex(1)  # 2.1 Intensive outpatient
    qtbot.keyClicks(decision.rationale, "Stable home, motivated, works days.")
    assert "dimension 5" in decision.reasons.text()
    assert window.steps.item(window.steps.count() - 1).text().startswith("○")

    answers.queue("error")
    qtbot.mouseClick(window.sign_button, Qt.MouseButton.LeftButton)
    assert "written justification" in answers.texts("error")[0]
    assert not window.view.is_signed

    qtbot.keyClicks(decision.justification, "Relapse risk is managed by evening groups.")
    answers.queue("confirm", True)
    qtbot.mouseClick(window.sign_button, Qt.MouseButton.LeftButton)
    assert answers.titles("confirm") == ["Sign assessment"]
    assert window.view.is_signed
    assert IntakeAssessment.get_by_id(view.id).status == "signed"
    assert Client.get_by_id(client_id).status == "active"
    assert window.pages["legal"].text.isReadOnly() and not window.sign_button.isVisible()
    assert window.addendum_button.isVisible()

    answers.queue("text", "Client corrected first-use age: 15.")
    qtbot.mouseClick(window.addendum_button, Qt.MouseButton.LeftButton)
    assert "first-use age" in window.addenda_text.toPlainText()

    answers.queue("save_file", str(tmp_path / "no such folder" / "summary.pdf"))
    answers.queue("error")
    qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    assert answers.shown[-1][:2] == ("error", "Cannot save the PDF")
    assert answers.shown[-1][2].startswith("The file could not be saved to ")
    assert "(No such file or directory)" in answers.shown[-1][2]
    target = tmp_path / "summary.pdf"
    answers.queue("save_file", str(target))
    answers.queue("inform")
    qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    assert answers.kinds()[-1] == "inform"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    text = " ".join(text.split())
    assert "Zoë Ñúñez-Иванова" in text and "first-use age" in text
    assert "42 CFR part 2 prohibits" in text and "Page 1 of" in text


def test_draft_survives_closing_before_autosave(qtbot, store, clinician):
    client_id = make_client(status="referred")
    view = intake_drafts.start_assessment(clinician, client_id)
    window = _window(qtbot, store, clinician, view.id)
    window.timer.setInterval(60_000)  # the timer never fires: closing must save
    qtbot.keyClicks(window.show_step("legal").text, "On probation until 2027.")
    window.close()
    again = _window(qtbot, store, clinician, view.id)
    assert again.pages["legal"].value() == "On probation until 2027."
    assert again.step_item("legal").text() == "✓  Legal"


def test_bad_input_is_shown_on_its_page(qtbot, store, clinician, answers):
    client_id = make_client(status="referred")
    view = intake_drafts.start_assessment(clinician, client_id)
    window = _window(qtbot, store, clinician, view.id)
    page = window.show_step("substance_use")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    page.set_cell(0, 0, "Cannabis")
    page.set_cell(0, 1, "abc")
    assert not window.save_now()
    assert "whole number" in page.error_text()
    assert window.step_item("substance_use").text().startswith("⚠")
    page.set_cell(0, 1, "70")
    assert not window.save_now()
    assert "above the client's current age" in page.error_text()
    answers.queue("unsaved", "cancel")
    window.close()  # cannot save: asks, and "cancel" keeps the window open
    assert answers.kinds() == ["unsaved"] and window.isVisible()
    page.set_cell(0, 1, "17")
    assert window.save_now() and page.error_text() == ""
    assert intake.get_assessment(clinician, view.id).data.substances[0].age_first_use == 17


def test_front_desk_cannot_open(qtbot, store, clinician, front_desk):
    view = intake_drafts.start_assessment(clinician, make_client(status="referred"))
    with pytest.raises(PermissionDenied):
        AssessmentWindow(WindowContext(front_desk, EventHub(), store), view.id)


def test_the_safety_flag_is_announced_when_a_saved_draft_moves_it(qtbot, store, clinician, answers):
    client_id = make_client(status="referred")
    view = intake_drafts.start_assessment(clinician, client_id)
    window = _window(qtbot, store, clinician, view.id)
    window.timer.setInterval(60_000)  # each save below is the test's own
    heard: list[tuple[str, int]] = []
    window.ctx.hub.client_changed.connect(lambda cid: heard.append(("client", cid)))
    window.ctx.hub.clinical_changed.connect(lambda cid: heard.append(("clinical", cid)))
    window.show_step("screenings")
    _click_answers(qtbot, window, "PHQ9", {**PHQ9_MODERATE, 9: 1})
    assert window.save_now()
    assert heard == [("clinical", client_id), ("client", client_id)]
    assert window.safety.isVisible()
    assert window.safety.detail.text().startswith("PHQ-9 item 9 was answered above zero")
    assert Client.get_by_id(client_id).safety_flag != ""
    heard.clear()
    qtbot.keyClicks(window.show_step("legal").text, "No pending charges.")
    assert window.save_now()
    assert heard == [("clinical", client_id)]  # the client list is not reloaded for every save
