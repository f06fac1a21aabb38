"""The chart's Discharge & aftercare section: status, episodes, the plan, follow-up check-ins."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from iopdesk.errors import DomainError
from iopdesk.gui import prompts
from iopdesk.gui.aftercare.common import save_pdf
from iopdesk.gui.aftercare.discharge_dialog import DischargeDialog
from iopdesk.gui.aftercare.follow_up_dialog import FollowUpDialog, ReadmitDialog
from iopdesk.gui.aftercare.plan_editor import AftercarePlanDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import heading, name_button
from iopdesk.gui.widgets.table_model import Column, RowTableModel
from iopdesk.services.aftercare import discharge, follow_ups
from iopdesk.services.aftercare.overview import AftercareOverview, aftercare_overview

EPISODE_COLUMNS = [
    Column("Episode", lambda e: e.number),
    Column("Status", lambda e: e.status_label),
    Column("Referred", lambda e: e.referral_date or ""),
    Column("Admitted", lambda e: e.admission_date or ""),
    Column("Discharged", lambda e: e.discharge_date or ""),
    Column("Aftercare plan", lambda e: {"": "—", "draft": "Draft", "final": "Final"}.get(
        e.plan_status, e.plan_status)),
]  # fmt: skip
FOLLOW_UP_COLUMNS = [
    Column("Due", lambda f: f.due_date, sort_key=lambda f: f.due_date.isoformat()),
    Column("Check-in", lambda f: f.kind_label),
    Column("Done on", lambda f: f.done_on or ""),
    Column("Outcome", lambda f: f.outcome),
    Column("Notes", lambda f: " ".join(f.notes.split())[:120]),
    Column("Recorded by", lambda f: f.recorded_by),
]


def _table(model: RowTableModel, name: str) -> QTableView:
    view = QTableView()
    proxy = QSortFilterProxyModel(view)
    proxy.setSourceModel(model)
    proxy.setSortRole(Qt.ItemDataRole.UserRole)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # Qt starts descending: soonest first
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class AftercareSection(QWidget):
    """Discharge, aftercare plan, readmission and check-ins for one client."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.overview: AftercareOverview | None = None
        self.dialog: QDialog | None = None
        may_write = ctx.actor.can("discharge.manage")
        col = QVBoxLayout(self)
        self.headline = heading("")
        self.headline.setAccessibleName("Discharge status")
        col.addWidget(self.headline)
        row = QHBoxLayout()
        self.discharge_button = name_button(QPushButton("Discharge…"))
        self.plan_button = name_button(QPushButton("Aftercare plan…"))
        self.summary_button = name_button(QPushButton("Print discharge summary…"))
        self.readmit_button = name_button(QPushButton("Readmit…"))
        for button in (
            self.discharge_button,
            self.plan_button,
            self.summary_button,
            self.readmit_button,
        ):
            row.addWidget(button)  # fmt: skip
        row.addStretch()
        col.addLayout(row)
        col.addWidget(QLabel("Episodes of care:"))
        self.episodes = RowTableModel(EPISODE_COLUMNS, self)
        self.episode_view = _table(self.episodes, "Episodes of care")
        self.episode_view.setMaximumHeight(150)
        col.addWidget(self.episode_view)
        col.addWidget(QLabel("Follow-up check-ins after discharge:"))
        self.follow_up_model = RowTableModel(FOLLOW_UP_COLUMNS, self)
        self.follow_up_view = _table(self.follow_up_model, "Follow-up check-ins")
        col.addWidget(self.follow_up_view, 1)
        fu_row = QHBoxLayout()
        self.record_button = name_button(QPushButton("Record check-in…"))
        self.add_button = name_button(QPushButton("Add check-in…"))
        self.move_button = name_button(QPushButton("Move check-in…"))
        for button in (self.record_button, self.add_button, self.move_button):
            fu_row.addWidget(button)
            button.setEnabled(may_write)
        fu_row.addStretch()
        col.addLayout(fu_row)
        self.discharge_button.clicked.connect(self.open_discharge)
        self.plan_button.clicked.connect(self.open_plan)
        self.summary_button.clicked.connect(self.print_summary)
        self.readmit_button.clicked.connect(self.open_readmit)
        self.record_button.clicked.connect(self.record_check_in)
        self.add_button.clicked.connect(self.add_check_in)
        self.move_button.clicked.connect(self.move_check_in)
        self.follow_up_view.doubleClicked.connect(lambda *_: self.record_check_in())
        ctx.hub.clinical_changed.connect(self._maybe_refresh)
        ctx.hub.client_changed.connect(self._maybe_refresh)
        self.refresh()

    def _maybe_refresh(self, client_id: int) -> None:
        if client_id == self.client_id:
            self.refresh()

    def refresh(self) -> None:
        """Ask the services again and update what is shown."""
        actor = self.ctx.actor
        try:
            self.overview = aftercare_overview(actor, self.client_id)
            rows = follow_ups.list_follow_ups(actor, self.client_id)
        except DomainError as exc:
            self.headline.setText(exc.message)
            return
        o = self.overview
        self.headline.setText(o.headline())
        self.episodes.set_rows(list(o.episodes))
        self.follow_up_model.set_rows(rows)
        for view in (self.episode_view, self.follow_up_view):
            view.resizeColumnsToContents()
            for column in range(view.model().columnCount()):
                view.setColumnWidth(column, min(max(view.columnWidth(column), 90), 420))
        may_write = actor.can("discharge.manage")
        current = o.current
        self.discharge_button.setEnabled(may_write and o.can_discharge)
        self.readmit_button.setEnabled(may_write and o.can_readmit)
        self.plan_button.setEnabled(current is not None)
        self.plan_button.setText(
            "Aftercare plan…" if current and current.plan_status else "Start aftercare plan…"
        )
        self.plan_button.setAccessibleName(self.plan_button.text())
        self.summary_button.setEnabled(any(e.has_discharge for e in o.episodes))

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda *_: self.refresh())
        dialog.open()
        return dialog

    def open_discharge(self) -> QDialog | None:
        try:
            return self._open(DischargeDialog(self.ctx, self.client_id, self))
        except DomainError as exc:
            prompts.error(self, "Discharge", exc.message)
            return None

    def open_plan(self) -> QDialog:
        return self._open(AftercarePlanDialog(self.ctx, self.client_id, self))

    def open_readmit(self) -> QDialog:
        return self._open(ReadmitDialog(self.ctx, self.client_id, self))

    def _selected_episode_id(self) -> int | None:
        index = self.episode_view.currentIndex()
        if not index.isValid():
            return None
        source = self.episode_view.model().mapToSource(index)
        return self.episodes.row_at(source.row()).id

    def print_summary(self) -> None:
        """Save the discharge summary of the selected (or latest discharged) episode."""
        episode_id = self._selected_episode_id()
        if episode_id is None and self.overview:
            done = [e for e in self.overview.episodes if e.has_discharge]
            episode_id = done[0].id if done else None
        try:
            printout = discharge.print_discharge_summary(self.ctx.actor, self.client_id, episode_id)
        except DomainError as exc:
            prompts.error(self, "Print discharge summary", exc.message)
            return
        save_pdf(self, "Print discharge summary", printout.file_name, printout.content)

    def _selected_follow_up(self) -> follow_ups.FollowUpRow | None:
        index = self.follow_up_view.currentIndex()
        if not index.isValid():
            prompts.inform(self, "Follow-up check-ins", "Choose a check-in in the list first.")
            return None
        source = self.follow_up_view.model().mapToSource(index)
        return self.follow_up_model.row_at(source.row())

    def record_check_in(self) -> QDialog | None:
        row = self._selected_follow_up()
        if row is None or not self.ctx.actor.can("discharge.manage"):
            return None
        if row.done_on is not None:
            prompts.inform(self, "Record check-in", f"Already recorded: {row.outcome}.")
            return None
        return self._open(FollowUpDialog(self.ctx, row, self))

    def _ask_date(self, title: str, text: str) -> str | None:
        answer = prompts.ask_text(self, title, text)
        return answer.strip() if answer and answer.strip() else None

    def add_check_in(self) -> None:
        day = self._ask_date("Add check-in", "Due date of the extra check-in (YYYY-MM-DD):")
        if day is None:
            return
        try:
            follow_ups.schedule_follow_up(self.ctx.actor, self.client_id, day)
        except DomainError as exc:
            prompts.error(self, "Add check-in", exc.message)
            return
        self.ctx.hub.clinical_changed.emit(self.client_id)

    def move_check_in(self) -> None:
        row = self._selected_follow_up()
        if row is None:
            return
        day = self._ask_date("Move check-in", f"New due date for the {row.kind_label} check-in "
                             "(YYYY-MM-DD):")  # fmt: skip
        if day is None:
            return
        try:
            follow_ups.reschedule_follow_up(self.ctx.actor, row.id, day)
        except DomainError as exc:
            prompts.error(self, "Move check-in", exc.message)
            return
        self.ctx.hub.clinical_changed.emit(self.client_id)
