"""Cold start: IOPdesk's real entry point to its sign-in window, against a bare PySide6 window
started the same way, in pairs (the machine's mood changes from minute to minute)."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

#: Read by ``iopdesk.gui.app.run``: leave as soon as the first screen has been shown.
PROBE = "IOPDESK_STARTUP_PROBE"

BARE_WINDOW = """\
import os
import sys

from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv)
window = QLabel("IOPdesk")
window.show()
app.processEvents()
os._exit(0)
"""


@dataclass(frozen=True)
class ColdStart:
    """Paired starts (ms): a bare window's and IOPdesk's sign-in window's, wall and CPU time."""

    bare_ms: tuple[float, ...]
    ours_ms: tuple[float, ...]
    bare_cpu_ms: tuple[float, ...]
    ours_cpu_ms: tuple[float, ...]

    @property
    def bare(self) -> float:
        return statistics.median(self.bare_ms)

    @property
    def ours(self) -> float:
        return statistics.median(self.ours_ms)

    @property
    def ratio(self) -> float:
        """Median of the pairs' wall-time ratios (the budget)."""
        return _paired(self.ours_ms, self.bare_ms)

    @property
    def cpu_ratio(self) -> float:
        """Median of the pairs' CPU-time ratios (steadier on a busy machine)."""
        return _paired(self.ours_cpu_ms, self.bare_cpu_ms)


def _paired(ours: tuple[float, ...], bare: tuple[float, ...]) -> float:
    return statistics.median(o / b for o, b in zip(ours, bare, strict=True))


#: A start that takes longer than this did not stop at its first window: a broken probe.
TIMEOUT_S = 120


def _start(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one start, from launch to the process's exit."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=TIMEOUT_S)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
    return wall * 1000, cpu * 1000


def installed_like(env: dict[str, str], scratch: Path) -> None:
    """Start from compiled bytecode (kept in ``scratch``), as an installed IOPdesk does (a
    wheel's install compiles it): with PYTHONDONTWRITEBYTECODE set, a checkout would compile
    every module of its own at every start."""
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "bytecode")


def cold_start(folder: Path, pairs: int = 10) -> ColdStart:
    """Start both ``pairs`` times, alternating which goes first."""
    env = dict(os.environ, **{PROBE: "1"})
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"  # a headless machine: the same platform for both
    with tempfile.TemporaryDirectory(prefix="iopdesk-bare-") as scratch:
        installed_like(env, Path(scratch))  # the first, unmeasured pair fills the cache
        script = Path(scratch) / "bare_window.py"
        script.write_text(BARE_WINDOW, encoding="utf-8")
        bare_cmd = [sys.executable, str(script)]
        ours_cmd = [sys.executable, "-m", "iopdesk", "--data-dir", str(folder)]
        bare: list[tuple[float, float]] = []
        ours: list[tuple[float, float]] = []
        for command in (bare_cmd, ours_cmd):
            _start(command, env)
        for pair in range(pairs):
            order = [(bare_cmd, bare), (ours_cmd, ours)]
            for command, samples in order if pair % 2 == 0 else reversed(order):
                samples.append(_start(command, env))
    return ColdStart(
        tuple(w for w, _ in bare),
        tuple(w for w, _ in ours),
        tuple(c for _, c in bare),
        tuple(c for _, c in ours),
    )
