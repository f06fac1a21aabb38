"""Backups: consistent online copies, verified after writing, checksummed, rotated, restorable.

A backup of an encrypted clinic stays encrypted (it is a copy of the encrypted file, with the
key file as it was in its header): see ``iopdesk.db.backup_file``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from iopdesk import __version__, paths
from iopdesk.db import backup_file, file_swap, keyfile
from iopdesk.db.connection import database_file, database_key, is_sqlite, write_transaction
from iopdesk.db.health import inspect_file
from iopdesk.db.migrations import check_supported
from iopdesk.db.models.core import AuditEvent, Clinic
from iopdesk.db.sqlite_file import SqliteError, companions, raw_sqlite
from iopdesk.domain import formats
from iopdesk.errors import DatabaseProblem, DomainError
from iopdesk.private_files import (
    create_private,
    private_folder,
    sync_folder,
    write_whole,
)
from iopdesk.services.admin import backup_log
from iopdesk.services.context import Actor, AuditNote, require, write_audit

if TYPE_CHECKING:
    from iopdesk.services.store import Credential

SUFFIX = ".iopbak"
#: Left behind by a backup (or a check) killed while writing; the next backup removes them.
#: The copy and the check are SQLite files, so each may have SQLite's journal beside it, or
#: (the copy comes out of the online backup in WAL mode) its -wal and -shm.
PARTIAL_SUFFIXES = (
    ".partial",
    *(
        scratch + companion
        for scratch in (".copy", ".check")
        for companion in ("", "-journal", "-wal", "-shm")
    ),
)
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
    #: the key file as it was when the backup was made ("" for a plain backup)
    key_file: str = ""

    @property
    def encrypted(self) -> bool:
        return bool(self.key_file)

    @property
    def label(self) -> str:
        return f"{formats.show_day_and_time(self.created_at)} ({self.clinic_name})"


def copy_database(
    source: Path, target: Path, progress: Progress | None = None, key: bytes | None = None
) -> BackupInfo:
    """Copy a live database with SQLite's online backup API, check the copy thoroughly, then
    publish it as a backup file with its checksum (and key file, when encrypted).

    ``key`` defaults to the open clinic's when ``source`` is the open clinic's file.
    """
    source, target = Path(source), Path(target)
    if key is None and database_file() == source:
        key = database_key()
    partial = target.with_name(target.name + ".partial")
    copy = target.with_name(target.name + ".copy")
    created = dt.datetime.now().replace(microsecond=0)
    try:
        private_folder(target.parent)
        remove_partials(target.parent)
        clinic = _online_copy(source, copy, key, progress)
        health = inspect_file(copy, thorough=True, key=key)
        if not health.ok:
            raise DomainError(f"The copy failed its check ({health.problem}); nothing was kept.")
        checksum, size = backup_file.file_checksum(copy)
        key_text = paths.key_file_beside(source).read_text("utf-8") if key else ""
        header = backup_file.BackupHeader(
            created.isoformat(),
            __version__,
            health.schema_version,
            clinic,
            size,
            checksum,
            key_text,
        )
        backup_file.write(partial, copy, header)
        if not backup_file.checksum_ok(partial, header):  # read back what the disk kept
            raise OSError(errno.EIO, "the written backup does not match its checksum")
        partial.replace(target)
        sync_folder(target.parent)
    except (OSError, SqliteError) as exc:
        raise DomainError(_write_problem(target.parent, exc)) from exc
    finally:
        _remove_scratch(copy, partial)
    return BackupInfo(
        target, created, clinic, health.schema_version, target.stat().st_size, key_text
    )


def _online_copy(source: Path, copy: Path, key: bytes | None, progress: Progress | None) -> str:
    """The consistent copy itself; returns the clinic's name."""
    create_private(copy)
    with raw_sqlite(source, key=key) as src, raw_sqlite(copy, read_only=False, key=key) as dst:
        src.backup(dst, pages=256, progress=_adapt(progress))
        dst.execute("PRAGMA journal_mode=DELETE")
        clinic = src.execute("SELECT name FROM clinic ORDER BY id LIMIT 1").fetchone()
    return clinic[0] if clinic else ""


