"""The Groups area: every group, its details and schedule, its roster, its sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import heading, name_button
from iopdesk.gui.groups.editor import GroupEditor
from iopdesk.gui.groups.roster_panel import RosterPanel
from iopdesk.gui.registry import Area
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.notice import Notice
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.groups import setup as groups

R = TypeVar("R")

GROUPS = [
    Column("Group", lambda g: g.name + ("" if g.active else " (ended)")),
    Column("Track", lambda g: g.track_label),
    Column("Type", lambda g: g.type_label),
    Column("Members", lambda g: f"{g.members_today}/{g.capacity}",
           highlight=lambda g: g.members_today > g.capacity, sort_key=lambda g: g.members_today),
    Column("Schedule", lambda g: g.schedule or "not scheduled"),
    Column("Facilitators", lambda g: ", ".join(g.facilitators)),
]  # fmt: skip
SESSIONS = [
    date_column("Date", lambda s: s.day),
    Column("Time", lambda s: s.time_label),
    Column("Status", lambda s: "cancelled" if s.status == "cancelled" else "scheduled"),
    Column("Marked", lambda s: s.marked, highlight=lambda s: _unrecorded(s)),
]


def _unrecorded(s: groups.GroupSessionRow) -> bool:
    return s.marked == 0 and s.status != "cancelled" and s.day <= dt.date.today()


class GroupsArea(QWidget):
    """List on the left; details, roster and sessions of the chosen group on the right."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        col = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading("Groups"))
        top.addStretch(1)
        self.show_ended = QCheckBox("Show ended groups")
        self.show_ended.setAccessibleName("Show ended groups")
        self.show_ended.toggled.connect(self._toggled)
        top.addWidget(self.show_ended)
        self.new_button = name_button(QPushButton("New group"))
        self.new_button.setVisible(ctx.actor.can("group.manage"))
        self.new_button.clicked.connect(self.new_group)
        top.addWidget(self.new_button)
        col.addLayout(top)
        self.problem = Notice("errorBanner")  # a refused read says why here
        col.addWidget(self.problem)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.table = RowTable(GROUPS, "Groups")
        self.table.clicked.connect(self._picked)
        self.table.activated.connect(self._picked)
        split.addWidget(self.table)
        self.tabs = QTabWidget()
        self.editor = GroupEditor(ctx)
        self.editor.saved.connect(self._saved)
        self.tabs.addTab(self.editor, "Details && schedule")
        self.roster = RosterPanel(ctx)
        self.tabs.addTab(self.roster, "Roster")
        self.sessions = RowTable(SESSIONS, "Sessions")
        self.sessions.doubleClicked.connect(self._open_session)
        self.tabs.addTab(self.sessions, "Sessions (double-click for attendance)")
        split.addWidget(self.tabs)
        split.setSizes([560, 720])
        col.addWidget(split, 1)
        ctx.hub.schedule_changed.connect(self.refresh)
        ctx.hub.attendance_changed.connect(self._attendance_changed)
        self.refresh()

    def _toggled(self, _checked: bool) -> None:
        self.refresh()

    def _attendance_changed(self) -> None:
        self._load_sessions()

    def _read(self, query: Callable[[], R]) -> R | None:
        """Run a read; a refusal is said above the lists and gives None."""
        found = operations.run(self.ctx, self, query, errors=self.problem.say)
        return found.result if found else None

    def refresh(self) -> None:
        ended = self.show_ended.isChecked()
        rows = self._read(lambda: groups.list_groups(self.ctx.actor, include_inactive=ended))
        self.table.set_rows(rows or [])
        if self.editor.group_id is None and rows and not self.editor.dirty:
            self.table.selectRow(0)
            self._show(rows[0].id)

    def _picked(self, index: QModelIndex) -> None:
        row = self.table.row_for(index)
        if self.editor.dirty and row.id != self.editor.group_id:
            answer = prompts.save_discard_cancel(
                self, "Unsaved group", "Save the changes to this group first?"
            )
            if answer == "cancel" or (answer == "save" and not self.editor.save_group()):
                return
        self._show(row.id)

    def _show(self, group_id: int) -> None:
        detail = self._read(lambda: groups.group_detail(self.ctx.actor, group_id))
        if detail is None:
            return
        self.editor.load(detail)
        self.roster.show_group(group_id)
        self._load_sessions()

    def _load_sessions(self) -> None:
        group_id = self.editor.group_id
        if group_id is None:
            self.sessions.set_rows([])
            return
        today = dt.date.today()
        first, last = today - dt.timedelta(days=28), today + dt.timedelta(days=14)
        rows = self._read(lambda: groups.group_sessions(self.ctx.actor, group_id, first, last))
        self.sessions.set_rows(rows or [])

    def new_group(self) -> None:
        self.editor.load(None)
        self.roster.show_group(None)
        self.sessions.set_rows([])
        self.tabs.setCurrentWidget(self.editor)
        self.editor.name.setFocus()

    def _saved(self, group_id: int) -> None:
        self.refresh()
        self._show(group_id)

    def _open_session(self, index: QModelIndex) -> None:
        self.ctx.hub.open_session(self.sessions.row_for(index).session_id)


AREA = Area("groups", "Groups", 30, "schedule.view", GroupsArea)
