"""Opening a clinic's data folder safely: one app per folder, health check, migration with
backup, restore.

The folder lock and the file check come first at start-up and need neither Peewee nor the
models: those are imported by the functions that open the database, so the sign-in window of
a large clinic is up while they load.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from iopdesk import paths
from iopdesk.db.health import FileHealth, inspect_file, set_aside
from iopdesk.db.instance_lock import InstanceLock
from iopdesk.errors import DatabaseProblem, DomainError

if TYPE_CHECKING:
    from iopdesk.services.admin.backups import BackupInfo
    from iopdesk.services.context import Actor

ENV_DATABASE_URL = "IOPDESK_DATABASE_URL"


class DamagedDatabase(DatabaseProblem):
    """The database file failed its start-up check; it has not been opened or changed."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class ClinicStore:
    """Where an open clinic's data lives."""

    data_dir: Path
    db_path: Path
    database_url: str = ""

    @property
    def backups_dir(self) -> Path:
        return paths.backups_dir(self.data_dir)

    @property
    def location(self) -> str:
        return self.database_url.split("@")[-1] if self.database_url else str(self.db_path)


def data_folder_lock(data_dir: Path) -> InstanceLock:
    """The lock that keeps a second IOPdesk window off this data folder (acquire it before
    opening the clinic; it is released with the process if the app dies)."""
    return InstanceLock(Path(data_dir))


def check_database_file(db_path: Path, *, structure: bool = True) -> FileHealth:
    """The start-up verdict on a clinic database file, before it is opened: header, size and
    IOPdesk marker; ``structure`` adds SQLite's quick_check (seconds on a large clinic, so the
    app may run it off the GUI thread)."""
    return inspect_file(Path(db_path), structure=structure)


def open_clinic(
    data_dir: Path, *, database_url: str | None = None, structure_checked: bool = False
) -> ClinicStore:
    """Check, open and migrate the clinic database in ``data_dir`` (or at a PostgreSQL URL).

    ``structure_checked``: the caller already ran the (slow) quick_check, e.g. in a thread.
    Another workstation holding the write lock past the busy timeout is the busy sentence.
    """
    from iopdesk.db import migrations
    from iopdesk.db.connection import close_database, open_database
    from iopdesk.services.admin import clinic
    from iopdesk.services.context import busy_as_sentence

    data_dir = Path(data_dir)
    url = database_url if database_url is not None else os.environ.get(ENV_DATABASE_URL, "")
    store = ClinicStore(data_dir, paths.database_path(data_dir), url)
    if url:
        db = open_database(url)
    else:
        if store.db_path.exists():
            health = inspect_file(store.db_path, structure=not structure_checked)
            if not health.ok:
                raise DamagedDatabase(
                    f"The clinic database is damaged and has not been used. {health.problem}",
                    store.db_path,
                )
            migrations.check_supported(health.schema_version)
        db = open_database(store.db_path)
    try:
        with busy_as_sentence():
            migrations.migrate(
                db, before_upgrade=lambda old, new: _pre_migration_backup(store, old, new)
            )
    except Exception:
        close_database()
        raise
    clinic.apply_display_formats()
    return store


def _pre_migration_backup(store: ClinicStore, old: int, new: int) -> None:
    from iopdesk.services.admin import backups

    if store.database_url:
        return
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    backups.copy_database(
        store.db_path,
        store.backups_dir / f"before-upgrade-v{old}-to-v{new}-{stamp}{backups.SUFFIX}",
    )


def close_clinic() -> None:
    """Close the clinic database (checkpointing the WAL on SQLite)."""
    from iopdesk.db.connection import close_database

    close_database()


def set_aside_damaged(data_dir: Path) -> Path:
    """Move the damaged database out of the way (kept, never overwritten)."""
    return set_aside(paths.database_path(data_dir), paths.aside_dir(data_dir), "damaged")


def backup_folders(data_dir: Path) -> list[Path]:
    return [paths.backups_dir(data_dir)]


def restore_backup(data_dir: Path, backup_file: Path, actor: Actor | None = None) -> BackupInfo:
    """Replace the clinic database with a verified backup; the current file is kept aside.

    ``actor`` is required while a healthy database is open (an administrator restores); after
    a damaged database was set aside there is nobody to authenticate against, so it may be None.
    """
    from iopdesk.db.connection import close_database, write_transaction
    from iopdesk.services.admin import backups
    from iopdesk.services.context import AuditNote, require, write_audit

    info = backups.read_backup_info(Path(backup_file))
    db_path = paths.database_path(Path(data_dir))
    if actor is not None:
        require(actor, "backup.restore", "backup.restore")
    elif db_path.exists():
        raise DomainError("Sign in as an administrator to restore over a working database.")
    close_database()
    aside = (
        set_aside(db_path, paths.aside_dir(Path(data_dir)), "before-restore")
        if db_path.exists()
        else None
    )
    partial = db_path.with_name(db_path.name + ".restoring")
    try:
        shutil.copyfile(info.path, partial)
        conn = sqlite3.connect(str(partial))
        try:
            conn.execute("DROP TABLE IF EXISTS backup_info")
            conn.commit()
        finally:
            conn.close()
        partial.replace(db_path)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        if aside is not None and not db_path.exists():
            shutil.move(str(aside), str(db_path))
        raise DomainError(f"The backup could not be restored ({exc}); nothing was changed.")
    open_clinic(Path(data_dir), database_url="")
    with write_transaction():
        write_audit(
            actor,
            "backup.restore",
            "write",
            username="(start-up recovery)",
            note=AuditNote(
                record_type="backup", detail=f"restored {info.path.name} made {info.created_at}"
            ),
        )
    return info
