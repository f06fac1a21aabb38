"""Backups: consistent online copies, verified after writing, rotated, and restorable."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from iopdesk import __version__
from iopdesk.db.connection import is_sqlite, write_transaction
from iopdesk.db.health import inspect_file
from iopdesk.db.migrations import check_supported
from iopdesk.db.models.core import AuditEvent, Clinic
from iopdesk.db.sqlite_file import raw_sqlite
from iopdesk.domain import formats
from iopdesk.errors import DatabaseProblem, DomainError
from iopdesk.services.admin import backup_log
from iopdesk.services.context import Actor, AuditNote, require, write_audit

SUFFIX = ".iopbak"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupInfo:
    """A verified backup file and the state it holds."""

    path: Path
    created_at: dt.datetime
    clinic_name: str
    schema_version: int
    size_bytes: int

    @property
    def label(self) -> str:
        return f"{formats.show_day_and_time(self.created_at)} ({self.clinic_name})"


def copy_database(source: Path, target: Path, progress: Progress | None = None) -> BackupInfo:
    """Copy a live database with SQLite's online backup API, stamp it, verify it, then publish."""
    partial = target.with_name(target.name + ".partial")
    created = dt.datetime.now().replace(microsecond=0)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        with raw_sqlite(source) as src:
            dst = sqlite3.connect(str(partial))
            try:
                src.backup(dst, pages=256, progress=_adapt(progress))
                dst.execute("PRAGMA journal_mode=DELETE")
                clinic = src.execute("SELECT name FROM clinic ORDER BY id LIMIT 1").fetchone()
                dst.execute(
                    "CREATE TABLE IF NOT EXISTS backup_info "
                    "(created_at TEXT, app_version TEXT, clinic_name TEXT)"
                )
                dst.execute("DELETE FROM backup_info")
                dst.execute(
                    "INSERT INTO backup_info VALUES (?, ?, ?)",
                    (created.isoformat(), __version__, clinic[0] if clinic else ""),
                )
                dst.commit()
            finally:
                dst.close()
        info = read_backup_info(partial)
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise DomainError(_write_problem(target.parent, exc)) from exc
    return BackupInfo(
        target, info.created_at, info.clinic_name, info.schema_version, target.stat().st_size
    )


def read_backup_info(path: Path) -> BackupInfo:
    """Verify a backup file thoroughly and say what it holds; refuse anything else."""
    path = Path(path)
    if not path.is_file():
        raise DomainError(f"There is no file at {path}.")
    health = inspect_file(path, thorough=True)
    if not health.ok:
        raise DomainError(f"{path.name} is not a usable IOPdesk backup: {health.problem}")
    with raw_sqlite(path) as conn:
        try:
            created, clinic = conn.execute(
                "SELECT created_at, clinic_name FROM backup_info"
            ).fetchone()
        except (sqlite3.Error, TypeError):
            raise DomainError(f"{path.name} is an IOPdesk database but not a backup file.")
    try:
        check_supported(health.schema_version)
    except DatabaseProblem as exc:
        raise DomainError(f"{path.name} cannot be restored. {exc.message}")
    return BackupInfo(
        path, dt.datetime.fromisoformat(created), clinic, health.schema_version, path.stat().st_size
    )


def backup_now(
    actor: Actor, db_path: Path, folder: Path, progress: Progress | None = None
) -> BackupInfo:
    """ "Back up now" to any folder (a USB stick); audited."""
    require(actor, "backup.run", "backup.make")
    _require_sqlite()
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    mark = change_mark()
    try:
        info = copy_database(db_path, Path(folder) / f"IOPdesk-backup-{stamp}{SUFFIX}", progress)
    except DomainError as exc:
        backup_log.record_failure("manual", Path(folder), exc.message, mark)
        raise
    with write_transaction():
        write_audit(
            actor,
            "backup.make",
            "write",
            note=AuditNote(record_type="backup", detail=str(info.path)),
        )
        backup_log.record(_made("manual", info, mark))
    return info


