"""Chart section: attendance history with rates, weekly hours against the minimum, groups."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.domain.hours import hours_text
from iopdesk.errors import ValidationError
from iopdesk.gui import operations
from iopdesk.gui.chart_tabs.section import ChartSection
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, button_row, line, name_button
from iopdesk.gui.registry import ChartTab
from iopdesk.gui.widgets.dates import date_column, date_edit, date_of
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.attendance import weekly_hours
from iopdesk.services.context import Actor
from iopdesk.services.groups import roster
from iopdesk.services.groups import setup as groups

WEEKS = [
    date_column("Week of", lambda w: w.week_start),
    Column("Attended", lambda w: hours_text(w.minutes), highlight=lambda w: w.below_minimum,
           sort_key=lambda w: w.minutes),
    Column("Minimum", lambda w: hours_text(w.minimum_minutes)),
    Column("Days attended", lambda w: w.days_attended),
    Column("Days under 3 h", lambda w: ", ".join(d.strftime("%a %m/%d") for d in w.short_days)),
]  # fmt: skip
HISTORY = [
    date_column("Date", lambda r: r.day),
    Column("Session", lambda r: r.title + (" (guest)" if r.guest else "")),
    Column("Kind", lambda r: r.kind_label),
    Column("Attendance", lambda r: r.status_label, highlight=lambda r: r.status.startswith("abs")),
    Column("Minutes", lambda r: r.minutes, sort_key=lambda r: r.minutes),
]
MEMBERSHIPS = [
    Column("Group", lambda r: r.group_name),
    date_column("From", lambda r: r.start_date),
    date_column("To", lambda r: r.end_date, blank="ongoing"),
    Column("Reason for ending", lambda r: r.end_reason),
]
#: What the tab reads: the attendance record, the memberships, and the groups to join.
Shown = tuple[weekly_hours.ClientAttendance, list[roster.RosterRow], list[groups.GroupRow]]


class AttendanceTab(ChartSection[Shown], QScrollArea):
    """What the client attended, their hours per week, and the groups they belong to."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.setWidgetResizable(True)
        body = QWidget()
        col = QVBoxLayout(body)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Attendance summary")
        col.addWidget(self.summary)
        col.addWidget(self._groups_box())
        self.weeks = RowTable(WEEKS, "Hours per week")
        box = QGroupBox("Hours per week (core services)")
        QVBoxLayout(box).addWidget(self.weeks)
        col.addWidget(box)
        self.history = RowTable(HISTORY, "Attendance history")
        self.history.row_opened.connect(lambda row: ctx.hub.open_session(row.session_id))
        box = QGroupBox("Attendance history (double-click opens the sheet)")
        QVBoxLayout(box).addWidget(self.history)
        col.addWidget(box, 1)
        self.setWidget(body)
        self.keep_current(self.summary.setText)
        ctx.hub.attendance_changed.connect(self.refresh)
        ctx.hub.schedule_changed.connect(self.refresh)  # memberships and groups
        self.refresh()

    def _groups_box(self) -> QGroupBox:
        box = QGroupBox("Group memberships")
        col = QVBoxLayout(box)
        self.memberships = RowTable(MEMBERSHIPS, "Group memberships")
        self.memberships.setMaximumHeight(160)
        col.addWidget(self.memberships)
        self.form = FieldForm()
        self.group_choice = self.form.add("group", "Group", QComboBox())
        self.start = self.form.add("start_date", "Start date", date_edit())
        self.end = self.form.add("end_date", "End date", date_edit())
        self.reason = self.form.add("end_reason", "Reason for ending", line())
        col.addWidget(self.form)
        self.add_button = name_button(QPushButton("Add to group"))
        self.add_button.clicked.connect(self.add_to_group)
        self.end_button = name_button(QPushButton("End membership"))
        self.end_button.clicked.connect(self.end_membership)
        self.memberships.needs_row(self.end_button)
        col.addLayout(button_row(self.add_button, self.end_button))
        allowed = self.ctx.actor.can("roster.manage")
        self.form.setVisible(allowed)
        self.add_button.setVisible(allowed)
        self.end_button.setVisible(allowed)
        return box

    def read(self, actor: Actor, client_id: int) -> Shown:
        """The client's attendance and hours per week, memberships, and the clinic's groups."""
        return (
            weekly_hours.attendance_history(actor, client_id),
            roster.client_memberships(actor, client_id),
            groups.list_groups(actor),
        )

    def fill(self, found: Shown) -> None:
        """The rate and the latest week, the three lists, and the groups to choose from."""
        data, members, choices = found
        recent = data.weeks[0] if data.weeks else None
        text = f"Attendance rate: {data.rate_text}"
        if data.rows:
            text += f" of {len(data.rows)} recorded sessions"
        text += f". Weekly minimum: {data.minimum_hours} h."
        if recent is not None:
            text += (
                f" Latest week ({formats.show_date(recent.week_start)}): "
                f"{hours_text(recent.minutes)}"
                + (" – below the minimum." if recent.below_minimum else ".")
            )
        if data.weeks_below_minimum:
            text += f" {data.weeks_below_minimum} week(s) below the minimum on record."
        self.summary.setText(text)
        self.weeks.set_rows(list(data.weeks))
        self.history.set_rows(list(data.rows))
        self.memberships.set_rows(members)
        current = self.group_choice.currentData()
        self.group_choice.clear()
        for g in choices:
            self.group_choice.addItem(f"{g.name} ({g.members_today}/{g.capacity})", g.id)
        if current is not None:
            self.group_choice.setCurrentIndex(max(0, self.group_choice.findData(current)))

    def add_to_group(self) -> None:
        """Add the client to the chosen group; a full group asks for a reason first."""
        group_id = self.group_choice.currentData()
        if group_id is None:
            self.form.show_errors(ValidationError({"group": "Set up a group first (Groups area)."}))
            return
        operations.run_with_reason(
            self.ctx,
            self,
            lambda reason: roster.add_member(
                self.ctx.actor,
                group_id,
                self.client_id,
                date_of(self.start),
                reason=reason,
            ),
            reason_title="Add to the group anyway?",
            errors=self.form,
        )

    def end_membership(self) -> None:
        """End the chosen membership on the end date, with the reason."""
        row = self.memberships.selected()
        if row is None:  # the button is enabled only with a row chosen
            return
        ended = operations.run(
            self.ctx,
            self,
            lambda: roster.end_membership(
                self.ctx.actor, row.membership_id, date_of(self.end), self.reason.text()
            ),
            errors=self.form,
        )
        if ended:
            self.reason.clear()


CHART_TAB = ChartTab("attendance", "Attendance", 50, "client.view", AttendanceTab)