def _remove_scratch(*files: Path) -> None:
    """Remove scratch files and whatever SQLite kept beside them (best effort: the next backup
    removes what is left)."""
    for scratch in files:
        for leftover in (scratch, *companions(scratch)):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)


def remove_partials(folder: Path) -> None:
    """Remove what a killed backup left in ``folder`` (only IOPdesk's own partial files)."""
    for suffix in PARTIAL_SUFFIXES:
        for leftover in Path(folder).glob(f"*{SUFFIX}{suffix}"):
            leftover.unlink(missing_ok=True)


def read_backup_info(path: Path) -> BackupInfo:
    """Check a backup file (its header and checksum, or an older backup thoroughly) and say
    what it holds; refuse anything else."""
    path = Path(path)
    if not path.is_file():
        raise DomainError(f"There is no file at {path}.")
    try:
        header = backup_file.read_header(path)
    except (backup_file.NotABackupFile, OSError) as exc:
        raise DomainError(f"{path.name} is not a usable IOPdesk backup: {exc}.")
    if header is None:
        return _older_backup_info(path)
    if not backup_file.checksum_ok(path, header):
        raise DomainError(
            f"{path.name} is not a usable IOPdesk backup: it is damaged (its contents no "
            "longer match the checksum written with it)."
        )
    _check_version(path, header.schema_version)
    return BackupInfo(
        path,
        dt.datetime.fromisoformat(header.created_at),
        header.clinic_name,
        header.schema_version,
        path.stat().st_size,
        header.key_file,
    )


def _older_backup_info(path: Path) -> BackupInfo:
    """A backup made before backups had a header: the bare SQLite file, checked thoroughly."""
    health = inspect_file(path, thorough=True)
    if not health.ok:
        raise DomainError(f"{path.name} is not a usable IOPdesk backup: {health.problem}")
    with raw_sqlite(path) as conn:
        try:
            created, clinic = conn.execute(
                "SELECT created_at, clinic_name FROM backup_info"
            ).fetchone()
        except (SqliteError, TypeError):
            raise DomainError(f"{path.name} is an IOPdesk database but not a backup file.")
    _check_version(path, health.schema_version)
    return BackupInfo(
        path, dt.datetime.fromisoformat(created), clinic, health.schema_version, path.stat().st_size
    )


def _check_version(path: Path, version: int) -> None:
    try:
        check_supported(version)
    except DatabaseProblem as exc:
        raise DomainError(f"{path.name} cannot be restored. {exc.message}")


def backup_key(info: BackupInfo, credential: Credential, current: bytes | None) -> bytes | None:
    """The key that opens an encrypted backup: from ``credential`` against the backup's own key
    file, else the open clinic's (``current``); None for a plain backup."""
    if not info.encrypted:
        return None
    key = credential.key_from(keyfile.from_bytes(info.key_file.encode("utf-8")))
    if key is None and credential.recovery_key:
        raise DomainError(
            f"That recovery key does not open {info.path.name}: use the recovery key that was "
            "valid when it was made, or a staff password of that time."
        )
    if key is None and credential.username and current is None:
        raise DomainError(
            f"That user name and password do not open {info.path.name}: use a password that "
            "was valid when it was made, or the recovery key of that time."
        )
    if key is None and current is None:
        raise DomainError(
            f"{info.path.name} is encrypted: give a user name and a password that was valid "
            "when it was made, or the clinic's recovery key."
        )
    return key or current


