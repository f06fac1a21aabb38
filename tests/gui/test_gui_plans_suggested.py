"""Suggested problems on a partly signed plan: the editor asks before the signatures go."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.plans.editor import PlanEditor
from iopdesk.services.intake import screenings as intake_screenings
from iopdesk.services.plans import signing as plans_signing
from tests.factories.clients import make_client
from tests.factories.intake import PHQ9_MODERATE
from tests.factories.plans import write_plan

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def editor(qtbot, store, clinician) -> PlanEditor:
    """A plan the client has signed (so partly signed), for a client with a moderate PHQ-9."""
    client_id = make_client(counselor=clinician)
    intake_screenings.record_screening(clinician, client_id, "PHQ9", PHQ9_MODERATE)
    plan_id = write_plan(clinician, client_id)
    plans_signing.sign_plan(clinician, plan_id, "client", on_paper=True)
    window = PlanEditor(WindowContext(clinician, EventHub(), store), plan_id)
    qtbot.addWidget(window)
    assert window.doc.status == "partially_signed"
    return window


def accept_the_dialog_when_it_opens() -> None:
    """Press the dialog's Add button once it is up (exec() blocks the test until then)."""

    def accept() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            dialog.accept()

    QTimer.singleShot(0, accept)


def test_refusing_keeps_the_signatures_and_adds_nothing(qtbot, editor, answers) -> None:
    answers.queue("confirm", False)
    accept_the_dialog_when_it_opens()  # would add the problem if the dialog opened anyway
    qtbot.mouseClick(editor.outline.suggest_button, LEFT)
    assert answers.titles() == ["Signatures will be cleared"]
    assert editor.doc.status == "partially_signed"
    assert editor.doc.signature("client") is not None
    assert editor.tree.topLevelItemCount() == 1
    QApplication.processEvents()  # let the timer fire while no dialog is open
    assert editor.tree.topLevelItemCount() == 1


def test_agreeing_adds_the_problem_and_clears_the_signatures(qtbot, editor, answers) -> None:
    answers.queue("confirm", True)
    accept_the_dialog_when_it_opens()
    qtbot.mouseClick(editor.outline.suggest_button, LEFT)
    assert answers.titles() == ["Signatures will be cleared"]
    assert editor.tree.topLevelItemCount() == 2
    assert "PHQ-9" in editor.tree.topLevelItem(1).text(0)
    assert editor.doc.status == "draft" and editor.doc.signature("client") is None


def test_a_library_problem_asks_once_then_is_copied_in(qtbot, admin, editor, answers) -> None:
    from iopdesk.services.plans.library import LibraryForm, add_library_item

    add_library_item(admin, LibraryForm("problem", "Isolation from sober supports", 6))
    answers.always("confirm", True)
    accept_the_dialog_when_it_opens()  # the picker: its first entry is chosen
    qtbot.mouseClick(editor.outline.library_button, LEFT)
    assert [a[1] for a in answers.shown] == ["Signatures will be cleared"]
    assert editor.tree.topLevelItemCount() == 2
    added = editor.tree.topLevelItem(1).text(0)
    assert added == "Problem 2: Isolation from sober supports [ASAM 6]"
    assert editor.doc.status == "draft" and editor.doc.signature("client") is None
    assert editor.selected() == ("problem", editor.doc.problems[1].id)
