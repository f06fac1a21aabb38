"""Backups: back up now to any folder with progress, restore from a file, see the latest."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import heading, name_button
from iopdesk.services.admin import backups


class _Relay(QObject):
    """Carries the copying thread's news to the window's thread (Qt queues the signals)."""

    progressed = Signal(int, int)
    finished = Signal()


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
        self.backup_button.clicked.connect(lambda: self.back_up())
        self.restore_button.clicked.connect(self.restore)
        self.relay = _Relay(self)
        self.relay.progressed.connect(self._progress)
        self.relay.finished.connect(self._finished)
        self.job: Future[backups.BackupInfo] | None = None
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
        """Copy in the background so the window stays responsive for a large clinic."""
        folder = folder or prompts.choose_folder(self, "Back up to which folder?")
        if not folder:
            return
        self.progress.setValue(0)
        self.progress.show()
        self.backup_button.setEnabled(False)
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backup")
        self.job = pool.submit(
            backups.backup_now,
            self.ctx.actor,
            self.ctx.store.db_path,
            Path(folder),
            self.relay.progressed.emit,
        )
        self.job.add_done_callback(lambda _job: self.relay.finished.emit())
        pool.shutdown(wait=False)  # its one thread ends with the copy

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _finished(self) -> None:
        job, self.job = self.job, None
        self.backup_button.setEnabled(True)
        self.progress.hide()
        if job is None:
            return
        # The copy's outcome (its refusal too) is shown as every other operation's is.
        made = operations.run(self.ctx, self, job.result, title="Backup not made")
        if made:
            self.ctx.hub.announce_backup()
            prompts.inform(
                self, "Backup made", f"The backup was written and verified:\n{made.result.path}"
            )

    def restore(self) -> None:
        path = prompts.open_file(
            self,
            "Restore which backup?",
            str(self.ctx.store.backups_dir),
            "IOPdesk backups (*.iopbak)",
        )
        if not path:
            return
        checked = operations.run(
            self.ctx,
            self,
            lambda: backups.read_backup_info(Path(path)),
            title="Not a usable backup",
        )
        if checked and prompts.confirm(
            self,
            "Restore backup",
            f"Replace the clinic's records with the backup made {checked.result.label}?\n\n"
            "Everything entered after that moment will be replaced. The current database is "
            "kept aside (not deleted) first.",
            "Restore",
        ):
            self.ctx.hub.request_restore(str(checked.result.path))
