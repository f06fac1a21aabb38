"""Today panel: active clients below the weekly hours minimum (9 adults / 6 adolescents)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from iopdesk.domain import formats
from iopdesk.domain.hours import hours_text
from iopdesk.gui.context import WindowContext
from iopdesk.gui.registry import TodayPanel
from iopdesk.gui.today_panels.list_panel import ListPanel
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.attendance.weekly_hours import WeeklyHoursRow, weekly_hours


def _status(r: WeeklyHoursRow) -> str:
    if r.partial_week:
        return f"admitted {formats.show_date(r.admitted_on)}"
    if r.cannot_reach_minimum:
        return "cannot reach the minimum this week"
    return f"{hours_text(r.scheduled_minutes)} still scheduled"


COLUMNS = [
    Column("Client", lambda r: r.client_name, sort_key=lambda r: r.client_name.casefold()),
    Column("Record", lambda r: r.record_number),
    Column("Attended", lambda r: hours_text(r.week.minutes), sort_key=lambda r: r.week.minutes),
    Column("Minimum", lambda r: hours_text(r.week.minimum_minutes)),
    Column("Days under 3 h", lambda r: len(r.week.short_days)),
    Column("This week", _status, highlight=lambda r: r.cannot_reach_minimum),
    Column("Counselor", lambda r: r.counselor_name),
]


class HoursBelowMinimumPanel(ListPanel):
    """Clients whose core-service hours this week are under the program minimum, A to Z by
    name (a header click sorts by another column)."""

    name = "Clients below the weekly hours minimum"
    columns = COLUMNS
    refresh_on = ("attendance",)

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.active_clients = 0
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def query(self) -> list[WeeklyHoursRow]:
        every = weekly_hours(self.ctx.actor, dt.date.today())
        self.active_clients = len(every)
        return [r for r in every if r.below_minimum]

    def summary_for(self, rows: list[WeeklyHoursRow]) -> str:
        if not self.active_clients:
            return "No client is active yet: the weekly hours show here once clients are admitted."
        if not rows:
            return "Every active client has reached the weekly minimum."
        return (
            f"{len(rows)} active client(s) below the minimum so far this week "
            "(highlighted: cannot reach it with what is still scheduled)."
        )

    def open(self, row: WeeklyHoursRow) -> None:
        self.ctx.hub.open_chart(row.client_id)


TODAY_PANEL = TodayPanel(
    "hours_below_minimum",
    "Below the weekly hours minimum",
    30,
    "schedule.view",
    HoursBelowMinimumPanel,
)
