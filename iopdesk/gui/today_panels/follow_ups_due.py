"""Today panel: follow-up check-ins due this week (and recently overdue), own clients first."""

from __future__ import annotations

import datetime as dt

from iopdesk.domain import formats
from iopdesk.gui.registry import TodayPanel
from iopdesk.gui.today_panels.list_panel import ListPanel
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.aftercare.follow_ups import FollowUpDue, follow_ups_due

COLUMNS = [
    Column("Due", lambda r: formats.show_date(r.due_date) + (" (overdue)" if r.overdue else ""),
           highlight=lambda r: r.overdue, sort_key=lambda r: r.due_date.isoformat()),
    Column("Client", lambda r: r.client_name),
    Column("Record", lambda r: r.record_number),
    Column("Phone", lambda r: r.phone),
    Column("Check-in", lambda r: f"{r.kind}-day" if r.kind.isdigit() else "Extra"),
    Column("Counselor", lambda r: r.counselor),
]  # fmt: skip


class FollowUpsDuePanel(ListPanel):
    """The week's check-in calls; double-click opens the client's chart."""

    name = "Follow-up check-ins due this week"
    columns = COLUMNS
    refresh_on = ("clinical",)

    def query(self) -> list[FollowUpDue]:
        return follow_ups_due(self.ctx.actor, dt.date.today())

    def summary_for(self, rows: list[FollowUpDue]) -> str:
        if not rows:
            return "No check-ins are due this week."
        overdue = sum(1 for r in rows if r.overdue)
        late = f", {overdue} of them overdue (highlighted)" if overdue else ""
        return f"{len(rows)} check-in call(s) to make this week{late}."

    def open(self, row: FollowUpDue) -> None:
        self.ctx.hub.open_chart(row.client_id)


TODAY_PANEL = TodayPanel(
    "follow_ups_due", "Follow-up check-ins due this week", 60, "clinical.read", FollowUpsDuePanel
)
