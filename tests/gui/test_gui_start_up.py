"""A large clinic's sign-in window is up before the code behind signing in has loaded: the
database layer, the models, argon2, psycopg2 and reportlab are imported while the person types
(the main window's code too, so Enter waits for the person's own data only)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from iopdesk.services.context import Actor
from iopdesk.services.store import close_clinic, create_clinic
from tests.conftest import set_up_clinic

LOADED_LATER = (
    "peewee",
    "psycopg2",
    "argon2",
    "reportlab",
    "iopdesk.db.models",
    "iopdesk.cli.commands",
)

#: The real entry point, on a clinic taken for a large one (checked in the background), stopped
#: when its first window is up: which of LOADED_LATER (or Qt's enum namespace) were loaded by
#: then?
START = """
import gc
import os
import sys

from iopdesk.gui import app

app.AppController.INLINE_CHECK_BYTES = 0
leave = os._exit


def first_window_shown(code):
    loaded = [m for m in {later!r} if any(n.startswith(m) for n in sys.modules)]
    if "Qt" in vars(sys.modules["PySide6.QtCore"]):  # Qt builds its enums on first use: 17 ms
        loaded.append("PySide6.QtCore.Qt")
    print("first window shown; loaded:", *loaded, flush=True)
    leave(code)


os._exit = first_window_shown
sys.argv = ["iopdesk", "--data-dir", {folder!r}]
from iopdesk.cli import main

main()
"""


@pytest.mark.parametrize("encrypted", [True, False], ids=["encrypted", "plain"])
def test_the_sign_in_window_comes_up_before_the_database_code_loads(
    tmp_path: Path, encrypted: bool
):
    folder = tmp_path / "clinic"
    create_clinic(folder, encrypted=encrypted)
    set_up_clinic()  # an encrypted clinic's sign-in opens nothing before the password
    close_clinic()
    env = dict(os.environ, IOPDESK_STARTUP_PROBE="1", QT_QPA_PLATFORM="offscreen")
    shown = subprocess.run(
        [sys.executable, "-c", START.format(later=LOADED_LATER, folder=str(folder))],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert shown.stdout.strip() == "first window shown; loaded:", shown.stdout


#: The app on a clinic opened at once: is the main window's code loaded only once the sign-in
#: window is up, and loaded by the time a person has typed?
TYPING = """
import gc
import os
import sys

from PySide6.QtCore import QTimer

from iopdesk.gui import app

qt = app.application()
controller = app.AppController({folder!r})
assert controller.start() and controller.sign_in_screen.isVisible()
wanted = ("iopdesk.gui.main_window", "argon2", "iopdesk.gui.areas.calendar", "cryptography")
up = [m in sys.modules for m in wanted]
QTimer.singleShot(app.PRELOAD_AFTER_MS + 3000, qt.quit)
qt.exec()
typed = [m in sys.modules for m in wanted]
print(*up, *typed, flush=True)
os._exit(0)
"""


def test_the_main_window_loads_while_the_person_types(data_dir: Path, admin: Actor):
    close_clinic()  # set up, as a clinic is on the morning of its first sign-in
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    shown = subprocess.run(
        [sys.executable, "-c", TYPING.format(folder=str(data_dir))],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert shown.stdout.split() == ["False"] * 4 + ["True"] * 4, shown.stdout


def test_the_loaded_code_is_set_aside_from_the_cycle_collector():
    from iopdesk.gui import app

    gc.unfreeze()
    for step in app.loading_steps():  # what the app loads while the person types
        step()
    try:
        # Modules, classes and functions: a full collection no longer walks them all.
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
