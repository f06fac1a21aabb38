"""The chart's course of the episode, in the Intake section: the current phase and level of
care, each phase and level-of-care change, and the buttons that record them (clinicians)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.gui.chart_tabs.section import ChartSection
from iopdesk.gui.clients.level_of_care_dialog import LevelOfCareDialog
from iopdesk.gui.clients.phase_dialog import PhaseDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import button_row, heading, name_button
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.notice import Notice
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.clients import course
from iopdesk.services.clients.course import EpisodeCourse
from iopdesk.services.context import Actor

COLUMNS = [
    date_column("Date", lambda e: e.on),
    Column("Change", lambda e: e.change),
    Column("Details", lambda e: " — ".join(filter(None, e.details.splitlines()))),
    Column("Decided by", lambda e: e.decided_by),
]


class CourseSection(ChartSection[EpisodeCourse], QWidget):
    """Phases and level of care over the current episode, newest first."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.course: EpisodeCourse | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Phases and level of care"))
        self.problem = Notice()
        layout.addWidget(self.problem)
        self.now = QLabel()
        self.now.setAccessibleName("Current phase and level of care")
        self.now.setWordWrap(True)
        layout.addWidget(self.now)
        self.table = RowTable(COLUMNS, "Phases and level-of-care changes")
        layout.addWidget(self.table, 1)
        self.phase_button = name_button(QPushButton("Change phase…"))
        self.phase_button.clicked.connect(self.change_phase)
        self.level_button = name_button(QPushButton("Change level of care…"))
        self.level_button.clicked.connect(self.change_level)
        may_write = ctx.actor.can("clinical.write")
        for button in (self.phase_button, self.level_button):
            button.setVisible(may_write)
        layout.addLayout(button_row(self.phase_button, self.level_button))
        self.keep_current(self.problem.say)  # the Intake section refreshes it

    def read(self, actor: Actor, client_id: int) -> EpisodeCourse:
        """The course of the client's current episode."""
        return course.episode_course(actor, client_id)

    def fill(self, found: EpisodeCourse) -> None:
        """The current phase and level of care, the changes, and whether they may change."""
        c = self.course = found
        rows = list(reversed(c.entries))
        self.table.set_rows(rows)
        self.table.setVisible(bool(rows))
        now = [f"Phase: {c.phase or 'none recorded'}", f"Level of care: {c.level_of_care or '—'}"]
        if not rows:
            now.append("No phase or level-of-care change recorded in this episode.")
        self.now.setText(" · ".join(now))
        for button in (self.phase_button, self.level_button):
            button.setEnabled(c.open_for_changes)
            button.setToolTip("" if c.open_for_changes else "Only for an admitted, open episode.")

    def change_phase(self) -> None:
        PhaseDialog(self.ctx, self.client_id, self.window()).exec()

    def change_level(self) -> None:
        current = self.course.level_of_care if self.course else ""
        LevelOfCareDialog(self.ctx, self.client_id, current, self.window()).exec()
