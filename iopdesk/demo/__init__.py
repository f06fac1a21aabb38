"""The demo clinic generator: believable staff, clients and records in every stage.

Each area adds a module to ``iopdesk/demo/steps`` defining ``ORDER`` (int) and
``populate(ctx: DemoContext)``; steps run in order inside one build.
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
import pkgutil
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from iopdesk.demo.stories import Story
from iopdesk.errors import DomainError
from iopdesk.services.context import Actor

DEMO_PASSWORD = "recovery demo 2026"
SCALES = {"small": {"clients": 300, "years": 1}, "large": {"clients": 50_000, "years": 20}}
#: Discharged episodes with full records (intake, plan, tests, discharge) at each scale: the
#: large clinic's older history has rosters and attendance only, so it builds in minutes.
CHARTED_DISCHARGES = {"small": 400, "large": 2000}
#: Seats per group; groups are added until the busiest day of the span has a seat for all.
GROUP_CAPACITY = 12


@dataclass
class DemoContext:
    """Shared state the demo steps build on."""

    scale: str
    rng: random.Random
    today: dt.date
    admin: Actor | None = None
    clinicians: list[Actor] = field(default_factory=list)
    supervisor: Actor | None = None
    front_desk: list[Actor] = field(default_factory=list)
    #: client id -> (current episode id, status, counselor staff id, admission date)
    clients: dict[int, tuple[int, str, int | None, dt.date | None]] = field(default_factory=dict)
    #: client id -> the clinical story every step tells (see demo/stories)
    stories: dict[int, Story] = field(default_factory=dict)
    #: client id -> date of birth
    born: dict[int, dt.date] = field(default_factory=dict)
    #: client id -> discharge date, for discharged clients
    discharged: dict[int, dt.date] = field(default_factory=dict)
    #: client id -> intake screening totals by instrument code (PHQ9, GAD7, AUDIT, DAST10)
    scores: dict[int, dict[str, int]] = field(default_factory=dict)
    sign_ins: list[tuple[str, str]] = field(default_factory=list)
    log: Callable[[str], None] = print

    @property
    def client_count(self) -> int:
        return SCALES[self.scale]["clients"]

    @property
    def years(self) -> int:
        return SCALES[self.scale]["years"]

    def active_clients(self) -> list[int]:
        return [cid for cid, (_, status, _, _) in self.clients.items() if status == "active"]

    def charted(self) -> set[int]:
        """Clients with full clinical records: everyone not discharged, and the most
        recently discharged (all of them in the small clinic)."""
        recent = sorted(self.discharged, key=lambda cid: self.discharged[cid], reverse=True)
        open_ = {cid for cid, (_, status, _, _) in self.clients.items() if status != "discharged"}
        return open_ | set(recent[: CHARTED_DISCHARGES[self.scale]])

    def groups_needed(self) -> int:
        """Groups enough to seat everyone in care on the busiest day of the span (new
        clients join the emptiest group, so then no group is ever over its capacity)."""
        changes: dict[dt.date, int] = {}
        for cid, (_, status, _, admitted) in self.clients.items():
            if admitted is None or status not in ("active", "discharged"):
                continue
            changes[admitted] = changes.get(admitted, 0) + 1
            if cid in self.discharged:
                leave = self.discharged[cid] + dt.timedelta(days=1)
                changes[leave] = changes.get(leave, 0) - 1
        census = peak = 0
        for day in sorted(changes):
            census += changes[day]
            peak = max(peak, census)
        return max(6, math.ceil(peak / GROUP_CAPACITY))


def _steps() -> list:
    from iopdesk.demo import steps

    mods = [
        importlib.import_module(f"iopdesk.demo.steps.{i.name}")
        for i in pkgutil.iter_modules(steps.__path__)
    ]
    return sorted(mods, key=lambda m: m.ORDER)


def build_demo(
    data_dir: Path,
    scale: str = "small",
    *,
    seed: int = 2026,
    today: dt.date | None = None,
    log: Callable[[str], None] = print,
    encrypted: bool = True,
) -> DemoContext:
    """Create a demo clinic (encrypted, as every new clinic is, unless asked otherwise) in an
    empty data folder; refuses to touch an existing clinic."""
    from iopdesk.services.store import NEW, create_clinic, prepare_folder

    if scale not in SCALES:
        raise DomainError(f"Choose a demo size of {' or '.join(SCALES)}.")
    if prepare_folder(Path(data_dir)) != NEW:
        raise DomainError(
            f"{data_dir} already holds a clinic; choose an empty folder for the "
            "demo so no real records are mixed with made-up ones."
        )
    create_clinic(Path(data_dir), encrypted=encrypted)
    ctx = DemoContext(scale, random.Random(seed), today or dt.date.today(), log=log)
    for step in _steps():
        log(f"demo: {step.__name__.rsplit('.', 1)[-1]}")
        step.populate(ctx)
    return ctx
