"""The clinic a scale is measured on: signed-in people, their main windows, raw SQL on the file."""

from __future__ import annotations

import contextlib
import gc
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from iopdesk import paths
from iopdesk.bench.clock import wait
from iopdesk.db.connection import database_key
from iopdesk.db.sqlite_file import raw_sqlite
from iopdesk.demo import DEMO_PASSWORD
from iopdesk.gui import prompts
from iopdesk.gui.app import application, loading_steps
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.memory import return_freed_memory
from iopdesk.services.admin import auth
from iopdesk.services.context import Actor
from iopdesk.services.store import Credential, close_clinic, open_clinic, unlock_clinic

if TYPE_CHECKING:
    from iopdesk.gui.main_window import MainWindow

#: The demo clinic's people, one per role.
ROLE_USERS = {"administrator": "admin", "clinician": "mhernandez", "front_desk": "dmiller"}


class UnexpectedPrompt(RuntimeError):
    """A screen asked a question during a measurement (a bench case is wrong, not the app)."""


def _quiet_platform(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Drop the offscreen platform's "This plugin does not support raise()" and the like."""
    if not message.startswith("This plugin does not support"):
        print(message, file=sys.stderr)


def _refuse_prompts(kind: str, title: str, text: str) -> object:
    raise UnexpectedPrompt(f"The bench met a {kind} prompt {title!r}: {text}")


class ModelResets:
    """Counts a model's resets from now on: new rows arrived on the screen."""

    def __init__(self, model: QAbstractItemModel) -> None:
        self.count = 0
        self.model = model
        model.modelReset.connect(self._reset)

    def _reset(self) -> None:
        self.count += 1

    def stop(self) -> None:
        self.model.modelReset.disconnect(self._reset)


class Desk:
    """One open clinic with its people signed in; windows are opened as cases need them.

    With a ``database_url`` the clinic is its copy on the server (a workstation with a data
    folder of its own); what a case shows is still picked from the file, which holds the same
    records under the same ids, and there is no raw-SQL floor (``on_server``).
    """

    def __init__(self, folder: Path, database_url: str = "") -> None:
        return_freed_memory()  # as the app's start does: its memory is what is measured
        existing = QCoreApplication.instance()
        self._sheet_before = existing.styleSheet() if isinstance(existing, QApplication) else ""
        self.app = application()  # with the clinic's style sheet: it costs every screen
        prompts.responder = _refuse_prompts  # a prompt would block a run forever
        self._messages = qInstallMessageHandler(_quiet_platform)
        self._open = contextlib.ExitStack()
        self.on_server = bool(database_url)
        if self.on_server:
            workstation = Path(self._open.enter_context(tempfile.TemporaryDirectory()))
            self.store = open_clinic(workstation, database_url=database_url)
            key = None  # the server's copy came from the unencrypted file
        else:
            self.store = unlock_clinic(folder, Credential("admin", DEMO_PASSWORD))  # plain: opens
            key = database_key()
        self.raw = self._open.enter_context(raw_sqlite(paths.database_path(folder), key=key))
        self.actors: dict[str, Actor] = {
            role: auth.sign_in(user, DEMO_PASSWORD) for role, user in ROLE_USERS.items()
        }
        self._windows: dict[str, MainWindow] = {}
        self._picked: dict[tuple[object, ...], Any] = {}
        for step in loading_steps():  # as the app does while the person types
            step()

    def context(self, role: str) -> WindowContext:
        """A fresh workspace context for a role (what signing in gives the main window)."""
        return WindowContext(self.actors[role], EventHub(), self.store)

    def main_window(self, role: str = "clinician") -> MainWindow:
        """The role's main window, opened once and kept (as a person keeps it all day)."""
        window = self._windows.get(role)
        if window is None:
            from iopdesk.gui.main_window import MainWindow

            window = MainWindow(self.context(role))
            window.show()
            self._windows[role] = window
            self.settle()
        return window

    def one(self, sql: str, *params: object) -> Any:
        """The first column of the first row of a raw query (picking what a case shows; asked
        once per clinic, as every run of a case shows the same thing)."""
        key = (sql, *params)
        if key not in self._picked:
            row = self.raw.execute(sql, params).fetchone()
            if row is None:
                raise RuntimeError(f"The demo clinic has nothing for: {sql}")
            self._picked[key] = row[0]
        return self._picked[key]

    def settle(self, quiet_ms: int = 50) -> None:
        """Run the event loop a while, so deferred work (debounce timers, refreshes queued for
        later) is done before the next run starts its clock."""
        wait(self.app, quiet_ms)

    def close(self) -> None:
        """Close every window and the clinic."""
        for window in self._windows.values():
            for child in list(window.child_windows.values()):
                child.close()
            window.close()
            window.deleteLater()
        self._windows.clear()
        self.settle()
        self._open.close()
        prompts.responder = None
        qInstallMessageHandler(self._messages)
        close_clinic()
        # The process may go on (a test): its application as it was, its objects collectable.
        self.app.setStyleSheet(self._sheet_before)
        gc.unfreeze()
