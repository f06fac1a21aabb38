"""The chart's Treatment plan tab: the current plan at a glance, its versions, and actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.domain import formats
from iopdesk.domain import plans as rules
from iopdesk.gui import operations
from iopdesk.gui.chart_tabs.section import ChartSection
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import button_row, heading, name_button
from iopdesk.gui.registry import ChartTab
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.context import Actor
from iopdesk.services.plans import records as plans

COLUMNS = [
    # Within its episode: a version number starts again at 1 after a readmission.
    Column("Version", lambda r: r.version, sort_key=lambda r: (r.episode_number, r.version)),
    Column("Status", lambda r: r.status_label),
    date_column("Start", lambda r: r.start_date),
    date_column("Next review", lambda r: r.next_review_date),
    date_column("Signed", lambda r: r.signed_at.date() if r.signed_at else None),
    Column("Counselor", lambda r: r.counselor_name),
    Column("Episode", lambda r: r.episode_number),
]


class PlanTab(ChartSection[list[plans.PlanVersionRow]], QWidget):
    """Summary of the plan in force, the version history, New / Open / Review / Print."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.windows: list[QWidget] = []
        col = QVBoxLayout(self)
        col.addWidget(heading("Treatment plan"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Plan summary")
        col.addWidget(self.summary)
        self.new_button = name_button(QPushButton("New plan"))
        self.open_button = name_button(QPushButton("Open"))
        self.review_button = name_button(QPushButton("Review…"))
        self.print_button = name_button(QPushButton("Print…"))
        for button, slot in (
            (self.new_button, self.new_plan),
            (self.open_button, self.open_plan),
            (self.review_button, self.review),
            (self.print_button, self.print_plan),
        ):
            button.clicked.connect(slot)
        col.addLayout(
            button_row(self.new_button, self.open_button, self.review_button, self.print_button)
        )
        col.addWidget(QLabel("Versions (newest first; double-click to open):"))
        self.table = RowTable(COLUMNS, "Plan versions")
        self.model = self.table.rows_model
        self.table.row_opened.connect(lambda row: self.open_plan(row.plan_id))
        col.addWidget(self.table, 1)
        self.keep_current(self.summary.setText, ctx.hub.clinical_changed)
        self.refresh()

    def read(self, actor: Actor, client_id: int) -> list[plans.PlanVersionRow]:
        """Every version of the client's plans."""
        return plans.plan_versions(actor, client_id)

    def fill(self, rows: list[plans.PlanVersionRow]) -> None:
        """The summary of the plan in force, the versions, and which actions apply."""
        self.table.set_rows(rows)
        current_id = plans.current_plan_id(self.client_id)
        current = next((r for r in rows if r.plan_id == current_id), None)
        write = self.ctx.actor.can("clinical.write")
        if current is None:
            self.summary.setText(
                "No treatment plan yet. Press New plan to write one with the client."
            )
        else:
            today = dt.date.today()
            label = rules.review_label(current.next_review_date, today)
            if current.episode_closed_on is not None:
                label = (
                    f"episode closed {formats.show_date(current.episode_closed_on)}; no reviews due"
                )
            signed = [r for r in rows if r.status == rules.SIGNED]
            in_force = (
                f"Version {signed[0].version} is the signed plan in force. "
                if signed and signed[0].plan_id != current.plan_id
                else ""
            )
            self.summary.setText(
                f"{in_force}Current: version {current.version}, "
                f"{current.status_label.lower()}; started {formats.show_date(current.start_date)}; "
                f"next review {formats.show_date(current.next_review_date)} ({label}); "
                f"counselor {current.counselor_name or '(none)'}."
            )
        open_plan = any(r.episode_closed_on is None for r in rows)
        self.new_button.setEnabled(write and not open_plan)
        self.open_button.setEnabled(bool(rows))
        self.print_button.setEnabled(bool(rows))
        self.review_button.setEnabled(write and any(r.status == rules.SIGNED for r in rows))
        if rows and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def chosen_plan_id(self) -> int | None:
        """The version chosen in the list, else the current one."""
        row = self.table.selected()
        return row.plan_id if row is not None else plans.current_plan_id(self.client_id)

    def _open_window(self, title: str, build: Callable[[], QWidget]) -> QWidget | None:
        """Build a plan window (it reads the plan, which may be refused) and show it."""
        built = operations.run(self.ctx, self, build, title=title)
        if not built:
            return None
        self.windows = [w for w in self.windows if w.isVisible()]
        self.windows.append(built.result)
        built.result.show()
        return built.result

    def new_plan(self) -> None:
        """Start version 1 of a plan and open it."""
        created = operations.run(
            self.ctx,
            self,
            lambda: plans.create_plan(self.ctx.actor, self.client_id),
            title="New plan",
        )
        if created:
            self.open_plan(created.result)

    def open_plan(self, plan_id: int | None = None) -> QWidget | None:
        from iopdesk.gui.plans.editor import PlanEditor

        plan_id = plan_id or self.chosen_plan_id()
        if plan_id is None:
            return None
        return self._open_window("Open plan", lambda: PlanEditor(self.ctx, plan_id))

    def review(self) -> None:
        from iopdesk.gui.plans.review_dialog import ReviewDialog

        signed = next((r for r in self.model.rows if r.status == rules.SIGNED), None)
        if signed is None:
            return
        plan = operations.run(
            self.ctx, self, lambda: plans.open_plan(self.ctx.actor, signed.plan_id), title="Review"
        )
        if plan and ReviewDialog(self.ctx, plan.result, self).exec():
            self.refresh()

    def print_plan(self) -> None:
        from iopdesk.gui.plans.preview import PlanPreview

        plan_id = self.chosen_plan_id()
        if plan_id is not None:
            self._open_window("Print plan", lambda: PlanPreview(self.ctx, plan_id, self))


CHART_TAB = ChartTab("plan", "Treatment plan", 35, "clinical.read", PlanTab)
