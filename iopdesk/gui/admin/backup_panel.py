"""Backups: back up now to any folder with progress, restore from a file, see the latest."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iopdesk.errors import DomainError
from iopdesk.gui import prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import heading, name_button
from iopdesk.services.admin import backups


class _BackupThread(QThread):
    """Copies in the background so the window stays responsive for a large clinic."""

    progressed = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: WindowContext, folder: Path) -> None:
        super().__init__()
        self.ctx, self.folder = ctx, folder

    def run(self) -> None:
        try:
            info = backups.backup_now(
                self.ctx.actor,
                self.ctx.store.db_path,
                self.folder,
                lambda done, total: self.progressed.emit(done, total),
            )
        except DomainError as exc:
            self.failed.emit(exc.message)
            return
        self.done.emit(info)


class BackupPanel(QWidget):
    """What an administrator needs to keep the clinic's records safe."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        col = QVBoxLayout(self)
        col.addWidget(heading("Backups"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        col.addWidget(self.status)
        self.backup_button = name_button(QPushButton("Back up now..."))
        self.backup_button.setObjectName("primary")
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Backup progress")
        self.progress.hide()
        col.addWidget(self.progress)
        self.restore_button = name_button(QPushButton("Restore from a backup..."))
        row.addWidget(self.restore_button)
        row.addStretch()
        col.insertLayout(2, row)
        col.addStretch()
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(self.restore)
        self.thread: _BackupThread | None = None
        self.refresh()

    def refresh(self) -> None:
        folder = self.ctx.store.backups_dir
        when = backups.last_backup_time(folder)
        self.status.setText(
            f"Automatic backups are kept in {folder} (7 daily, 4 weekly, 12 monthly), made "
            "when IOPdesk closes and at least daily while it is open, whenever something "
            f"changed. Last automatic backup: {when:%d %b %Y %H:%M}."
            if when
            else f"Automatic backups are kept in {folder}. None has been made yet."
        )

    def back_up(self, folder: str | None = None) -> None:
        folder = folder or prompts.choose_folder(self, "Back up to which folder?")
        if not folder:
            return
        self.progress.setValue(0)
        self.progress.show()
        self.backup_button.setEnabled(False)
        self.thread = _BackupThread(self.ctx, Path(folder))
        self.thread.progressed.connect(self._progress)
        self.thread.done.connect(self._done)
        self.thread.failed.connect(self._failed)
        self.thread.start()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _finish(self) -> None:
        self.backup_button.setEnabled(True)
        self.progress.hide()
        if self.thread is not None:
            self.thread.wait()

    def _done(self, info: backups.BackupInfo) -> None:
        self._finish()
        self.ctx.hub.backup_done.emit()
        prompts.inform(self, "Backup made", f"The backup was written and verified:\n{info.path}")

    def _failed(self, message: str) -> None:
        self._finish()
        prompts.error(self, "Backup not made", message)

    def restore(self) -> None:
        path = prompts.open_file(
            self,
            "Restore which backup?",
            str(self.ctx.store.backups_dir),
            "IOPdesk backups (*.iopbak)",
        )
        if not path:
            return
        try:
            info = backups.read_backup_info(Path(path))
        except DomainError as exc:
            prompts.error(self, "Not a usable backup", exc.message)
            return
        if prompts.confirm(
            self,
            "Restore backup",
            f"Replace the clinic's records with the backup made {info.label}?\n\nEverything "
            "entered after that moment will be replaced. The current database is kept "
            "aside (not deleted) first.",
            "Restore",
        ):
            self.ctx.hub.restore_requested.emit(str(info.path))
