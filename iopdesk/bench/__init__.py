"""The benchmark of QUALITY.md: each user-visible operation timed on a small and a large clinic.

Each area adds ``iopdesk/bench/cases/<area>.py`` defining ``CASES = [BenchCase(...)]``; a case's
``run(actors)`` performs one operation through the services (``actors`` maps a role to a
signed-in Actor of the demo clinic).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from iopdesk.services.context import Actor


@dataclass(frozen=True)
class BenchCase:
    """One timed operation, its budget, and optionally the raw SQL of the same rows."""

    name: str
    budget_ms: float
    run: Callable[[dict[str, Actor]], object]
    floor_sql: str = ""
    repeat: int = 7
    #: A report reads every record of its period, so it grows with the clinic: only the
    #: budget applies to it, not the large/small ratio of screens.
    grows_with_data: bool = False
