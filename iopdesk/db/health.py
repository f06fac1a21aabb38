"""Start-up checks of a database file: header, IOPdesk marker, quick_check, schema version."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from iopdesk.db.sqlite_file import APPLICATION_ID, SQLITE_HEADER, SqliteError, raw_sqlite
from iopdesk.paths import KEY_FILE
from iopdesk.private_files import make_private, private_folder

#: SQLCipher 4's page size: an encrypted file is always a whole number of these.
CIPHER_PAGE_SIZE = 4096


@dataclass(frozen=True)
class FileHealth:
    """The verdict on one database file; ``problem`` is a plain sentence when not ``ok``."""

    ok: bool
    problem: str = ""
    schema_version: int = 0


def inspect_file(
    path: Path, *, thorough: bool = False, structure: bool = True, key: bytes | None = None
) -> FileHealth:
    """Check that ``path`` is an undamaged IOPdesk database (encrypted with ``key`` if given).

    The header, size and IOPdesk marker are checked at once; ``structure`` adds SQLite's
    quick_check (seconds on a large clinic), ``thorough`` the full integrity_check (and, when
    encrypted, SQLCipher's check of every page's authentication code).
    """
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
        size = path.stat().st_size
    except OSError as exc:
        return FileHealth(False, f"The file could not be read ({exc.strerror or exc}).")
    problem = _encrypted_size_problem(size) if key else _header_problem(header, size)
    if problem:
        return FileHealth(False, problem)
    try:
        return _examine(path, key, thorough=thorough, structure=structure, read_only=True)
    except SqliteError as exc:
        if "readonly" not in str(exc):
            return FileHealth(False, f"The database cannot be read: it is damaged ({exc}).")
    # A process killed with the clinic open leaves a WAL whose index must be rebuilt, which a
    # read-only connection cannot do: that is the normal state after a crash, not damage.
    try:
        return _examine(path, key, thorough=thorough, structure=structure, read_only=False)
    except SqliteError as exc:
        return FileHealth(False, f"The database cannot be read: it is damaged ({exc}).")


def _examine(
    path: Path, key: bytes | None, *, thorough: bool, structure: bool, read_only: bool
) -> FileHealth:
    with raw_sqlite(path, read_only=read_only, key=key) as conn:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id not in (0, APPLICATION_ID):
            return FileHealth(False, "This database was not made by IOPdesk.")
        pragma = "integrity_check" if thorough else "quick_check"
        verdict = (
            [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchmany(5)]
            if structure or thorough
            else ["ok"]
        )
        if thorough and key and conn.execute("PRAGMA cipher_integrity_check").fetchone():
            verdict = ["a page failed its authentication check"]
        if verdict != ["ok"]:
            return FileHealth(
                False, f"The database's internal structure is damaged ({verdict[0][:120]})."
            )
        has_version = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'"
        ).fetchone()
        if not has_version:
            return FileHealth(False, "This database was not made by IOPdesk.")
        version = conn.execute("SELECT version FROM schema_version").fetchone()
    return FileHealth(True, schema_version=int(version[0]) if version else 0)


def _header_problem(header: bytes, size: int) -> str:
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return (
            "The file does not start like a database file: it is damaged or is not an IOPdesk file."
        )
    page_size = int.from_bytes(header[16:18], "big") or 65536
    page_count = int.from_bytes(header[28:32], "big")
    if page_count and size < page_size * page_count:
        return _TRUNCATED
    return ""


def _encrypted_size_problem(size: int) -> str:
    if size == 0 or size % CIPHER_PAGE_SIZE:
        return _TRUNCATED
    return ""


_TRUNCATED = (
    "The file is shorter than it says it is: it was cut off "
    "(truncated), for example by a full disk or an interrupted copy."
)


def set_aside(path: Path, aside_folder: Path, reason: str) -> Path:
    """Move a database file (and its -wal/-shm companions) aside; never delete or overwrite.
    An encrypted clinic's key file is copied beside it, so the file aside can still be opened."""
    private_folder(aside_folder)
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    target = aside_folder / f"{path.stem}-{reason}-{stamp}{path.suffix}"
    n = 1
    while target.exists():
        n += 1
        target = aside_folder / f"{path.stem}-{reason}-{stamp}-{n}{path.suffix}"
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            shutil.move(str(companion), str(target.with_name(target.name + suffix)))
    shutil.move(str(path), str(target))
    make_private(target)
    key_file = path.with_name(KEY_FILE)
    if key_file.exists():
        shutil.copyfile(key_file, target.with_suffix(".keys"))
        make_private(target.with_suffix(".keys"))
    return target
