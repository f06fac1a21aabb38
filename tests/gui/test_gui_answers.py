"""The ``answers`` fixture itself: queued answers per kind, a record of prompts, strictness."""

from __future__ import annotations

import pytest

from iopdesk.gui import prompts
from tests.gui.conftest import Answers


def test_queued_answers_come_back_in_order_per_kind() -> None:
    script = Answers()
    script.queue("confirm", False, True)
    script.queue("inform")
    assert script("confirm", "Sign", "Sign now?") is False
    assert script("inform", "Saved", "Saved to plan.pdf.") is None
    assert script("confirm", "Sign", "Sign now?") is True
    assert script.kinds() == ["confirm", "inform", "confirm"]
    assert script.texts("inform") == ["Saved to plan.pdf."]
    assert script.titles("confirm") == ["Sign", "Sign"]
    assert script.unused() == {}


def test_a_prompt_nobody_queued_fails_the_test() -> None:
    script = Answers()
    script.queue("confirm", True)
    with pytest.raises(pytest.fail.Exception, match="Unexpected error prompt 'Save': disk full"):
        script("error", "Save", "disk full")
    assert script.unused() == {"confirm": [True]}


def test_always_answers_any_number_of_prompts_of_a_kind() -> None:
    script = Answers()
    script.always("unsaved", "discard")
    assert [script("unsaved", "Close", "Unsaved changes") for _ in range(3)] == ["discard"] * 3
    assert script.unused() == {}


def test_windows_prompts_reach_the_fixture(answers: Answers) -> None:
    answers.queue("text", "Court order")
    assert prompts.ask_text(None, "Reason", "Why over capacity?") == "Court order"
    assert answers.shown == [("text", "Reason", "Why over capacity?")]
