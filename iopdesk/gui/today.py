"""The Today home screen: a greeting and each area's lists of what needs doing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from iopdesk.gui import registry
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import heading


class TodayScreen(QScrollArea):
    """Home: today's date and the Today panels this person may see; the page scrolls."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWidgetResizable(True)
        body = QWidget()
        col = QVBoxLayout(body)
        today = dt.date.today()
        col.addWidget(heading(f"Today, {today:%A %d %B %Y}"))
        first = ctx.actor.full_name.split(",")[0].split(" ")[0]
        col.addWidget(QLabel(f"Good to see you, {first}. Here is what needs doing."))
        self.panels: list[QWidget] = []
        for panel in registry.today_panels():
            if not ctx.actor.can(panel.permission):
                continue
            box = QGroupBox(panel.title)
            box.setAccessibleName(panel.title)
            inner = QVBoxLayout(box)
            widget = panel.build(ctx)
            inner.addWidget(widget)
            self.panels.append(widget)
            col.addWidget(box)
        if not self.panels:
            col.addWidget(QLabel("Nothing is waiting for you."))
        col.addStretch()
        self.setWidget(body)
        self.refresh()

    def refresh(self) -> None:
        """Ask every list again (on opening, and each time the main window shows the page)."""
        for panel in self.panels:
            refresh = getattr(panel, "refresh", None)
            if refresh is not None:
                refresh()
