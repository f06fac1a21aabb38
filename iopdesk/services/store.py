"""Opening a clinic's data folder safely: one app per folder, unlocking, health check,
migration with backup; a new clinic only in an empty folder; restore with no moment without a
database.

The folder lock and the file check come first at start-up and need neither Peewee, the models
nor the key file's cryptography: those are imported by the functions that use them, so the
sign-in window is up while they load.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from iopdesk import paths
from iopdesk.db import file_swap
from iopdesk.db.health import FileHealth, inspect_file, set_aside
from iopdesk.db.instance_lock import InstanceLock
from iopdesk.errors import DatabaseProblem, DomainError, SignInFailed

if TYPE_CHECKING:
    from iopdesk.db import keyfile
    from iopdesk.services.admin import backups
    from iopdesk.services.context import Actor

ENV_DATABASE_URL = "IOPDESK_DATABASE_URL"
NEW, CLINIC, MISSING = "new", "clinic", "missing"


class DamagedDatabase(DatabaseProblem):
    """The database file failed its start-up check; it has not been opened or changed."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class ClinicLocked(DatabaseProblem):
    """The clinic is encrypted: a staff member's password (or the recovery key) opens it."""


class MissingDatabase(DatabaseProblem):
    """The data folder has backups or set-aside files but no database: never a new clinic."""

    def __init__(self, message: str, newest: backups.BackupInfo | None) -> None:
        super().__init__(message)
        self.newest = newest


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

    @property
    def encrypted(self) -> bool:
        return not self.database_url and paths.key_file_path(self.data_dir).exists()


@dataclass(frozen=True)
class Credential:
    """What unlocks an encrypted clinic or backup: a user name and password, or the recovery
    key (either may be empty)."""

    username: str = ""
    password: str = ""
    recovery_key: str = ""

    def key_from(self, key_file: keyfile.KeyFile) -> bytes | None:
        return self.opened(key_file)[0]

    def opened(self, key_file: keyfile.KeyFile) -> tuple[bytes | None, str]:
        """The database key this gives (None: it does not open the file) and, for a password,
        the argon2id hash computed while unwrapping it ("" for the recovery key)."""
        if self.recovery_key:
            return key_file.unlock_with_recovery_key(self.recovery_key), ""
        if self.username:
            found = key_file.open_with_password(_username(self.username), self.password or "")
            return (found.key, found.password_hash) if found else (None, "")
        return None, ""


def data_folder_lock(data_dir: Path) -> InstanceLock:
    """The lock that keeps a second IOPdesk window off this data folder (acquire it before
    opening the clinic; it is released with the process if the app dies)."""
    return InstanceLock(Path(data_dir))


def prepare_folder(data_dir: Path) -> str:
    """What the data folder holds, after finishing a restore that was killed once its copy was
    complete: ``NEW`` (empty, or a set-up that never finished), ``CLINIC``, or ``MISSING``
    (backups or set-aside files but no database: never to be taken for a new clinic)."""
    data_dir = Path(data_dir)
    db_path = paths.database_path(data_dir)
    if data_dir.is_dir():
        file_swap.finish_interrupted(db_path)
    if db_path.exists():
        return NEW if _unfinished_set_up(data_dir) else CLINIC
    from iopdesk.services.admin import backups  # a folder without its database: rare

    if backups.all_backups(backup_folders(data_dir)) or _has_files(paths.aside_dir(data_dir)):
        return MISSING
    return NEW


def is_encrypted(data_dir: Path) -> bool:
    """True when the clinic in ``data_dir`` is encrypted (it has a key file)."""
    return paths.key_file_path(Path(data_dir)).exists()


def missing_database(data_dir: Path) -> MissingDatabase:
    """The refusal for a folder whose database is gone, naming the newest good backup."""
    from iopdesk.services.admin import backups

    newest = backups.newest_good_backup(backup_folders(data_dir))
    where = paths.database_path(Path(data_dir))
    offer = (
        f"The newest good backup was made {newest.label}: restore it "
        f"(in IOPdesk, or with `iopdesk restore {newest.path}`)."
        if newest
        else "No usable backup was found in it: restore one from a USB stick with "
        "`iopdesk restore FILE`, or call your IT support."
    )
    return MissingDatabase(
        f"The clinic database {where} is missing, but this data folder has held a clinic "
        f"(it has backups or set-aside files), so IOPdesk will not start a new, empty one. "
        f"{offer}",
        newest,
    )


