"""The day's first sign-in in a fresh app: ``python -m iopdesk.bench.first_window FOLDER USER``
(the password in ``IOPDESK_PASSWORD``).

The app starts for real on the clinic, a person takes a few seconds to type, presses Enter;
timed from the password accepted to the main window with every Today list filled and painted
(on an encrypted clinic that includes opening it). Nothing is imported or cached before, as at
the first sign-in of the morning: this process loads only what the app itself loads (the
bench's own helpers are Qt and the standard library). Prints ``{"wall_ms": ..., "cpu_ms": ...}``,
the CPU time being the GUI thread's: a large file's structural check may run in a thread
beside it, on the other core, while the window is already up.

The usual morning opens the file as last night's clean close left it, after a passed check:
before each run the file is made so (checked once for real, then its WAL checkpointed and its
verdict remembered). ``after_a_crash`` measures the other morning, the check in the background.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from iopdesk import paths

#: How long the person takes to type a user name and password once they may.
TYPING_S = 3.0
#: A large clinic's background check (quick_check) may take this long before sign-in is allowed.
CHECK_TIMEOUT_S = 300
PASSWORD = "IOPDESK_PASSWORD"
R = TypeVar("R")


def _measure(folder: Path, username: str, password: str) -> dict[str, float]:
    from iopdesk.bench import Step, today_filled, today_lists
    from iopdesk.bench.clock import wait, wait_until_shown
    from iopdesk.gui import app

    qt = app.application()
    controller = app.AppController(folder, idle_ms=24 * 3600 * 1000)
    if not controller.start():
        raise RuntimeError(f"IOPdesk did not start on {folder}")
    deadline = time.perf_counter() + CHECK_TIMEOUT_S
    while not (controller.sign_in_screen and controller.sign_in_screen.button.isEnabled()):
        if time.perf_counter() > deadline:
            raise RuntimeError("The sign-in window never allowed signing in")
        wait(qt, 50)
    wait(qt, int(TYPING_S * 1000))
    from iopdesk.services.admin import auth  # the app has loaded it by now (or does so here)

    # The clock starts when the password has been accepted: by the key file (an encrypted
    # clinic, unlocked before anything is read) or by the staff table, whichever comes first.
    accepted: list[tuple[float, float]] = []

    def accepting(check: Callable[..., R]) -> Callable[..., R]:
        def checked(*args: object) -> R:
            result = check(*args)
            accepted.append((time.perf_counter(), time.thread_time()))
            return result

        return checked

    app.unlock_key = accepting(app.unlock_key)
    auth.sign_in = accepting(auth.sign_in)
    screen = controller.sign_in_screen
    screen.username.setText(username)
    screen.password.setText(password)

    def today() -> object:
        current = controller.current
        return current.window.pages.get("today") if current else None

    # Every list is filled in one pass; the first one's paint is the window's paint (the
    # last may be below the fold on a 1366x768 screen).
    step = Step(
        screen.button.click,
        lambda: today_filled(today()),
        lambda: today_lists(today())[0].summary,
    )
    step.act()
    wait_until_shown(step)
    wall, cpu = accepted[0]
    return {
        "wall_ms": (time.perf_counter() - wall) * 1000,
        "cpu_ms": (time.thread_time() - cpu) * 1000,
    }


def first_windows(
    folder: Path, runs: int, warm_up: bool = True, *, remembered: bool = True
) -> tuple[list[float], list[float]]:
    """``runs`` fresh apps (after one to warm the disk cache, unless not ``warm_up``): wall and
    CPU ms of each, the demo's clinician signing in; the file as a clean close left it after a
    passed check (``remembered``), or with no verdict remembered (checked in the background)."""
    from iopdesk.bench.cold_start import installed_like
    from iopdesk.bench.desk import ROLE_USERS
    from iopdesk.bench.scale import clinic_screen
    from iopdesk.demo import DEMO_PASSWORD

    key = _clinic_key(folder, ROLE_USERS["clinician"], DEMO_PASSWORD)
    if remembered:
        _check_once(folder, key)
    walls, cpus = [], []
    with clinic_screen() as platform, tempfile.TemporaryDirectory() as scratch:
        env = dict(os.environ, QT_QPA_PLATFORM=platform, **{PASSWORD: DEMO_PASSWORD})
        installed_like(env, Path(scratch))  # the warm-up run fills the bytecode cache
        command = [sys.executable, "-m", "iopdesk.bench.first_window", str(folder)]
        for number in range(-1 if warm_up else 0, runs):
            _as_last_closed(folder, key, remembered)
            shown = subprocess.run(
                [*command, ROLE_USERS["clinician"]],
                check=True,
                capture_output=True,
                text=True,
                env=env,
                timeout=CHECK_TIMEOUT_S + 120,
            )
            if number >= 0:
                figure = json.loads(shown.stdout.strip().splitlines()[-1])
                walls.append(figure["wall_ms"])
                cpus.append(figure["cpu_ms"])
    return walls, cpus


#: The morning after a crash (or a restore, a copy): the file's check runs beside the window.
after_a_crash = partial(first_windows, remembered=False)


def _clinic_key(folder: Path, username: str, password: str) -> bytes | None:
    from iopdesk.services.store import Credential, is_encrypted, unlock_key

    return unlock_key(folder, Credential(username, password)) if is_encrypted(folder) else None


def _check_once(folder: Path, key: bytes | None) -> None:
    """The check that a remembered verdict stands for, run for real once."""
    from iopdesk.services.store import check_database_file

    health = check_database_file(paths.database_path(folder), key=key)
    if not health.ok:
        raise RuntimeError(f"The bench clinic in {folder} is damaged: {health.problem}")


def _as_last_closed(folder: Path, key: bytes | None, remembered: bool) -> None:
    """The file as the last app left it: its WAL checkpointed (a clean close) and the check's
    verdict remembered, or no verdict (a crash)."""
    from iopdesk.db import check_verdict
    from iopdesk.db.sqlite_file import raw_sqlite

    db_path = paths.database_path(folder)
    with raw_sqlite(db_path, read_only=False, key=key) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if remembered:
        check_verdict.remember(db_path)
    else:
        check_verdict.forget(db_path)


def main(argv: list[str]) -> None:
    """Measure one first sign-in on the clinic in ``argv[0]`` as ``argv[1]`` and print it."""
    from iopdesk.bench.scale import settings_apart

    with settings_apart():
        print(json.dumps(_measure(Path(argv[0]), argv[1], os.environ[PASSWORD])), flush=True)
    os._exit(0)  # the background check may still run: the moment has been measured


if __name__ == "__main__":
    main(sys.argv[1:])
