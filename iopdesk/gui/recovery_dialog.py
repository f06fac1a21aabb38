"""Signing in with the recovery key when every administrator password is lost."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from iopdesk.gui import operations
from iopdesk.gui.forms import FieldForm, line

if TYPE_CHECKING:
    from iopdesk.services.context import Actor

#: (recovery key, administrator's user name, new password, repeat) -> the administrator
Recover = Callable[[str, str, str, str], "Actor"]


class RecoveryKeyUnlock(QDialog):
    """The printed recovery key, an administrator's user name and the new password (twice)."""

    def __init__(self, recover: Recover, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recover = recover
        self.actor: Actor | None = None
        self.setWindowTitle("Use the recovery key")
        col = QVBoxLayout(self)
        note = QLabel(
            "Only when no administrator can sign in: type the recovery key from the page in the "
            "clinic safe, then choose a new password for an administrator account."
        )
        note.setWordWrap(True)
        col.addWidget(note)
        self.form = FieldForm()
        self.recovery_key = self.form.add(
            "recovery_key", "Recovery key", line(placeholder="ABCD-EFGH-...")
        )
        self.username = self.form.add("username", "Administrator's user name", line())
        self.password = self.form.add("password", "New password", line(password=True))
        self.repeat = self.form.add("repeat", "Repeat new password", line(password=True))
        col.addWidget(self.form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Unlock and sign in")
        self.ok_button.setAccessibleName("Unlock and sign in")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)

    def submit(self) -> None:
        done = operations.run(
            None,
            self,
            lambda: self.recover(
                self.recovery_key.text(),
                self.username.text(),
                self.password.text(),
                self.repeat.text(),
            ),
            errors=self.form,
        )
        if done:
            self.actor = done.result
            self.accept()