def check_database_file(
    db_path: Path, *, structure: bool = True, key: bytes | None = None
) -> FileHealth:
    """The start-up verdict on a clinic database file, before it is opened: header, size and
    IOPdesk marker; ``structure`` adds SQLite's quick_check (seconds on a large clinic, so the
    app may run it off the GUI thread)."""
    return inspect_file(Path(db_path), structure=structure, key=key)


def checked_before(data_dir: Path) -> bool:
    """True when the clinic file is exactly as a passed check and a clean close left it, so its
    structural check need not read it again (see ``iopdesk.db.check_verdict``)."""
    from iopdesk.db import check_verdict

    return check_verdict.applies(paths.database_path(Path(data_dir)))


def open_clinic(
    data_dir: Path,
    *,
    key: bytes | None = None,
    database_url: str | None = None,
    structure_checked: bool = False,
) -> ClinicStore:
    """Check, open and migrate the clinic in ``data_dir`` (or at a PostgreSQL URL).

    An encrypted clinic needs its ``key`` (see ``unlock_key``). Never creates a clinic: an
    empty folder or a missing database is a DatabaseProblem saying what to do.
    The (slow) quick_check runs here unless the file is unchanged since a passed check
    (``checked_before``) or ``structure_checked``: the caller runs it, e.g. in a thread.
    Another workstation holding the write lock past the busy timeout is the busy sentence.
    """
    from iopdesk.db import check_verdict, migrations
    from iopdesk.db.connection import close_database, open_database
    from iopdesk.services.admin import clinic, keys
    from iopdesk.services.context import busy_as_sentence

    data_dir = Path(data_dir)
    url = database_url if database_url is not None else os.environ.get(ENV_DATABASE_URL, "")
    store = ClinicStore(data_dir, paths.database_path(data_dir), url)
    if url:
        db = open_database(url)
    else:
        from iopdesk.services.admin import server_move

        moved = server_move.moved_refusal(data_dir)
        if moved is not None:
            raise moved
        state = prepare_folder(data_dir)
        if state == MISSING:
            raise missing_database(data_dir)
        if state == NEW:
            raise DatabaseProblem(
                f"There is no clinic in {data_dir} yet: start IOPdesk to set it up, "
                "or build a demo with `iopdesk demo`."
            )
        if key is None and is_encrypted(data_dir):
            raise ClinicLocked(
                "This clinic is encrypted: sign in with your user name and password "
                "(or use the recovery key) to open it."
            )
        structure = not structure_checked and not check_verdict.applies(store.db_path)
        health = inspect_file(store.db_path, structure=structure, key=key)
        if not health.ok:
            raise DamagedDatabase(
                f"The clinic database is damaged and has not been used. {health.problem}",
                store.db_path,
            )
        check_verdict.forget(store.db_path)  # from now on the file changes
        migrations.check_supported(health.schema_version)
        db = open_database(store.db_path, key)
    try:
        with busy_as_sentence():
            migrations.migrate(
                db, before_upgrade=lambda old, new: _pre_migration_backup(store, old, new)
            )
        keys.sync_key_file()
    except Exception:
        close_database()
        raise
    clinic.apply_display_formats()
    return store


