"""Today panel: screenings due again (PHQ-9, GAD-7 or what the clinic repeats), own clients
first; double-click opens the client's chart."""

from __future__ import annotations

import datetime as dt

from iopdesk.gui.registry import TodayPanel
from iopdesk.gui.today_panels.list_panel import ListPanel
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.intake.rescreening import ScreeningDue, screenings_due

COLUMNS = [
    Column("Client", lambda r: f"{r.client_name} ({r.record_number})"),
    Column("Instrument", lambda r: r.instrument),
    date_column("Due since", lambda r: r.due_since),
    Column("Counselor", lambda r: r.counselor),
]


class ScreeningsDuePanel(ListPanel):
    """Repeated screenings that are due; double-click opens the client's chart."""

    name = "Screenings due"
    columns = COLUMNS
    # A screening given, a client admitted or discharged, or the clinic's interval changed.
    refresh_on = ("clinical", "client", "settings", "staff")

    def query(self) -> list[ScreeningDue]:
        return screenings_due(self.ctx.actor, dt.date.today())

    def summary_for(self, rows: list[ScreeningDue]) -> str:
        if not rows:
            return "No screenings are due."
        clients = len({r.client_id for r in rows})
        return f"{len(rows)} screening(s) due for {clients} client(s)."

    def open(self, row: ScreeningDue) -> None:
        self.ctx.hub.open_chart(row.client_id)


TODAY_PANEL = TodayPanel(
    "screenings_due", "Screenings due", 40, "clinical.read", ScreeningsDuePanel
)
