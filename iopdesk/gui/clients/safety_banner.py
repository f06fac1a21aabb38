"""The safety banner: while a PHQ-9 item 9 answer waits for its safety follow-up it says so in
red, with "Record follow-up…" and "Write safety plan…" right there. Its room is kept while it
is hidden, so nothing on the page moves under the mouse when it appears or goes."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.gui import operations, prompts
from iopdesk.gui.care.safety_plan_editor import SafetyPlanDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import name_button
from iopdesk.services.clients.records import CLINICAL_ALERT
from iopdesk.services.intake import screenings

TITLE = "⚠ Safety follow-up needed"
WIDTH = 460
#: Clear on any background: white on the red of an alarm, the button white with red text.
STYLE = """
QFrame#safetyBanner { background: #b3261e; border-radius: 6px; }
QFrame#safetyBanner QLabel { color: white; background: transparent; }
QFrame#safetyBanner QLabel#safetyTitle { font-weight: 700; }
QFrame#safetyBanner QPushButton { background: white; color: #8c1d18; font-weight: 600;
                                  border: 1px solid white; border-radius: 4px; padding: 4px 12px; }
"""


class SafetyBanner(QFrame):
    """Shows the client's safety flag (``show_flag``); ``followed_up`` fires once a follow-up
    is recorded from it. People without clinical access see only that a clinician is needed."""

    followed_up = Signal()

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.setObjectName("safetyBanner")
        self.setStyleSheet(STYLE)
        self.setAccessibleName("Safety flag")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        words = QVBoxLayout()
        words.setSpacing(2)
        self.title = QLabel(TITLE)
        self.title.setObjectName("safetyTitle")
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName("Safety flag reason")
        # Two lines are kept for the reason in a banner of one width, so no reason makes it
        # grow (measured in the font the style sheet gives it).
        self.detail.ensurePolished()
        two_lines = self.detail.fontMetrics().boundingRect(
            QRect(0, 0, WIDTH, 10 * WIDTH), Qt.TextFlag.TextWordWrap, "Ag\nAg"
        )
        self.detail.setMinimumHeight(two_lines.height())
        self.setFixedWidth(WIDTH)
        words.addWidget(self.title)
        words.addWidget(self.detail)
        row.addLayout(words, 1)
        self.record_button = name_button(QPushButton("Record follow-up…"))
        self.record_button.setToolTip("Write what was done: risk assessed, safety plan, referral")
        self.record_button.clicked.connect(self.record_follow_up)
        # The safety plan is written with the client right then: offered beside the follow-up.
        self.plan_button = name_button(QPushButton("Write safety plan…"))
        self.plan_button.setToolTip("Open the client's safety plan (a new one, or the current one)")
        self.plan_button.clicked.connect(self.write_safety_plan)
        self.plan_dialog: QWidget | None = None
        actions = QVBoxLayout()
        actions.setSpacing(4)
        actions.addWidget(self.record_button)
        actions.addWidget(self.plan_button)
        row.addLayout(actions)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.show_flag("")

    def show_flag(self, flag: str) -> None:
        """Show the flag's text ("" hides the banner, keeping its room)."""
        clinical = flag != CLINICAL_ALERT
        self.title.setText(TITLE if clinical else "⚠ Clinical alert")
        self.detail.setText(flag if clinical else "Please see the counselor before going on.")
        # Shown to those who may record a follow-up: for one person always the same, so the
        # banner has one size, shown or hidden.
        can_record = clinical and self.ctx.actor.can("clinical.write")
        for button in (self.record_button, self.plan_button):
            button.setEnabled(can_record)
            button.setVisible(can_record)
        self.setVisible(bool(flag))

    def record_follow_up(self) -> None:
        """Ask what was done and record it; the flag goes down (every screen hears it)."""
        note = prompts.ask_text(
            self,
            "Record safety follow-up",
            "What was done (risk assessed, safety plan, referral, who was told):",
        )
        if note is None:
            return
        recorded = operations.run(
            self.ctx,
            self,
            lambda: screenings.record_safety_follow_up(self.ctx.actor, self.client_id, note),
            title="Follow-up not recorded",
        )
        if recorded:
            self.followed_up.emit()

    def write_safety_plan(self) -> None:
        """Open the safety plan editor (not blocking: the chart stays readable behind it)."""
        opened = operations.run(
            self.ctx,
            self,
            lambda: SafetyPlanDialog(self.ctx, self.client_id, parent=self.window()),
            title="Safety plan",
        )
        if opened:
            self.plan_dialog = opened.result
            opened.result.open()
