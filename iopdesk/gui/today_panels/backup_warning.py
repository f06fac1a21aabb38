"""Today, for an administrator: a warning when the last backup failed or none was made for the
clinic's set number of days while the records changed, with a button to the Backups page."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import name_button
from iopdesk.services.admin.backup_history import backup_health


class BackupWarning(QFrame):
    """Hidden while backups are in order, and for anyone who cannot make one."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Backup warning")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel()
        self.text.setObjectName("errorBanner")
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.open_button = name_button(QPushButton("Open Backups..."))
        self.open_button.clicked.connect(
            lambda: self.ctx.hub.open_place("administration", "backups")
        )
        row.addWidget(self.open_button)
        ctx.hub.backup_done.connect(self.refresh)
        ctx.hub.settings_changed.connect(self.refresh)
        self.hide()

    def refresh(self) -> None:
        if not self.ctx.actor.can("backup.run"):
            return
        warning = backup_health(self.ctx.store.backups_dir).warning
        self.text.setText(warning)
        self.setVisible(bool(warning))
