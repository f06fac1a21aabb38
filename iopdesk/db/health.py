"""Start-up checks of a database file: header, IOPdesk marker, quick_check, schema version."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from iopdesk.db.sqlite_file import APPLICATION_ID, SQLITE_HEADER, raw_sqlite


@dataclass(frozen=True)
class FileHealth:
    """The verdict on one database file; ``problem`` is a plain sentence when not ``ok``."""

    ok: bool
    problem: str = ""
    schema_version: int = 0


def inspect_file(path: Path, *, thorough: bool = False, structure: bool = True) -> FileHealth:
    """Check that ``path`` is an undamaged IOPdesk database.

    The header, size and IOPdesk marker are checked at once; ``structure`` adds SQLite's
    quick_check (seconds on a large clinic), ``thorough`` the full integrity_check.
    """
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        return FileHealth(False, f"The file could not be read ({exc.strerror or exc}).")
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return FileHealth(
            False,
            "The file does not start like a database file: it is damaged "
            "or is not an IOPdesk file.",
        )
    page_size = int.from_bytes(header[16:18], "big") or 65536
    page_count = int.from_bytes(header[28:32], "big")
    size = path.stat().st_size
    if page_count and size < page_size * page_count:
        return FileHealth(
            False,
            "The file is shorter than it says it is: it was cut off "
            "(truncated), for example by a full disk or an interrupted copy.",
        )
    try:
        with raw_sqlite(path) as conn:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id not in (0, APPLICATION_ID):
                return FileHealth(False, "This database was not made by IOPdesk.")
            pragma = "integrity_check" if thorough else "quick_check"
            verdict = (
                [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchmany(5)]
                if structure or thorough
                else ["ok"]
            )
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
    except sqlite3.DatabaseError as exc:
        return FileHealth(False, f"The database cannot be read: it is damaged ({exc}).")
    return FileHealth(True, schema_version=int(version[0]) if version else 0)


def set_aside(path: Path, aside_folder: Path, reason: str) -> Path:
    """Move a database file (and its -wal/-shm companions) aside; never delete or overwrite."""
    aside_folder.mkdir(parents=True, exist_ok=True)
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
    return target
