"""Progress figures: a client's Progress tab (the one service call it makes) and the discharge
summary that prints the same charts."""

from __future__ import annotations

import peewee as pw

from iopdesk.bench import BenchCase
from iopdesk.db.models.aftercare import Discharge
from iopdesk.db.models.attendance import Attendance
from iopdesk.db.models.core import Client
from iopdesk.services.aftercare.discharge import print_discharge_summary
from iopdesk.services.clients.progress import client_progress

_picked: dict[str, int] = {}


def _busiest_active_client() -> int:
    """The active client with the most attendance rows: the fullest Progress tab there is."""
    if "client" not in _picked:
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
        _picked["client"] = row.client_id
    return _picked["client"]


def _latest_discharge() -> tuple[int, int]:
    """The client and episode of the most recent signed discharge."""
    row = Discharge.select(Discharge.client, Discharge.episode).order_by(Discharge.id.desc()).get()
    return row.client_id, row.episode_id


def _progress_tab(actors) -> None:
    client_progress(actors["clinician"], _busiest_active_client())


def _discharge_summary(actors) -> None:
    print_discharge_summary(actors["clinician"], *_latest_discharge())


CASES = [
    BenchCase("Progress tab data (busiest active client)", 100, _progress_tab),
    BenchCase("discharge summary PDF with progress charts", 300, _discharge_summary),
]
