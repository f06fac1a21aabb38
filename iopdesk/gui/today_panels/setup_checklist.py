"""Today, for an administrator of a clinic still being set up: what is left to do (colleagues,
rooms, groups, the backup folder), each with a button to the place where it is done, ticked
once done; it goes away when everything is, or once the first client is registered."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from iopdesk.gui import operations
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import name_button
from iopdesk.services.admin.setup_checklist import SetupStep, setup_checklist

DONE, TO_DO = "☑", "☐"


class SetupChecklist(QGroupBox):
    """The set-up steps as a ticked list; shown only while a step is left."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__("Set up your clinic", parent)
        self.ctx = ctx
        self.setAccessibleName("Set up your clinic")
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(1, 1)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.grid.addWidget(self.intro, 0, 0, 1, 3)
        self.rows: dict[str, tuple[QLabel, QLabel, QPushButton]] = {}
        self.steps: list[SetupStep] = []
        for kind in ("staff", "schedule", "settings"):
            getattr(ctx.hub, f"{kind}_changed").connect(self.refresh)
        self.hide()

    def refresh(self) -> None:
        """Ask again which steps are done (only administrators set a clinic up)."""
        if not self.ctx.actor.can("settings.manage"):
            return
        found = operations.run(
            self.ctx, self, lambda: setup_checklist(self.ctx.actor), errors=self.intro.setText
        )
        if not found:
            self.show()
            return
        self.steps = found.result
        for n, step in enumerate(self.steps, start=1):
            mark, text, _button = self.rows.get(step.key) or self._row(n, step)
            mark.setText(DONE if step.done else TO_DO)
            mark.setAccessibleName(f"{step.title}: {'done' if step.done else 'to do'}")
            text.setText(f"<b>{step.title}</b> — {step.explanation}")
        left = sum(not s.done for s in self.steps)
        if not left:
            self.hide()
            return
        self.intro.setText(
            f"{left} of {len(self.steps)} set-up steps left before your first client. "
            "Each button opens the place where it is done."
        )
        self.show()

    def _row(self, n: int, step: SetupStep) -> tuple[QLabel, QLabel, QPushButton]:
        mark, text = QLabel(), QLabel()
        text.setWordWrap(True)
        button = name_button(QPushButton(f"{step.title}..."))
        button.clicked.connect(lambda: self.ctx.hub.open_place(step.area, step.part))
        self.grid.addWidget(mark, n, 0)
        self.grid.addWidget(text, n, 1)
        self.grid.addWidget(button, n, 2)
        self.rows[step.key] = (mark, text, button)
        return self.rows[step.key]
