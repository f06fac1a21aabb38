"""Encrypting a clinic made before encryption: convert, verify every table's rows, keep the
plain copy aside until the administrator confirms, then delete the plain copies securely."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from iopdesk import paths
from iopdesk.db import backup_file, file_swap, keyfile
from iopdesk.db.connection import close_database, database_key, is_sqlite, write_transaction
from iopdesk.db.health import inspect_file
from iopdesk.db.sqlite_file import SqliteError, raw_sqlite
from iopdesk.errors import DomainError
from iopdesk.private_files import create_private, sync_folder
from iopdesk.services.admin import backups
from iopdesk.services.context import Actor, AuditNote, describe, require, use_case, write_audit

PLAIN_COPY = "plain-before-encryption"


@dataclass(frozen=True)
class Encrypted:
    """The outcome: the new recovery key (shown once) and where the plain copy waits."""

    recovery_key: str
    plain_copy: Path


def encrypt_clinic(actor: Actor, data_dir: Path) -> Encrypted:
    """Convert the open, plain clinic in ``data_dir`` to an encrypted one (every active staff
    member keeps their password; a new recovery key is made). The plain file is moved to
    set-aside/ untouched, as the backup, until ``delete_plain_copies``."""
    require(actor, "staff.manage", "clinic.encrypt")
    if not is_sqlite() or database_key() is not None:
        raise DomainError("This clinic is already encrypted (or is on a PostgreSQL server).")
    from iopdesk.services.store import open_clinic

    db_path = paths.database_path(Path(data_dir))
    close_database()
    key, recovery = keyfile.new_database_key(), keyfile.new_recovery_key()
    staged = file_swap.restoring_path(db_path)
    try:
        members = _export(db_path, staged, key)
        key_file = keyfile.new_key_file().with_staff(key, members).with_recovery_key(key, recovery)
        file_swap.mark_complete(db_path, key_file.to_bytes())
    except (OSError, SqliteError, DomainError) as exc:
        staged.unlink(missing_ok=True)
        open_clinic(Path(data_dir))
        raise DomainError(f"The clinic was not encrypted ({exc}); nothing was changed.")
    plain = file_swap.swap_in(db_path, paths.aside_dir(Path(data_dir)), PLAIN_COPY)
    open_clinic(Path(data_dir), key=key)
    with write_transaction():
        write_audit(actor, "clinic.encrypt", "write", note=AuditNote(record_type="clinic"))
    backups.auto_backup(db_path, paths.backups_dir(Path(data_dir)), force=True)
    return Encrypted(recovery, plain or db_path)


def _export(db_path: Path, staged: Path, key: bytes) -> dict[str, str]:
    """Write the encrypted copy, check every table has the same rows; returns the active
    staff's password hashes (to wrap the key for)."""
    create_private(staged)
    with raw_sqlite(db_path, read_only=False) as plain:
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(staged),))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        for pragma in ("application_id", "user_version"):
            value = int(plain.execute(f"PRAGMA main.{pragma}").fetchone()[0])
            plain.execute(f"PRAGMA encrypted.{pragma} = {value}")
        plain.execute("DETACH DATABASE encrypted")
        tables = [r[0] for r in plain.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        counts = {t: plain.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        members = dict(plain.execute("SELECT username, password_hash FROM staff WHERE active"))
    with raw_sqlite(staged, key=key) as copy:
        copied = {t: copy.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    if copied != counts:
        raise DomainError("the encrypted copy does not hold every row")
    if not inspect_file(staged, thorough=True, key=key).ok:
        raise DomainError("the encrypted copy failed its integrity check")
    return members


def plain_copies(data_dir: Path) -> list[Path]:
    """Unencrypted copies left from before encryption: the file kept aside and plain backups
    in the clinic's backups folder (a copy on a USB stick must be deleted by hand)."""
    found = sorted(paths.aside_dir(Path(data_dir)).glob(f"*-{PLAIN_COPY}-*"))
    for path in backups.all_backups([paths.backups_dir(Path(data_dir))]):
        try:
            header = backup_file.read_header(path)
        except (OSError, backup_file.NotABackupFile):
            continue
        if header is None or not header.encrypted:
            found.append(path)
    return found


@use_case("clinic.delete_plain_copies", "staff.manage")
def delete_plain_copies(actor: Actor, data_dir: Path) -> list[Path]:
    """Once the administrator has checked the encrypted clinic: overwrite, then delete, every
    unencrypted copy in the data folder."""
    if database_key() is None:
        raise DomainError("Encrypt the clinic first; its only copy is the unencrypted one.")
    removed = plain_copies(data_dir)
    for path in removed:
        shred(path)
    describe(record_type="clinic", detail=f"deleted {len(removed)} unencrypted copies")
    return removed


def shred(path: Path) -> None:
    """Overwrite a file with random bytes (fsynced) before deleting it. On SSDs and
    journaling file systems old blocks may survive: full-disk encryption covers those."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        left = size
        while left > 0:
            chunk = min(left, 1024 * 1024)
            handle.write(os.urandom(chunk))
            left -= chunk
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()
    sync_folder(path.parent)
