"""Signing cannot be undone: it asks once, naming what it does, and Enter typed in a field
(a list, a drop-down, a text box) never signs anything."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from iopdesk.db.models.aftercare import Discharge
from iopdesk.db.models.core import Client
from iopdesk.db.models.intake import IntakeAssessment
from iopdesk.db.models.plans import PlanSignature
from iopdesk.gui.aftercare.chart_section import AftercareSection
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.intake.window import AssessmentWindow
from iopdesk.gui.plans.editor import PlanEditor
from iopdesk.services.intake import drafts as intake_drafts
from tests.factories.aftercare import build_episode
from tests.factories.clients import make_client
from tests.factories.intake import complete_data
from tests.factories.plans import write_plan

LEFT = Qt.MouseButton.LeftButton
FIELDS = (QComboBox, QAbstractItemView, QPlainTextEdit, QTextEdit, QLineEdit, QAbstractSpinBox)


def press_enter_in_every_field(qtbot, window: QWidget) -> list[str]:
    """Press Enter in each list, drop-down, text and date box a person can reach; returns
    their accessible names (so a test can see the fields were really there)."""
    pressed = []
    for field in window.findChildren(QWidget):
        if not isinstance(field, FIELDS) or not field.isVisibleTo(window):
            continue
        if not field.isEnabled() or field.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_Return)
        pressed.append(field.accessibleName() or type(field).__name__)
    return pressed


def _discharge_dialog(qtbot, store, clinician):
    built = build_episode(clinician)
    section = AftercareSection(WindowContext(clinician, EventHub(), store), built.client_id)
    qtbot.addWidget(section)
    dialog = section.open_discharge()
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return built.client_id, dialog


def test_enter_in_the_discharge_fields_signs_nothing(qtbot, store, clinician, answers):
    client_id, dialog = _discharge_dialog(qtbot, store, clinician)
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("completed"))
    qtbot.keyClicks(dialog.step_box.lineEdit(), "Standard outpatient")
    qtbot.keyClicks(dialog.condition_box.lineEdit(), "Improved")
    # Enter in "Condition at discharge" used to sign the discharge at once.
    dialog.condition_box.lineEdit().setFocus()
    qtbot.keyClick(dialog.condition_box.lineEdit(), Qt.Key.Key_Return)
    pressed = press_enter_in_every_field(qtbot, dialog)
    assert {"Discharge type", "Condition at discharge", "Discharge summary"} <= set(pressed)
    assert answers.shown == [] and dialog.isVisible()
    assert Discharge.select().count() == 0
    assert Client.get_by_id(client_id).status == "active"


def test_signing_a_discharge_asks_once_naming_what_it_does(qtbot, store, clinician, answers):
    client_id, dialog = _discharge_dialog(qtbot, store, clinician)
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("completed"))
    qtbot.keyClicks(dialog.condition_box.lineEdit(), "Improved")
    answers.queue("confirm", False)
    qtbot.mouseClick(dialog.sign_button, LEFT)
    question = answers.texts("confirm")[0]
    assert "The episode closes and the signed discharge cannot be changed" in question
    assert "future individual and family sessions are cancelled" in question
    assert Discharge.select().count() == 0 and dialog.isVisible()

    answers.queue("confirm", True)
    qtbot.mouseClick(dialog.sign_button, LEFT)
    assert answers.kinds() == ["confirm", "confirm"]
    assert Discharge.select().count() == 1 and not dialog.isVisible()
    assert Client.get_by_id(client_id).status == "discharged"


def test_a_plan_signature_asks_first_and_enter_signs_nothing(
    qtbot, store, clinician, supervisor, answers
):
    client_id = make_client(counselor=clinician)
    plan_id = write_plan(clinician, client_id)
    editor = PlanEditor(WindowContext(clinician, EventHub(), store), plan_id)
    qtbot.addWidget(editor)
    editor.show()
    pressed = press_enter_in_every_field(qtbot, editor.header)
    assert "Diagnosis" in pressed
    assert PlanSignature.select().count() == 0

    answers.queue("confirm", False)
    qtbot.mouseClick(editor.sign_buttons["counselor"], LEFT)
    assert "your signature as counselor" in answers.texts("confirm")[0]
    assert PlanSignature.select().count() == 0
    assert editor.sign_buttons["counselor"].isVisible()

    answers.queue("confirm", True)
    qtbot.mouseClick(editor.sign_buttons["counselor"], LEFT)
    assert PlanSignature.select().count() == 1
    assert not editor.sign_buttons["counselor"].isVisible()


def test_enter_in_the_intake_window_signs_nothing(qtbot, store, clinician, answers):
    client_id = make_client(status="referred")
    view = intake_drafts.start_assessment(clinician, client_id)
    intake_drafts.save_draft(clinician, view.id, complete_data())
    window = AssessmentWindow(WindowContext(clinician, EventHub(), store), view.id)
    qtbot.addWidget(window)
    window.show()
    for key in ("screenings", "asam", "suitability", "decision"):
        window.show_step(key)
        assert press_enter_in_every_field(qtbot, window)
    assert IntakeAssessment.get_by_id(view.id).status == "draft"
    assert "confirm" not in answers.kinds()
    window.dirty = False
