"""Backups: the backup folder, back up now (with progress), every backup this clinic knows of
(date, size, verified) with "Restore this one", and a restore from any other file."""

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

from iopdesk.domain import formats
from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import heading, name_button
from iopdesk.gui.widgets.notice import Notice
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.admin import backup_history, backups, clinic
from iopdesk.services.admin.backup_history import BackupEntry

COLUMNS = [
    Column("Made", lambda e: formats.show_moment(e.made_at),
           sort_key=lambda e: e.made_at.isoformat()),
    Column("Kind", lambda e: e.kind_label),
    Column("Size", lambda e: e.size_text, sort_key=lambda e: e.size_bytes),
    Column("Verified", lambda e: e.status, highlight=lambda e: not e.available),
    Column("Where", lambda e: str(e.folder)),
]  # fmt: skip


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
        self.status.setAccessibleName("Backup status")
        col.addWidget(self.status)
        self.warning = Notice("errorBanner")
        col.addWidget(self.warning)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel("Backup folder:"))
        self.folder = QLabel()
        self.folder.setAccessibleName("Backup folder")
        folder_row.addWidget(self.folder, 1)
        self.folder_button = name_button(QPushButton("Choose backup folder..."))
        folder_row.addWidget(self.folder_button)
        col.addLayout(folder_row)
        row = QHBoxLayout()
        self.backup_button = name_button(QPushButton("Back up now"))
        self.backup_button.setObjectName("primary")
        row.addWidget(self.backup_button)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Backup progress")
        self.progress.hide()
        row.addWidget(self.progress, 1)
        row.addStretch()
        col.addLayout(row)
        col.addWidget(QLabel("Backups this clinic knows of (newest first):"))
        self.problem = Notice()  # a list or a restore that was refused says why here
        col.addWidget(self.problem)
        self.table = RowTable(COLUMNS, "Backups")
        col.addWidget(self.table, 1)
        restore_row = QHBoxLayout()
        self.restore_this_button = name_button(QPushButton("Restore this one..."))
        self.restore_button = name_button(QPushButton("Restore from another file..."))
        restore_row.addWidget(self.restore_this_button)
        restore_row.addWidget(self.restore_button)
        restore_row.addStretch()
        col.addLayout(restore_row)
        self.about = QLabel()
        self.about.setObjectName("hint")
        self.about.setWordWrap(True)
        col.addWidget(self.about)
        self.folder_button.clicked.connect(lambda: self.choose_folder())
        self.backup_button.clicked.connect(lambda: self.back_up())
        self.restore_this_button.clicked.connect(self.restore_selected)
        self.restore_button.clicked.connect(self.restore)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.row_opened.connect(lambda _entry: self.restore_selected())
        # Front desk staff allowed to back up do only that: the folder and restores stay with
        # the administrators.
        self.folder_button.setVisible(ctx.actor.can("settings.manage"))
        for button in (self.restore_this_button, self.restore_button):
            button.setVisible(ctx.actor.can("backup.restore"))
        self.relay = _Relay(self)
        self.relay.progressed.connect(self._progress)
        self.relay.finished.connect(self._finished)
        self.job: Future[backups.BackupInfo] | None = None
        ctx.hub.backup_done.connect(self.refresh)
        ctx.hub.settings_changed.connect(self.refresh)
        self.refresh()

    # --- what is shown ---------------------------------------------------------------------
    def refresh(self) -> None:
        health = backup_history.backup_health(self.ctx.store.backups_dir)
        self.status.setText(
            f"Last backup: {formats.show_day_and_time(health.last_good)}."
            if health.last_good
            else "No backup has been made yet."
        )
        self.warning.say(health.warning)
        chosen = self.backup_folder()
        self.folder.setText(chosen or "not chosen yet: choose a USB stick or a network drive")
        auto = self.ctx.store.backups_dir
        self.about.setText(
            f"Automatic backups are kept in {auto} (7 daily, 4 weekly, 12 monthly), made when "
            "IOPdesk closes and at least daily while it is open, whenever something changed. "
            "Keep a copy away from this computer too: Back up now writes to the backup folder."
        )
        listed = operations.run(
            self.ctx,
            self,
            lambda: backup_history.list_backups(self.ctx.actor, auto),
            errors=self.problem.say,
        )
        self.table.set_rows(listed.result if listed else [])
        self._update_buttons()

    def backup_folder(self) -> str:
        return str(clinic.get_setting("backup_folder") or "")

    def selected(self) -> BackupEntry | None:
        return self.table.selected()

    def _update_buttons(self) -> None:
        entry = self.selected()
        self.restore_this_button.setEnabled(entry is not None and entry.available)

    # --- the backup folder and backing up ---------------------------------------------------
    def choose_folder(self) -> str:
        """Ask for the folder "Back up now" writes to, and keep it in the clinic settings."""
        chosen = prompts.choose_folder(self, "Choose the backup folder", self.backup_folder())
        if chosen and operations.run(
            self.ctx,
            self,
            lambda: clinic.change_settings(self.ctx.actor, {"backup_folder": chosen}),
            errors=self.problem.say,
        ):
            return chosen
        return ""

    def back_up(self) -> None:
        """Copy to the backup folder in the background, so the window stays responsive; with no
        folder chosen yet (or a USB stick not plugged in) ask for one first."""
        folder = self.backup_folder()
        if not folder or not Path(folder).is_dir():
            folder = prompts.choose_folder(self, "Back up to which folder?", folder) or ""
        if not folder:
            return
        self.target = folder
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
        self.ctx.hub.announce_backup()  # made or failed: the status bar and Today say so
        if not made:
            return
        if not self.backup_folder() and self.ctx.actor.can("settings.manage"):
            # the first folder used becomes the backup folder
            operations.run(
                self.ctx,
                self,
                lambda: clinic.change_settings(self.ctx.actor, {"backup_folder": self.target}),
                errors=self.problem.say,
            )
        prompts.inform(
            self, "Backup made", f"The backup was written and verified:\n{made.result.path}"
        )

    # --- restoring ---------------------------------------------------------------------------
    def restore_selected(self) -> None:
        """Restore the backup chosen in the list (it is checked again first)."""
        entry = self.selected()
        if entry is not None and entry.available:
            self._restore(entry.path)

    def restore(self) -> None:
        """Restore from a backup file chosen anywhere (a USB stick brought from elsewhere)."""
        path = prompts.open_file(
            self,
            "Restore which backup?",
            str(self.ctx.store.backups_dir),
            "IOPdesk backups (*.iopbak)",
        )
        if path:
            self._restore(Path(path))

    def _restore(self, path: Path) -> None:
        checked = operations.run(
            self.ctx, self, lambda: backups.read_backup_info(path), title="Not a usable backup"
        )
        if checked and prompts.confirm(
            self,
            "Restore backup",
            f"Replace the clinic's records with the backup made {checked.result.label}?\n\n"
            "Everything entered after that moment will be replaced, and everyone signed in "
            "is signed out. The current database is kept aside (not deleted) first.",
            "Restore",
        ):
            self.ctx.hub.request_restore(str(checked.result.path))
