"""Today panel: active clients past the program's expected length, own clients first."""

from __future__ import annotations

import datetime as dt

from iopdesk.gui.registry import TodayPanel
from iopdesk.gui.today_panels.list_panel import ListPanel
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.clients.program_weeks import PastLengthRow, clients_past_expected_length

COLUMNS = [
    Column("Client", lambda r: f"{r.client_name} ({r.record_number})"),
    Column("Week", lambda r: f"Week {r.week}", sort_key=lambda r: r.week),
    date_column("Admitted", lambda r: r.admission_date),
    Column("Counselor", lambda r: r.counselor_name),
]


class PastExpectedLengthPanel(ListPanel):
    """Clients whose week in the program is beyond the expected length; double-click opens the
    chart."""

    name = "Clients past the expected program length"
    columns = COLUMNS
    # A discharge, an admission or a new expected length changes who is listed.
    refresh_on = ("client", "clinical", "settings")

    def query(self) -> list[PastLengthRow]:
        return clients_past_expected_length(self.ctx.actor, dt.date.today())

    def summary_for(self, rows: list[PastLengthRow]) -> str:
        if not rows:
            return "No active client is past the expected program length."
        return (
            f"{len(rows)} active client(s) past {rows[0].expected_weeks} weeks: review whether "
            "to continue, step down or discharge."
        )

    def open(self, row: PastLengthRow) -> None:
        self.ctx.hub.open_chart(row.client_id)


TODAY_PANEL = TodayPanel(
    "past_expected_length", "Past the expected program length", 25, "clinical.read",
    PastExpectedLengthPanel,
)  # fmt: skip
