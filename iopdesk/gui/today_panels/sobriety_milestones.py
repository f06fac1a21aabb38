"""Today panel: the counselor's own clients reaching a sobriety milestone this week."""

from __future__ import annotations

import datetime as dt

from iopdesk.gui.registry import TodayPanel
from iopdesk.gui.today_panels.list_panel import ListPanel
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.clients.sobriety import MilestoneRow, sobriety_milestones

COLUMNS = [
    date_column("On", lambda r: r.on),
    Column("Milestone", lambda r: r.milestone),
    Column("Client", lambda r: r.client_name),
    Column("Record", lambda r: r.record_number),
    date_column("Sober since", lambda r: r.sober_since),
]


class SobrietyMilestonesPanel(ListPanel):
    """Milestones to celebrate in group this week; double-click opens the client's chart."""

    name = "Sobriety milestones this week"
    columns = COLUMNS
    refresh_on = ("clinical", "client")

    def query(self) -> list[MilestoneRow]:
        return sobriety_milestones(self.ctx.actor, dt.date.today())

    def summary_for(self, rows: list[MilestoneRow]) -> str:
        if not rows:
            return "None of your clients reaches a sobriety milestone this week."
        if len(rows) == 1:
            return "One of your clients reaches a sobriety milestone this week."
        return f"{len(rows)} of your clients reach a sobriety milestone this week."

    def open(self, row: MilestoneRow) -> None:
        self.ctx.hub.open_chart(row.client_id)


TODAY_PANEL = TodayPanel(
    "sobriety_milestones", "Sobriety milestones this week", 70, "clinical.read",
    SobrietyMilestonesPanel,
)  # fmt: skip
