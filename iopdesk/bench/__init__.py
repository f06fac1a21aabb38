"""The benchmark of QUALITY.md: what a person waits for, timed at the screen.

Every figure runs from the action (sign-in accepted, key pressed, tab clicked, Save pressed) to
the screen showing the result: real widgets (offscreen), the event loop running, the clock
stopped when the widget holds the new data *and* has been painted. Each area adds
``iopdesk/bench/cases/<area>.py`` defining ``CASES = [Case(...)]``; a case's ``trial(desk)``
gives one run's steps over the open clinic (see ``iopdesk.bench.desk.Desk``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QWidget

    from iopdesk.bench.desk import Desk
    from iopdesk.gui.today import TodayScreen
    from iopdesk.gui.today_panels.list_panel import ListPanel


def _nothing() -> None:
    """A trial step with nothing to prepare or tidy."""


@dataclass(frozen=True)
class Step:
    """One timed action: ``act()``, then wait until ``shown()`` and a paint of ``painted()``.

    ``painted`` names the widget that shows the result (its paint after the data arrived
    stops the clock); None for an action with nothing on screen (a document's bytes).
    """

    act: Callable[[], object]
    shown: Callable[[], bool] = lambda: True
    painted: Callable[[], QWidget] | None = None


@dataclass(frozen=True)
class Trial:
    """One run of a case: untimed ``before``, the timed steps (the run's figure is its slowest
    step, e.g. the worst key of a typed word), untimed ``after``."""

    steps: Sequence[Step]
    before: Callable[[], object] = _nothing
    after: Callable[[], object] = _nothing


@dataclass(frozen=True)
class Case:
    """What a person waits for, its budget on the large clinic, and the physical floor.

    ``floor`` gives the raw SQL of the rows the screen shows (run with ``sqlite3`` on the same
    file), so each figure can be read against what the disk and SQLite alone would cost.
    ``scaled`` cases must also stay within 1.5x of their small-clinic time. A ``fresh`` case
    is timed in new processes instead (``fresh(data folder, runs, warm_up)`` gives the wall and CPU
    milliseconds of each run): the day's first window, with nothing imported or cached yet.
    """

    name: str
    budget_ms: float
    trial: Callable[[Desk], Trial] | None = None
    floor: Callable[[Desk], str] | None = None
    runs: int = 7
    scaled: bool = True
    fresh: Callable[[Path, int, bool], tuple[list[float], list[float]]] | None = None


def today_lists(today: TodayScreen | None) -> list[ListPanel]:
    """Today's lists (not its notices: the backup warning, the set-up checklist)."""
    from iopdesk.gui.today_panels.list_panel import ListPanel  # loaded with Today itself

    return [panel for panel in today.panels if isinstance(panel, ListPanel)] if today else []


def today_filled(today: TodayScreen | None) -> bool:
    """Every list on Today has said what it holds."""
    lists = today_lists(today)
    return bool(lists) and all(panel.summary.text() for panel in lists)
