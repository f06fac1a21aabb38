"""The recovery key, shown once: read it, save its one-page printout, confirm it is put away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import heading, name_button
from iopdesk.gui.saving import save_to_file
from iopdesk.services.admin import keys
from iopdesk.services.context import Actor


class RecoveryKeyDialog(QDialog):
    """Shows a new recovery key (this is the only time IOPdesk shows it) and saves the
    printout; closing needs the person to say it is printed and put away."""

    def __init__(
        self,
        actor: Actor,
        recovery_key: str,
        ctx: WindowContext | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.actor, self.recovery_key, self.ctx = actor, recovery_key, ctx
        self.setWindowTitle("The clinic's recovery key")
        self.setMinimumWidth(560)
        col = QVBoxLayout(self)
        col.setSpacing(12)
        col.addWidget(heading("Print the recovery key now"))
        intro = QLabel(
            "This key opens the clinic when no administrator can sign in. IOPdesk shows it "
            "only now: print it, keep the page in the clinic safe, and never keep it on this "
            "computer."
        )
        intro.setWordWrap(True)
        col.addWidget(intro)
        self.key_label = QLabel(recovery_key)
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setAccessibleName("Recovery key")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Large and monospaced, so it is copied onto paper without a mistake (the app's style
        # sheet sets label fonts, so this label says its own).
        self.key_label.setStyleSheet(
            "font-family: monospace; font-size: 18pt; font-weight: bold; letter-spacing: 1px;"
        )
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setMinimumHeight(48)
        col.addWidget(self.key_label)
        self.save_button = name_button(QPushButton("Save the printout (PDF)..."))
        self.save_button.setObjectName("primary")
        self.done_button = name_button(QPushButton("It is printed and put away"))
        self.saved = QLabel("")
        self.saved.setWordWrap(True)
        col.addWidget(self.save_button)
        col.addWidget(self.saved)
        col.addWidget(self.done_button)
        self.save_button.clicked.connect(self.save_printout)
        self.done_button.clicked.connect(self.accept)

    def save_printout(self) -> None:
        written = save_to_file(
            self.ctx,
            self,
            lambda: keys.print_recovery_key(self.actor, self.recovery_key),
            title="Save the recovery key printout",
            suggested="IOPdesk-recovery-key.pdf",
            file_filter="PDF files (*.pdf)",
        )
        if written:
            self.saved.setText(
                f"Saved to {written}. Print it, then delete the file: anyone with it and a "
                "copy of the clinic's files can read every record."
            )
