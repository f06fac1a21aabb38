"""Progress figures: a client's Progress tab (its service call, and the tab itself built, laid out
and painted offscreen, which is what the counselor waits for) and the discharge summary that
prints the same charts."""

from __future__ import annotations

import os
from pathlib import Path

import peewee as pw

from iopdesk.bench import BenchCase
from iopdesk.db.connection import database
from iopdesk.db.models.aftercare import Discharge
from iopdesk.db.models.attendance import Attendance
from iopdesk.db.models.core import Client
from iopdesk.services.aftercare.discharge import print_discharge_summary
from iopdesk.services.clients.progress import client_progress

_qt_app: list[object] = []
#: The client picked per clinic file (the runner measures a small then a large clinic).
_picked: dict[str, int] = {}


def _busiest_active_client() -> int:
    """The active client with the most attendance rows: the fullest Progress tab there is."""
    clinic = str(database.obj.database)
    if clinic not in _picked:
        row = (
            Attendance.select(Attendance.client, pw.fn.COUNT(Attendance.id).alias("n"))
            .join(Client, on=(Attendance.client == Client.id))
            .where(Client.status == "active")
            .group_by(Attendance.client)
            .order_by(pw.SQL("n").desc())
            .first()
        )
        if row is None:
            raise RuntimeError("the demo clinic has no active client with attendance")
        _picked[clinic] = row.client_id
    return _picked[clinic]


def _latest_discharge() -> tuple[int, int]:
    """The client and episode of the most recent signed discharge."""
    row = Discharge.select(Discharge.client, Discharge.episode).order_by(Discharge.id.desc()).get()
    return row.client_id, row.episode_id


def _progress_tab(actors) -> None:
    client_progress(actors["clinician"], _busiest_active_client())


def _progress_tab_shown(actors) -> None:
    # Qt loads only for this case; a machine without a display draws offscreen.
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from iopdesk.gui.chart_tabs.progress import ProgressTab
    from iopdesk.gui.context import WindowContext
    from iopdesk.gui.hub import EventHub
    from iopdesk.services.store import ClinicStore

    app = QApplication.instance()
    if app is None:
        app = QApplication([])
        _qt_app.append(app)  # a QApplication ends when collected; the next runs reuse it
    path = Path(database.obj.database)
    tab = ProgressTab(
        WindowContext(actors["clinician"], EventHub(), ClinicStore(path.parent, path)),
        _busiest_active_client(),
    )
    tab.resize(1366, 600)
    tab.show()
    tab.grab()  # laid out and painted once, as on screen
    tab.close()
    tab.deleteLater()
    app.processEvents()


def _discharge_summary(actors) -> None:
    print_discharge_summary(actors["clinician"], *_latest_discharge())


CASES = [
    BenchCase("Progress tab data (busiest active client)", 100, _progress_tab),
    BenchCase("Progress tab shown (charts painted offscreen)", 100, _progress_tab_shown),
    BenchCase("discharge summary PDF with progress charts", 300, _discharge_summary),
]
