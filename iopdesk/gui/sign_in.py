"""The sign-in screen, also used as the lock screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iopdesk.gui import operations
from iopdesk.gui.forms import FieldForm, heading, line, name_button
from iopdesk.gui.recovery_dialog import Recover, RecoveryKeyUnlock
from iopdesk.gui.widgets.window_size import keep_size

if TYPE_CHECKING:
    from iopdesk.services.context import Actor


class SignInScreen(QWidget):
    """User name + password; emits ``signed_in(actor)``. In lock mode it names who locked.

    ``sign_in`` checks the two (the app's own unlocks an encrypted clinic first); it returns
    None when nobody was signed in (the clinic was found damaged and a backup offered).
    """

    signed_in = Signal(object)

    def __init__(
        self,
        clinic_name: str,
        parent: QWidget | None = None,
        sign_in: Callable[[str, str], Actor | None] | None = None,
        recover: Recover | None = None,
    ) -> None:
        super().__init__(parent)
        keep_size(self, "")
        self._sign_in = sign_in
        self._recover = recover
        self.setWindowTitle(f"IOPdesk - {clinic_name}")
        self.setMinimumSize(520, 420)
        # The card is centred by stretches, not an alignment flag (see iopdesk.gui.forms).
        outer = QVBoxLayout(self)
        middle = QHBoxLayout()
        outer.addStretch()
        outer.addLayout(middle)
        outer.addStretch()
        card = QFrame()
        card.setFixedWidth(460)
        col = QVBoxLayout(card)
        self.title = heading(clinic_name)
        col.addWidget(self.title)
        self.message = QLabel("Sign in with your own account.")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(60)
        self.message.setAccessibleName("Sign-in message")
        col.addWidget(self.message)
        self.form = FieldForm()
        self.username: QLineEdit = self.form.add("username", "User name", line())
        self.password: QLineEdit = self.form.add("password", "Password", line(password=True))
        col.addWidget(self.form)
        self.button = name_button(QPushButton("Sign in"))
        self.button.setObjectName("primary")
        self.button.setDefault(True)
        col.addWidget(self.button)
        self.recovery_button = name_button(QPushButton("Use the recovery key..."))
        self.recovery_button.setFlat(True)
        self.recovery_button.setVisible(recover is not None)
        self.recovery_button.clicked.connect(self.use_recovery_key)
        col.addWidget(self.recovery_button)
        middle.addStretch()
        middle.addWidget(card)
        middle.addStretch()
        self.button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.locked_by: Actor | None = None

    def set_clinic_name(self, name: str) -> None:
        self.title.setText(name)
        self.setWindowTitle(f"IOPdesk - {name}")

    def show_locked(self, actor: Actor, others_waiting: int = 0) -> None:
        """Lock mode: the same person unlocks, or someone else signs in."""
        self.locked_by = actor
        name = actor.full_name.split(",")[0]
        extra = (
            f" {others_waiting} other colleague(s) also have work kept here."
            if others_waiting
            else ""
        )
        self.message.setText(
            f"Locked by {name}. {name} can unlock with their password. Anyone else may sign in "
            f"with their own account; {name}'s work stays open for them and is not shown."
            f"{extra}"
        )
        self.username.setText(actor.username)
        self.password.clear()
        self.form.clear_errors()
        self.password.setFocus()

    def show_sign_in(self, note: str = "") -> None:
        self.locked_by = None
        self.message.setText(note or "Sign in with your own account.")
        self.username.clear()
        self.password.clear()
        self.form.clear_errors()
        self.username.setFocus()

    def use_recovery_key(self) -> None:
        """Every administrator password is lost: unlock with the printed recovery key."""
        if self._recover is None:
            return
        self.recovery_dialog = RecoveryKeyUnlock(self._recover, self)
        self.recovery_dialog.accepted.connect(
            lambda: self.signed_in.emit(self.recovery_dialog.actor)
        )
        self.recovery_dialog.open()

    def submit(self) -> None:
        if not self.button.isEnabled():
            return
        sign_in = self._sign_in
        if sign_in is None:
            # Imported at the first sign-in (argon2, the database): the window is up before.
            from iopdesk.services.admin import auth

            sign_in = auth.sign_in
        signed_in = operations.run(
            None,
            self,
            lambda: sign_in(self.username.text(), self.password.text()),
            errors=self.form,
        )
        self.password.clear()
        if signed_in and signed_in.result is not None:
            self.signed_in.emit(signed_in.result)
        else:
            self.password.setFocus()
