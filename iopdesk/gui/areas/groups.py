"""The Groups area: every group, its details and schedule, its roster, its sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
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
        # Click, arrow keys or Enter: the details follow the chosen row, and only it.
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        split.addWidget(self.table)
        self.details = QStackedWidget()
        self.nothing_chosen = QLabel(
            "Choose a group on the left to see its details, weekly schedule, roster and "
            "sessions" + (", or press New group." if ctx.actor.can("group.manage") else ".")
        )
        self.nothing_chosen.setObjectName("hint")
        self.nothing_chosen.setWordWrap(True)
        self.nothing_chosen.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details.addWidget(self.nothing_chosen)
        self.tabs = QTabWidget()
        self.editor = GroupEditor(ctx)
        self.editor.saved.connect(self._saved)
        self.tabs.addTab(self.editor, "Details && schedule")
        self.roster = RosterPanel(ctx)
        self.tabs.addTab(self.roster, "Roster")
        self.sessions = RowTable(SESSIONS, "Sessions")
        self.sessions.doubleClicked.connect(self._open_session)
        self.tabs.addTab(self.sessions, "Sessions (double-click for attendance)")
        self.details.addWidget(self.tabs)
        split.addWidget(self.details)
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
        """List the groups (A to Z, running ones first) and keep the chosen one chosen."""
        ended = self.show_ended.isChecked()
        rows = self._read(lambda: groups.list_groups(self.ctx.actor, include_inactive=ended))
        self.table.set_rows(rows or [])
        shown = self.editor.group_id
        if shown is not None and not self._choose(shown) and not self.editor.dirty:
            self._show_nothing()  # it is no longer listed (ended, with ended groups hidden)

    def _choose(self, group_id: int | None) -> bool:
        """Mark the group's row as the chosen one (None: no row) without reloading what is
        shown; False when the group is not in the list."""
        with QSignalBlocker(self.table.selectionModel()):
            if group_id is not None and self.table.select_first(lambda g: g.id == group_id):
                return True
            self.table.clearSelection()
            return False

    def _selection_changed(self, *_args: object) -> None:
        row = self.table.selected()
        if row is None:
            if self.editor.group_id is not None and not self.editor.dirty:
                self._show_nothing()
            return
        if row.id == self.editor.group_id and self.details.currentWidget() is self.tabs:
            return
        if not self._settled():
            self._choose(self.editor.group_id)  # the person stays on the group being edited
            return
        self._show(row.id)

    def _settled(self) -> bool:
        """Unsaved changes to the group shown are saved or let go first (False: stay)."""
        if not self.editor.dirty:
            return True
        answer = prompts.save_discard_cancel(
            self, "Unsaved group", "Save the changes to this group first?"
        )
        return answer == "discard" or (answer == "save" and self.editor.save_group())

    def _show_nothing(self) -> None:
        self.editor.load(None)
        self.roster.show_group(None)
        self.details.setCurrentWidget(self.nothing_chosen)

    def _show(self, group_id: int) -> None:
        detail = self._read(lambda: groups.group_detail(self.ctx.actor, group_id))
        if detail is None:
            return
        self.editor.load(detail)
        self.roster.show_group(group_id)
        self._load_sessions()
        self.details.setCurrentWidget(self.tabs)
        self._choose(group_id)

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
        if not self._settled():
            return
        self._choose(None)  # no row stands for a group not saved yet
        self.details.setCurrentWidget(self.tabs)
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