def _made(kind: str, info: BackupInfo, mark: int) -> backup_log.BackupAttempt:
    return backup_log.BackupAttempt(
        info.created_at, kind, str(info.path), True, info.size_bytes, "", mark
    )


def change_mark() -> int:
    """A number that grows with every change (the newest audited write)."""
    row = (
        AuditEvent.select(AuditEvent.id)
        .where(AuditEvent.kind == "write")
        .order_by(AuditEvent.id.desc())
        .first()
    )
    return row.id if row else 0


def auto_backup(db_path: Path, folder: Path, *, force: bool = False) -> BackupInfo | None:
    """An automatic backup into ``folder`` when something changed since the last one; rotates."""
    if not is_sqlite() or not Clinic.select().exists():
        return None
    state_file = folder / "last-automatic.json"
    mark = change_mark()
    if not force and state_file.exists():
        try:
            if json.loads(state_file.read_text())["mark"] >= mark:
                return None
        except (ValueError, KeyError, OSError):
            pass
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    try:
        info = copy_database(db_path, folder / f"auto-{stamp}{SUFFIX}")
    except DomainError as exc:
        backup_log.record_failure("automatic", folder, exc.message, mark)
        raise
    state_file.write_text(json.dumps({"mark": mark, "at": info.created_at.isoformat()}))
    backup_log.record(_made("automatic", info, mark))
    rotate(folder)
    return info


def last_backup_time(folder: Path) -> dt.datetime | None:
    """When the newest automatic backup was made (for the status bar)."""
    try:
        return dt.datetime.fromisoformat(
            json.loads((folder / "last-automatic.json").read_text())["at"]
        )
    except (OSError, ValueError, KeyError):
        return None


def automatic_backups(folder: Path) -> list[Path]:
    """Automatic backup files, newest first."""
    return sorted(folder.glob(f"auto-*{SUFFIX}"), reverse=True)


def rotate(folder: Path) -> list[Path]:
    """Keep the newest per day (7 days), per week (4 weeks), per month (12 months); delete rest."""
    files = automatic_backups(folder)
    keep: set[Path] = set()
    for key, count in (
        (lambda d: d.date(), KEEP_DAILY),
        (lambda d: d.isocalendar()[:2], KEEP_WEEKLY),
        (lambda d: (d.year, d.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for f in files:
            k = key(_stamp_of(f))
            if k not in seen:
                seen.append(k)
                if len(seen) <= count:
                    keep.add(f)
    removed = [f for f in files if f not in keep]
    for f in removed:
        f.unlink(missing_ok=True)
    return removed


def newest_good_backup(folders: list[Path]) -> BackupInfo | None:
    """The newest backup in these folders that passes verification."""
    candidates = [p for folder in folders if folder.is_dir() for p in folder.glob(f"*{SUFFIX}")]
    for path in sorted(candidates, key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            return read_backup_info(path)
        except DomainError:
            continue
    return None


def _stamp_of(path: Path) -> dt.datetime:
    return dt.datetime.strptime(path.stem.removeprefix("auto-"), "%Y-%m-%d_%H%M%S")


def _adapt(progress: Progress | None):
    if progress is None:
        return None
    return lambda status, remaining, total: progress(total - remaining, total)


def _require_sqlite() -> None:
    if not is_sqlite():
        raise DomainError(
            "This clinic uses a PostgreSQL server: back it up with the server's "
            "own tools (pg_dump), as your IT support has set up."
        )


def _write_problem(folder: Path, exc: Exception) -> str:
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "full" in str(exc).lower():
        return (
            f"There is not enough free space in {folder} for the backup. Free some space or "
            "choose another drive; nothing was written."
        )
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
        return (
            f"The folder {folder} cannot be written to. Choose another folder or check that "
            "the USB stick is not write-protected; nothing was written."
        )
    return f"The backup could not be written to {folder} ({exc}). Nothing was written."
