"""GUI test fixtures: every prompt a window shows is answered from the test's own script.

A test queues the answers it expects per prompt kind ("confirm", "text", "unsaved",
"save_file", "open_file", "folder", "inform", "error", and "conflict": "mine", "theirs" or
None to decide later); ``answers.shown`` records each prompt
(kind, title, text). A prompt nobody queued fails the test where it appears, and an answer
queued for a prompt that never came fails it at the end: no real dialog ever blocks a test.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from iopdesk import paths
from iopdesk.gui import prompts
from iopdesk.gui.app import AppController


class Prompt(NamedTuple):
    """One prompt a window showed (equal to the plain tuple (kind, title, text))."""

    kind: str
    title: str
    text: str


class Answers:
    """Answers queued per prompt kind, and the prompts shown so far."""

    def __init__(self) -> None:
        self.shown: list[Prompt] = []
        self._queued: dict[str, deque[object]] = defaultdict(deque)
        self._always: dict[str, object] = {}

    def queue(self, kind: str, *replies: object) -> None:
        """Expect one prompt of ``kind`` per reply, answered in order (no reply: one, None)."""
        self._queued[kind].extend(replies or (None,))

    def always(self, kind: str, reply: object = None) -> None:
        """Answer any number of ``kind`` prompts (none at all is fine too) with ``reply``."""
        self._always[kind] = reply

    def __call__(self, kind: str, title: str, text: str) -> object:
        prompt = Prompt(kind, title, text)
        self.shown.append(prompt)
        if self._queued[kind]:
            return self._queued[kind].popleft()
        if kind in self._always:
            return self._always[kind]
        # Failed is not an Exception: no "except Exception" in the app can swallow it.
        pytest.fail(f"Unexpected {kind} prompt {title!r}: {text}", pytrace=False)

    def kinds(self) -> list[str]:
        """The kinds of the prompts shown, in order."""
        return [p.kind for p in self.shown]

    def texts(self, kind: str) -> list[str]:
        """The texts of the ``kind`` prompts shown, in order."""
        return [p.text for p in self.shown if p.kind == kind]

    def titles(self, kind: str | None = None) -> list[str]:
        """The titles of the prompts shown (of one kind when given), in order."""
        return [p.title for p in self.shown if kind in (None, p.kind)]

    def unused(self) -> dict[str, list[object]]:
        """Queued answers no prompt has taken yet, per kind."""
        return {kind: list(replies) for kind, replies in self._queued.items() if replies}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Keep each phase's report on the test, so teardown knows whether the test passed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(autouse=True)
def answers(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Answers]:
    """The script every prompt in a GUI test is answered from (see the module docstring)."""
    script = Answers()
    monkeypatch.setattr(prompts, "responder", script)
    yield script
    call = getattr(request.node, "report_call", None)
    if call is not None and call.passed and script.unused():
        pytest.fail(f"Answers queued for prompts that never appeared: {script.unused()}")


@pytest.fixture(autouse=True)
def _nothing_outlives_its_test(qtbot) -> Iterator[None]:
    """Windows a test left open are deleted at its end, with their timers: a dialog's kept-draft
    timer firing during the next test would write into that test's clinic."""
    yield
    for widget in QApplication.topLevelWidgets():
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _own_settings(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the app remembers on this computer (the last folder used) goes to the test's own
    folder, never to the real user's settings."""
    scope = QSettings.Scope.UserScope
    QSettings.setPath(QSettings.Format.IniFormat, scope, str(tmp_path / "user-settings"))
    monkeypatch.setattr(prompts, "_person", "")


@pytest.fixture
def controller(qtbot, data_dir: Path):
    """Makes app controllers on the test's data folder (``idle_ms``, another ``folder``), and
    closes whatever they opened at the end."""
    made: list[AppController] = []

    def make(idle_ms: int = 60_000, folder: Path = data_dir) -> AppController:
        c = AppController(Path(folder), idle_ms=idle_ms)
        made.append(c)
        return c

    yield make
    for c in made:
        for ws in list(c.workspaces.values()):
            ws.window.hide()
            ws.window.deleteLater()
        for w in (c.sign_in_screen, c.wizard):
            if w is not None:
                w.hide()
                w.deleteLater()
        c.shutdown()


@pytest.fixture
def clinic_style(qapp) -> Iterator[None]:
    """The app's own style sheet (fonts, paddings), as a person sees the screens; removed after."""
    qapp.setStyleSheet(paths.resource_path("style.qss").read_text(encoding="utf-8"))
    yield
    qapp.setStyleSheet("")
