"""Today panel: sessions of the last two weeks whose attendance or notes are still missing."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from iopdesk.gui.registry import TodayPanel
from iopdesk.gui.today_panels.list_panel import ListPanel
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.attendance.missing_records import PendingSession, missing_attendance

COLUMNS = [
    date_column("Date", lambda r: r.day),
    Column("Time", lambda r: r.time_label),
    Column("Session", lambda r: r.title),
    Column("Staff", lambda r: r.staff),
    Column("Still to do", lambda r: r.what, highlight=lambda r: r.attendance_missing),
]


class MissingAttendancePanel(ListPanel):
    """Oldest first; double-click a session to open its attendance sheet."""

    name = "Sessions with attendance or notes missing"
    columns = COLUMNS
    refresh_on = ("attendance", "schedule")

    def controls(self) -> list[QWidget]:
        # Only counselors lead sessions of their own; the front desk sees the whole clinic.
        self.mine: QCheckBox | None = None
        if not self.ctx.actor.can("clinical.write"):
            return []
        self.mine = QCheckBox("Only my sessions")
        self.mine.setAccessibleName("Only my sessions")
        self.mine.setChecked(True)
        self.mine.toggled.connect(self._changed)
        return [self.mine]

    def query(self) -> list[PendingSession]:
        mine = self.mine is not None and self.mine.isChecked()
        return missing_attendance(self.ctx.actor, mine_only=mine)

    def summary_for(self, rows: list[PendingSession]) -> str:
        if not rows:
            return "Attendance and notes are up to date for the last two weeks."
        return f"{len(rows)} session(s) in the last two weeks need attention."

    def open(self, row: PendingSession) -> None:
        self.ctx.hub.open_session(row.session_id)


TODAY_PANEL = TodayPanel(
    "missing_attendance",
    "Attendance and notes still missing",
    20,
    "attendance.record",
    MissingAttendancePanel,
)
