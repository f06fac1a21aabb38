"""The Today home screen: a greeting and each area's lists of what needs doing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QGroupBox, QLabel, QLayout, QScrollArea, QVBoxLayout, QWidget

from iopdesk.domain import formats
from iopdesk.gui import registry
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import heading
from iopdesk.gui.today_panels.backup_warning import BackupWarning
from iopdesk.gui.today_panels.setup_checklist import SetupChecklist


class TodayScreen(QScrollArea):
    """Home: today's date and the Today panels this person may see; the page scrolls."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWidgetResizable(True)
        body = QWidget()
        col = QVBoxLayout(body)
        # The page grows the moment a list does (a long page scrolls, never squeezes a button).
        col.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        # In its place first, and each box made inside it: under the clinic's style sheet every
        # move of a built widget to a new parent restyles all it holds (a third of the build).
        self.setWidget(body)
        today = dt.date.today()
        col.addWidget(heading(f"Today, {today:%A}, {formats.show_date(today)}"))
        first = ctx.actor.full_name.split(",")[0].split(" ")[0]
        col.addWidget(QLabel(f"Good to see you, {first}. Here is what needs doing."))
        # What an administrator must not miss comes first: backups, then an unfinished set-up.
        self.backup_warning = BackupWarning(ctx)
        col.addWidget(self.backup_warning)
        self.checklist = SetupChecklist(ctx)
        col.addWidget(self.checklist)
        self.panels: list[QWidget] = [self.backup_warning, self.checklist]
        for panel in registry.today_panels():
            if not ctx.actor.can(panel.permission):
                continue
            box = QGroupBox(panel.title, body)
            box.setAccessibleName(panel.title)
            inner = QVBoxLayout(box)
            widget = panel.build(ctx, box)
            inner.addWidget(widget)
            self.panels.append(widget)
            col.addWidget(box)
        if len(self.panels) == 2:  # no list of this person's role
            col.addWidget(QLabel("Nothing is waiting for you."))
        col.addStretch()
        self.refresh()

    def refresh(self) -> None:
        """Ask every list again (on opening, and each time the main window shows the page)."""
        for panel in self.panels:
            refresh = getattr(panel, "refresh", None)
            if refresh is not None:
                refresh()
