"""One clinic measured in a process of its own: ``python -m iopdesk.bench.scale FOLDER OUT
[RUNS]`` (its copy on the clinic's server instead when ``IOPDESK_DATABASE_URL`` names one).

A fresh process per clinic keeps one clinic's windows and caches out of the other's figures,
and its resident memory is the app's with that clinic open. The figures go to OUT as JSON.

The resident memory figure (QUALITY.md: at most 300 MB with the large clinic open) is what a
person has open after a day's work, taken once every case has run. The day's repetition is in
it (sign-ins, Shows, saves and refreshes, each repeated a run of times: memory a repetition
keeps is a leak a clinic would meet by evening), and so is everything a person keeps open at
the end of it: the main window with Today, the longest stay's chart, a full group's
attendance sheet, and the last report shown. The chart and the sheet are opened again for
the figure, as the cases close theirs after each run; nothing a person would keep is closed
first. It overcounts by one main window: the report is shown in the administrator's, beside
the clinician's (one person has one), about 10 MB on the large clinic, on the safe side. The
bench's own raw ``sqlite3`` connection (the floors) is in it too, with SQLite's default cache.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from iopdesk.bench import Case

if TYPE_CHECKING:
    from iopdesk.bench.desk import Desk

#: The offscreen platform's screen: a typical clinic PC (QUALITY.md's 1366x768).
CLINIC_SCREEN = {
    "screens": [{"name": "clinic", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96}]
}


def resident_mb() -> float:
    """This process's resident memory now (Linux), else its peak."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_clinic(
    folder: Path, cases: list[Case], runs: int | None = None, database_url: str = ""
) -> dict[str, object]:
    """Every case on one clinic (or its copy at ``database_url``), and the memory with it open
    afterwards; a case that cannot apply there is left out."""
    from iopdesk.bench.clock import measure
    from iopdesk.bench.desk import Desk
    from iopdesk.bench.server import not_applicable

    desk = Desk(folder, database_url)
    if database_url:
        cases = [case for case in cases if not not_applicable(case)]
    figures = {}
    for case in cases:
        print(f"  {case.name}", file=sys.stderr, flush=True)
        figures[case.name] = asdict(measure(case, desk, runs))
    day_open(desk)
    resident = resident_mb()
    desk.close()
    return {"cases": figures, "resident_mb": resident}


def day_open(desk: Desk) -> None:
    """What a person has open at the end of the day, beside the report last shown: Today, the
    longest stay's chart and a full group's attendance sheet."""
    from iopdesk.bench.cases.attendance import BUSIEST_GROUP
    from iopdesk.bench.cases.clients import LONG_STAY

    window = desk.main_window()
    window.show_area("today")
    window.open_chart(int(desk.one(LONG_STAY)))
    window.open_session(int(desk.one(BUSIEST_GROUP)))
    desk.settle(250)  # the chart's first tab and the sheet's lines filled and painted


@contextlib.contextmanager
def clinic_screen() -> Iterator[str]:
    """The QT_QPA_PLATFORM value for real widgets, offscreen, on a 1366x768 clinic screen."""
    with tempfile.TemporaryDirectory(prefix="iopdesk-screen-") as scratch:
        screen = Path(scratch) / "screen.json"
        screen.write_text(json.dumps(CLINIC_SCREEN), encoding="utf-8")
        yield f"offscreen:configfile={screen}"


@contextlib.contextmanager
def settings_apart() -> Iterator[None]:
    """The bench's windows keep their sizes in a scratch folder, never in the settings of the
    person who runs it (a bench run must not shrink their windows)."""
    from PySide6.QtCore import QSettings

    ini, user = QSettings.Format.IniFormat, QSettings.Scope.UserScope
    # Where user settings live now: the folder above "<organisation>/<application>.ini".
    before = Path(QSettings(ini, user, "IOPdesk", "probe").fileName()).parent.parent
    with tempfile.TemporaryDirectory(prefix="iopdesk-settings-") as scratch:
        QSettings.setPath(ini, user, scratch)
        try:
            yield
        finally:
            QSettings.setPath(ini, user, str(before))


def main(argv: list[str]) -> int:
    """Measure the clinic in ``argv[0]`` (``argv[2]`` runs of each case, if given), write the
    figures to ``argv[1]``."""
    from iopdesk.bench.runner import all_cases
    from iopdesk.services.store import ENV_DATABASE_URL

    folder, out = Path(argv[0]), Path(argv[1])
    runs = int(argv[2]) if len(argv) > 2 else None
    with clinic_screen() as platform, settings_apart():
        os.environ["QT_QPA_PLATFORM"] = platform
        figures = measure_clinic(folder, all_cases(), runs, os.environ.get(ENV_DATABASE_URL, ""))
    out.write_text(json.dumps(figures), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
