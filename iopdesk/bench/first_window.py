"""The day's first sign-in in a fresh app: ``python -m iopdesk.bench.first_window FOLDER USER``
(the password in ``IOPDESK_PASSWORD``).

The app starts for real on the clinic (the sign-in window, the background check of a large
file), a person takes a few seconds to type, presses Enter; timed from the password accepted
to the main window with every Today list filled and painted (on an encrypted clinic that
includes opening it, and a large file's check, which only the key makes possible). Nothing is
imported or cached before, as at the first sign-in of the morning: this process loads only
what the app itself loads (the bench's own helpers are Qt and the standard library). Prints
``{"wall_ms": ..., "cpu_ms": ...}``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

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

    qt = app._application()
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
            accepted.append((time.perf_counter(), time.process_time()))
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
        "cpu_ms": (time.process_time() - cpu) * 1000,
    }


def first_windows(folder: Path, runs: int, warm_up: bool = True) -> tuple[list[float], list[float]]:
    """``runs`` fresh apps (after one to warm the disk cache, unless not ``warm_up``): wall and
    CPU ms of each, the demo's clinician signing in."""
    from iopdesk.bench.desk import ROLE_USERS
    from iopdesk.bench.scale import clinic_screen
    from iopdesk.demo import DEMO_PASSWORD

    walls, cpus = [], []
    with clinic_screen() as platform:
        env = dict(os.environ, QT_QPA_PLATFORM=platform, **{PASSWORD: DEMO_PASSWORD})
        command = [sys.executable, "-m", "iopdesk.bench.first_window", str(folder)]
        for number in range(-1 if warm_up else 0, runs):
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


def main(argv: list[str]) -> None:
    """Measure one first sign-in on the clinic in ``argv[0]`` as ``argv[1]`` and print it."""
    from iopdesk.bench.scale import settings_apart

    with settings_apart():
        print(json.dumps(_measure(Path(argv[0]), argv[1], os.environ[PASSWORD])), flush=True)
    os._exit(0)  # the background check may still run: the moment has been measured


if __name__ == "__main__":
    main(sys.argv[1:])
