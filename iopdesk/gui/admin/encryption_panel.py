"""Encryption: whether the clinic is encrypted, encrypting an older clinic, the recovery key."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.gui import operations
from iopdesk.gui.admin.recovery_key import RecoveryKeyDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import heading, name_button
from iopdesk.services.admin import encryption, keys


class EncryptionPanel(QWidget):
    """An administrator's view of the clinic's encryption at rest."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        col = QVBoxLayout(self)
        col.addWidget(heading("Encryption"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Encryption status")
        col.addWidget(self.status)
        row = QHBoxLayout()
        self.encrypt_button = name_button(QPushButton("Encrypt this clinic..."))
        self.encrypt_button.setObjectName("primary")
        self.delete_button = name_button(QPushButton("Delete the unencrypted copies..."))
        self.recovery_button = name_button(QPushButton("Make a new recovery key..."))
        for button in (self.encrypt_button, self.delete_button, self.recovery_button):
            row.addWidget(button)
        row.addStretch()
        col.addLayout(row)
        col.addStretch()
        self.encrypt_button.clicked.connect(self.encrypt)
        self.delete_button.clicked.connect(self.delete_plain_copies)
        self.recovery_button.clicked.connect(self.new_recovery_key)
        self.dialog: RecoveryKeyDialog | None = None
        self.refresh()

    def refresh(self) -> None:
        encrypted = keys.is_encrypted()
        plain = encryption.plain_copies(self.ctx.store.data_dir) if encrypted else []
        if self.ctx.store.database_url:
            text = (
                "This clinic is on a PostgreSQL server: encryption at rest is the server's job "
                "(an encrypted disk on the server), and IOPdesk connects with sslmode=require."
            )
        elif not encrypted:
            text = (
                "This clinic's records are NOT encrypted: anyone with a copy of its files or "
                "backups can read them. Encrypt it: every colleague keeps their password, and "
                "you get a recovery key to print."
            )
        else:
            text = "This clinic's database and its backups are encrypted."
            if not keys.has_recovery_key():
                text += " It has no recovery key yet: make one and keep it in the clinic safe."
            if plain:
                text += (
                    f" {len(plain)} unencrypted copies from before encryption are still in the "
                    "data folder: once you have checked the clinic, delete them."
                )
        self.status.setText(text)
        self.encrypt_button.setEnabled(not encrypted and not self.ctx.store.database_url)
        self.delete_button.setEnabled(bool(plain))
        self.recovery_button.setEnabled(encrypted)

    def encrypt(self) -> None:
        done = operations.run(
            self.ctx,
            self,
            lambda: encryption.encrypt_clinic(self.ctx.actor, self.ctx.store.data_dir),
            confirm=operations.Confirm(
                "Encrypt this clinic",
                "Encrypt the clinic's records now? It takes a moment; every colleague keeps "
                "their password. The unencrypted file is kept aside until you delete it here.",
                "Encrypt",
            ),
            title="Not encrypted",
        )
        if done:
            self._show_key(done.result.recovery_key)
        self.refresh()

    def delete_plain_copies(self) -> None:
        operations.run(
            self.ctx,
            self,
            lambda: encryption.delete_plain_copies(self.ctx.actor, self.ctx.store.data_dir),
            confirm=operations.Confirm(
                "Delete the unencrypted copies",
                "Have you checked that the encrypted clinic opens and holds its records? The "
                "unencrypted copies are then overwritten and deleted (copies on USB sticks "
                "must be deleted by hand).",
                "Delete",
            ),
            title="Not deleted",
        )
        self.refresh()

    def new_recovery_key(self) -> None:
        made = operations.run(
            self.ctx,
            self,
            lambda: keys.new_recovery_key(self.ctx.actor),
            confirm=operations.Confirm(
                "Make a new recovery key",
                "Make a new recovery key? The one in the clinic safe stops working for the "
                "clinic (older backups still open with it).",
                "Make a new key",
            ),
            title="No new recovery key",
        )
        if made:
            self._show_key(made.result)
        self.refresh()

    def _show_key(self, recovery_key: str) -> None:
        self.dialog = RecoveryKeyDialog(self.ctx.actor, recovery_key, self.ctx, self)
        self.dialog.open()
