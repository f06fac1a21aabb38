"""The intake window from the keyboard: Next / Previous step (buttons, Alt+Right / Alt+Left),
and arrow keys that choose a screening's answers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from iopdesk.domain.intake import STEPS
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.intake.window import AssessmentWindow
from iopdesk.services.intake import assessments as intake
from iopdesk.services.intake import drafts as intake_drafts
from tests.factories.clients import make_client

LEFT = Qt.MouseButton.LeftButton
ALT = Qt.KeyboardModifier.AltModifier


def _window(qtbot, store, clinician) -> AssessmentWindow:
    view = intake_drafts.start_assessment(clinician, make_client(status="referred"))
    window = AssessmentWindow(WindowContext(clinician, EventHub(), store), view.id)
    qtbot.addWidget(window)
    window.timer.setInterval(20)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _step(window: AssessmentWindow) -> str:
    return window.steps.keys()[window.steps.currentRow()]


def test_next_and_previous_walk_the_steps(qtbot, store, clinician, answers):
    window = _window(qtbot, store, clinician)
    keys = list(STEPS)
    assert _step(window) == keys[0] and not window.previous_button.isEnabled()
    qtbot.mouseClick(window.next_button, LEFT)
    assert _step(window) == keys[1] and window.previous_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Right, ALT)
    assert _step(window) == keys[2]
    qtbot.keyClick(window, Qt.Key.Key_Left, ALT)
    assert _step(window) == keys[1]
    while window.next_button.isEnabled():
        qtbot.mouseClick(window.next_button, LEFT)
    assert _step(window) == keys[-1]
    shown = window.steps.stack.currentWidget().widget()
    assert shown is window.pages[keys[-1]]  # the page follows the step
    qtbot.mouseClick(window.previous_button, LEFT)
    assert _step(window) == keys[-2] and window.next_button.isEnabled()


def test_arrow_keys_choose_screening_answers(qtbot, store, clinician, answers):
    window = _window(qtbot, store, clinician)
    form = window.show_step("screenings").forms["PHQ9"]
    qtbot.mouseClick(form.buttons[(1, 0)], LEFT)  # "Not at all" for item 1, by mouse
    assert form.answers() == {1: 0}
    here = QApplication.focusWidget
    qtbot.keyClick(here(), Qt.Key.Key_Right)
    qtbot.keyClick(here(), Qt.Key.Key_Right)
    qtbot.keyClick(here(), Qt.Key.Key_Left)
    assert form.answers() == {1: 1} and here() is form.buttons[(1, 1)]
    qtbot.keyClick(here(), Qt.Key.Key_Down)  # item 2, no answer yet: its first choice
    assert here() is form.buttons[(2, 0)] and form.answers() == {1: 1}
    qtbot.keyClick(here(), Qt.Key.Key_Right)
    qtbot.keyClick(here(), Qt.Key.Key_Right)
    qtbot.keyClick(here(), Qt.Key.Key_Right)
    qtbot.keyClick(here(), Qt.Key.Key_Right)  # past the last answer: stays on it
    assert form.answers() == {1: 1, 2: 3}
    qtbot.keyClick(here(), Qt.Key.Key_Up)  # back to item 1, on its chosen answer
    assert here() is form.buttons[(1, 1)]
    qtbot.waitUntil(lambda: not window.dirty)
    stored = intake.get_assessment(clinician, window.view.id).data.screenings["PHQ9"]
    assert stored == {1: 1, 2: 3}