def stage_restore(info: BackupInfo, db_path: Path, key: bytes | None) -> None:
    """Write the backup's database beside ``db_path``, check it thoroughly, and mark it complete
    (see ``iopdesk.db.file_swap``); a damaged copy or a wrong key changes nothing."""
    staged = file_swap.restoring_path(db_path)
    try:
        backup_file.extract(info.path, staged)
        health = inspect_file(staged, thorough=True, key=key)
        if not health.ok:
            raise DomainError(
                f"{info.path.name} could not be restored: {health.problem} Nothing was changed."
            )
        if not info.encrypted:
            with raw_sqlite(staged, read_only=False) as conn:
                conn.execute("DROP TABLE IF EXISTS backup_info")  # only in older backups
                conn.commit()
        file_swap.mark_complete(db_path, _key_file_for(info, db_path))
    except (OSError, SqliteError, backup_file.NotABackupFile) as exc:
        raise DomainError(f"The backup could not be restored ({exc}); nothing was changed.")
    finally:
        file_swap.restoring_path(db_path).unlink(missing_ok=True)


def _key_file_for(info: BackupInfo, db_path: Path) -> bytes:
    """The backup's key file as it was, keeping today's recovery key when it is the same clinic
    (the printout in the safe stays the one that works)."""
    if not info.encrypted:
        return b""
    restored = keyfile.from_bytes(info.key_file.encode("utf-8"))
    current_path = paths.key_file_beside(db_path)
    with contextlib.suppress(DatabaseProblem):
        current = keyfile.read(current_path) if current_path.exists() else None
        if current is not None and current.file_id == restored.file_id:
            recovery = tuple(e for e in current.entries if e.kind == keyfile.RECOVERY)
            others = tuple(e for e in restored.entries if e.kind != keyfile.RECOVERY)
            restored = replace(restored, entries=others + recovery)
    return restored.to_bytes()


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
    """An automatic backup into ``folder`` when something changed since the last one, or when
    the newest one no longer matches its checksum (so a good one is there before it is
    needed); rotates."""
    if not is_sqlite() or not Clinic.select().exists():
        return None
    state_file = folder / "last-automatic.json"
    mark = change_mark()
    newest = automatic_backups(folder)[:1]
    if newest and not _intact(newest[0]):
        force = True
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
    write_whole(
        state_file,
        json.dumps({"mark": mark, "at": info.created_at.isoformat()}).encode("utf-8"),
    )
    backup_log.record(_made("automatic", info, mark))
    rotate(folder)
    return info


def _intact(path: Path) -> bool:
    try:
        read_backup_info(path)
    except DomainError:
        return False
    return True


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


def all_backups(folders: list[Path]) -> list[Path]:
    """Every backup file in these folders, newest first (by the time the file was written)."""
    found = [p for folder in folders if folder.is_dir() for p in folder.glob(f"*{SUFFIX}")]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def rotate(folder: Path, files: list[Path] | None = None) -> list[Path]:
    """Keep the newest per day (7 days), per week (4 weeks), per month (12 months); delete rest.
    ``files`` (newest first, each name ending in its time) defaults to the automatic backups."""
    files = automatic_backups(folder) if files is None else files
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
    """The newest backup in these folders that passes verification (header and checksum)."""
    for path in all_backups(folders):
        try:
            return read_backup_info(path)
        except DomainError:
            continue
    return None


def verify_backup(path: Path, key: bytes | None) -> BackupInfo:
    """The full check of one backup: its checksum, then SQLite's integrity_check on a copy of
    its database (encrypted backups need the clinic's key); a DomainError says what is wrong."""
    info = read_backup_info(path)
    if info.encrypted and key is None:
        raise DomainError(f"{path.name} is encrypted: unlock the clinic to check it fully.")
    scratch = path.with_name(f".{path.name}.check")
    try:
        backup_file.extract(path, scratch)
        health = inspect_file(scratch, thorough=True, key=key if info.encrypted else None)
    except (OSError, backup_file.NotABackupFile) as exc:
        raise DomainError(f"{path.name} could not be checked ({exc}).")
    finally:
        _remove_scratch(scratch)
    if not health.ok:
        raise DomainError(f"{path.name} is damaged: {health.problem}")
    return info


def _stamp_of(path: Path) -> dt.datetime:
    return dt.datetime.strptime(path.stem[-len("2000-01-01_000000") :], "%Y-%m-%d_%H%M%S")


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
