"""Changing one's own password (required after an administrator set a temporary one)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from iopdesk.gui import operations
from iopdesk.gui.forms import FieldForm, line
from iopdesk.gui.widgets.unsaved import AsksBeforeDiscarding
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services.admin import auth
from iopdesk.services.context import Actor


class ChangePasswordDialog(AsksBeforeDiscarding, QDialog):
    """Current password, new password twice; errors shown next to each field."""

    def __init__(self, actor: Actor, required: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        keep_size(self, actor.username)
        self.actor = actor
        self.setWindowTitle("Change your password")
        col = QVBoxLayout(self)
        if required:
            note = QLabel(
                "Your administrator gave you a temporary password. Choose your own "
                "before you continue."
            )
            note.setWordWrap(True)
            col.addWidget(note)
        self.form = FieldForm()
        self.current = self.form.add("current", "Current password", line(password=True))
        self.new = self.form.add("new", "New password", line(password=True))
        self.repeat = self.form.add("repeat", "Repeat new password", line(password=True))
        col.addWidget(self.form)
        self.watch_inputs(self.form.fields.values())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)

    def submit(self) -> None:
        if operations.run(
            None,
            self,
            lambda: auth.change_password(
                self.actor, self.current.text(), self.new.text(), self.repeat.text()
            ),
            errors=self.form,
        ):
            self.dirty = False
            self.accept()
