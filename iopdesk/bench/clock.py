"""Timing a case at the screen: wall and CPU time from the action to the painted result."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

from iopdesk.bench import Case, Step

if TYPE_CHECKING:
    from iopdesk.bench.desk import Desk

#: A step whose screen has not shown its result after this long is a broken case.
TIMEOUT_S = 60


@dataclass(frozen=True)
class Figure:
    """One case's runs on one clinic (milliseconds), and its raw-SQL floor."""

    wall_ms: tuple[float, ...]
    cpu_ms: tuple[float, ...]
    floor_ms: float = 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.wall_ms)

    @property
    def worst(self) -> float:
        return max(self.wall_ms)

    @property
    def cpu(self) -> float:
        """Median CPU time of the process (the machine's other work does not count)."""
        return statistics.median(self.cpu_ms)


def wait(app: QCoreApplication, ms: int) -> None:
    """Run the app's event loop for ``ms`` milliseconds (what happens meanwhile happens)."""
    loop = QEventLoop(app)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


class _PaintWatch(QObject):
    """Ends the wait when the widget showing the result has been painted."""

    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.loop = loop
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.seen = True
            self.loop.quit()  # the loop returns once this paint (and its window's) is done
        return False


def wait_until_shown(step: Step) -> None:
    """Run the event loop until the step's data is shown, then until it has been painted."""
    loop = QEventLoop()
    watch = _PaintWatch(loop)
    painted: list[QWidget] = []
    failed: list[BaseException] = []
    deadline = time.perf_counter() + TIMEOUT_S

    def look() -> None:
        if painted or not step.shown():
            return
        if step.painted is None:
            watch.seen = True
            return
        target = step.painted()
        if not target.isVisible() or target.visibleRegion().isEmpty():
            return  # a widget just added is shown by the event loop
        painted.append(target)
        target.installEventFilter(watch)
        target.update()  # merges with the repaint the new data asked for, if any

    def check() -> None:
        # An exception in a timer slot would only be printed: keep it and end the wait.
        try:
            look()
        except Exception as exc:
            failed.append(exc)
        if failed or watch.seen or time.perf_counter() > deadline:
            loop.quit()

    check()
    if not (failed or watch.seen):
        poll = QTimer()
        poll.setTimerType(Qt.TimerType.PreciseTimer)
        poll.setInterval(1)
        poll.timeout.connect(check)
        poll.start()
        loop.exec()
        poll.stop()
    for target in painted:
        target.removeEventFilter(watch)
    if failed:
        raise failed[0]
    if not watch.seen:
        where = (
            "was never painted"
            if painted
            else "never showed the data (or it is hidden, or scrolled out of view)"
        )
        raise RuntimeError(f"The screen {where} within {TIMEOUT_S} s")


def _timed(step: Step) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    step.act()
    wait_until_shown(step)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def measure(case: Case, desk: Desk, runs: int | None = None, *, warm_up: bool = True) -> Figure:
    """``runs`` timed runs (the case's own number by default), after an untimed warm-up run
    that touches pages and caches once; a run's figure is its slowest step."""
    count = runs or case.runs
    if case.fresh is not None:
        walls, cpus = case.fresh(desk.store.data_dir, count, warm_up)
        return Figure(tuple(walls), tuple(cpus), _floor(case, desk, count))
    walls: list[float] = []
    cpus: list[float] = []
    for number in range(-1 if warm_up else 0, count):
        desk.settle()  # the last run's windows are closed and gone
        assert case.trial is not None, case.name
        trial = case.trial(desk)
        trial.before()
        desk.settle()
        timings = [_timed(step) for step in trial.steps]
        trial.after()
        if number >= 0:
            wall, cpu = max(timings)
            walls.append(wall)
            cpus.append(cpu)
    return Figure(tuple(walls), tuple(cpus), _floor(case, desk, count))


def _floor(case: Case, desk: Desk, runs: int) -> float:
    """The same rows straight from sqlite3 (the physical floor), median of the runs."""
    if case.floor is None or desk.on_server:
        return 0.0
    sql = case.floor(desk)
    desk.raw.execute(sql).fetchall()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        desk.raw.execute(sql).fetchall()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)