def create_clinic(data_dir: Path, *, encrypted: bool = True) -> ClinicStore:
    """Create a new, empty clinic (encrypted unless asked otherwise) in an empty data folder;
    the set-up wizard and the demo are the only callers."""
    from iopdesk.db import keyfile, migrations
    from iopdesk.db.connection import close_database, open_database

    data_dir = Path(data_dir)
    state = prepare_folder(data_dir)
    if state != NEW:
        raise DomainError(
            f"{data_dir} already holds a clinic (or its backups); choose an empty folder for "
            "a new clinic so no records are mixed or lost."
        )
    db_path = paths.database_path(data_dir)
    for leftover in (db_path, *(db_path.with_name(db_path.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)  # an unfinished set-up: nobody could ever open it
    key = None
    if encrypted:
        key = keyfile.new_database_key()
        paths.key_file_path(data_dir).parent.mkdir(parents=True, exist_ok=True)
        keyfile.write(paths.key_file_path(data_dir), keyfile.new_key_file())
    else:
        paths.key_file_path(data_dir).unlink(missing_ok=True)
    db = open_database(db_path, key)
    try:
        migrations.migrate(db)
    except Exception:
        close_database()
        raise
    return ClinicStore(data_dir, db_path)


def discard_new_clinic(data_dir: Path) -> None:
    """Remove the empty clinic made for the first-run wizard (nobody has set it up yet) when
    this computer joins the clinic's server instead; a clinic with records is never touched."""
    data_dir = Path(data_dir)
    if prepare_folder(data_dir) != NEW:
        raise DomainError(
            f"{data_dir} already holds a clinic, so it was left as it is; choose an empty data "
            "folder to connect to the clinic's server."
        )
    db_path = paths.database_path(data_dir)
    for leftover in (db_path, *(db_path.with_name(db_path.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    paths.key_file_path(data_dir).unlink(missing_ok=True)


def unlock_key(data_dir: Path, credential: Credential) -> bytes:
    """The database key of the encrypted clinic in ``data_dir``, from a staff member's
    password or the recovery key; a wrong one is the generic sign-in failure (and is audited
    once the clinic is open)."""
    from iopdesk.db import keyfile
    from iopdesk.services.admin import auth

    key_file = keyfile.read(paths.key_file_path(Path(data_dir)))
    key, password_hash = credential.opened(key_file)
    if key is None:
        auth.note_failure_while_locked(credential.username)
        raise SignInFailed(
            auth.FAILED_MESSAGE
            if not credential.recovery_key
            else "That recovery key does not open this clinic. Check it against the printout."
        )
    if password_hash:
        auth.note_unlocked(credential.username, credential.password, password_hash)
    return key


def unlock_clinic(data_dir: Path, credential: Credential) -> ClinicStore:
    """Open an encrypted clinic with a password or the recovery key (a plain one just opens)."""
    from iopdesk.services.admin import auth

    key = unlock_key(data_dir, credential) if is_encrypted(data_dir) else None
    store = open_clinic(data_dir, key=key)
    auth.record_failures_while_locked()
    return store


def recover_with_recovery_key(
    data_dir: Path, recovery_key: str, username: str, password: str, repeat: str
) -> Actor:
    """Every administrator password is lost: the recovery key opens the clinic, and the named
    administrator chooses a new password (the clinic stays open, signed in as them)."""
    from iopdesk.db import keyfile
    from iopdesk.db.connection import database_key
    from iopdesk.services.admin import auth

    if database_key() is None:
        unlock_clinic(data_dir, Credential(recovery_key=recovery_key))
    elif (
        keyfile.read(paths.key_file_path(Path(data_dir))).unlock_with_recovery_key(recovery_key)
        is None
    ):
        raise SignInFailed("That recovery key does not open this clinic.")
    return auth.reset_by_recovery_key(username, password, repeat)


def _pre_migration_backup(store: ClinicStore, old: int, new: int) -> None:
    from iopdesk.services.admin import backups

    if store.database_url:
        return
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    backups.copy_database(
        store.db_path,
        store.backups_dir / f"before-upgrade-v{old}-to-v{new}-{stamp}{backups.SUFFIX}",
    )


def close_clinic(*, checked: bool = False) -> None:
    """Close the clinic database (checkpointing the WAL on SQLite); ``checked``: its structural
    check passed in this session, so the file as closed needs no full read at the next start."""
    from iopdesk.db import check_verdict
    from iopdesk.db.connection import close_database, database_file

    closed = database_file()
    close_database()
    if checked and closed is not None and closed.exists():
        check_verdict.remember(closed)


def set_aside_damaged(data_dir: Path) -> Path:
    """Move the damaged database out of the way (kept, never overwritten)."""
    return set_aside(paths.database_path(data_dir), paths.aside_dir(data_dir), "damaged")


def backup_folders(data_dir: Path) -> list[Path]:
    return [paths.backups_dir(data_dir)]


def restore_backup(
    data_dir: Path,
    backup_file: Path,
    actor: Actor | None = None,
    credential: Credential | None = None,
) -> backups.BackupInfo:
    """Replace the clinic database with a verified backup; the current file is kept aside.

    ``actor`` is required while a healthy database is in place (an administrator restores);
    when it is damaged or missing there is nobody to authenticate against, so it may be None
    (the damaged file is moved aside first). An encrypted backup opens with the open clinic's
    key, or with ``credential``: a password valid when it was made, or that time's recovery key.
    """
    from iopdesk.db.connection import close_database, database_key, write_transaction
    from iopdesk.services.admin import backups
    from iopdesk.services.context import AuditNote, require, write_audit

    data_dir = Path(data_dir)
    info = backups.read_backup_info(Path(backup_file))
    db_path = paths.database_path(data_dir)
    if actor is not None:
        require(actor, "backup.restore", "backup.restore")
    current_key = database_key()
    key = backups.backup_key(info, credential or Credential(), current_key)
    if actor is None and not _may_restore_unsigned(data_dir, credential or Credential(), key):
        raise DomainError("Sign in as an administrator to restore over a working database.")
    backups.stage_restore(info, db_path, key)  # beside the open database: nothing changed yet
    close_database()
    reason = "before-restore" if actor is not None else "damaged"
    file_swap.swap_in(db_path, paths.aside_dir(data_dir), reason)
    open_clinic(data_dir, key=key, database_url="")
    with write_transaction():
        write_audit(
            actor,
            "backup.restore",
            "write",
            username="(recovery key)" if credential and credential.recovery_key else "(recovery)",
            note=AuditNote(
                record_type="backup", detail=f"restored {info.path.name} made {info.created_at}"
            ),
        )
    return info


def _may_restore_unsigned(data_dir: Path, credential: Credential, backup_key: bytes | None) -> bool:
    """Without a signed-in administrator, a restore may replace only a missing or damaged
    database, or be asked for by whoever holds the clinic's recovery key. The current file is
    checked with the clinic's key (the backup's is the same unless the clinic was re-keyed)."""
    from iopdesk.db import keyfile
    from iopdesk.db.connection import database_key

    db_path = paths.database_path(data_dir)
    if not db_path.exists():
        return True
    if not is_encrypted(data_dir):
        return not inspect_file(db_path).ok
    try:
        key_file = keyfile.read(paths.key_file_path(data_dir))
    except DatabaseProblem:
        return True  # without its key file nobody can open it: it is as good as damaged
    if credential.recovery_key and key_file.unlock_with_recovery_key(credential.recovery_key):
        return True
    key = database_key() or credential.key_from(key_file) or backup_key
    return key is not None and not inspect_file(db_path, key=key).ok


def inspect_database(db_path: Path, key: bytes | None) -> FileHealth:
    """The full check of a clinic file (integrity_check, and every page's code if encrypted)."""
    return inspect_file(Path(db_path), thorough=True, key=key)


def check_version(version: int) -> None:
    """Refuse (DatabaseProblem) a data version this IOPdesk cannot use."""
    from iopdesk.db import migrations

    migrations.check_supported(version)


def _unfinished_set_up(data_dir: Path) -> bool:
    """An encrypted database whose key file never got an entry: its set-up was interrupted
    before the first administrator existed, so it holds nothing and nobody can open it."""
    key_path = paths.key_file_path(data_dir)
    if not key_path.exists():
        return False
    from iopdesk.db import keyfile

    try:
        return not keyfile.read(key_path).entries
    except DatabaseProblem:
        return False


def _has_files(folder: Path) -> bool:
    return folder.is_dir() and any(p.is_file() for p in folder.iterdir())


def _username(text: str) -> str:
    return (text or "").strip().lower()
