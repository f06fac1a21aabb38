"""The remembered verdict of a clinic file that passed its structural check and was closed cleanly.

SQLite's quick_check reads the whole file: on a 20-year clinic that is hundreds of megabytes,
and on an encrypted one every page is decrypted too (25 s measured). The usual morning opens
exactly the file yesterday's clean close left, so that read would only repeat a verdict already
known. After a check has passed and the app has closed the file cleanly (its WAL checkpointed
and gone), the file's identity is written here: inode, size and modification time to the
nanosecond. At the next start the verdict applies only when the file is still exactly that one
and no WAL lies beside it; anything else (a crash, a copy or restore, a write by another
program, a file moved in) means the whole check runs again. Opening the file forgets the
verdict, so a session that dies leaves none behind. The schema version is read at every open
anyway (it needs no full read), so it is not part of the key.

What a remembered verdict cannot see is a disk that rots a page without changing the file's
time: on an encrypted clinic every page is authenticated whenever it is read, so such a page is
an error, never wrong data; and every backup (made daily) and ``iopdesk check`` still run the
full integrity check. The file holds no record content, only those numbers.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from iopdesk.db.sqlite_file import companions
from iopdesk.private_files import write_whole

SUFFIX = ".checked"


def verdict_path(db_path: Path) -> Path:
    """Where the verdict of ``db_path`` is kept (beside it, 0600)."""
    return db_path.with_name(db_path.name + SUFFIX)


def _identity(db_path: Path) -> dict[str, int]:
    found = db_path.stat()
    return {"inode": found.st_ino, "size": found.st_size, "mtime_ns": found.st_mtime_ns}


def remember(db_path: Path) -> None:
    """Record that ``db_path``, as it is now (closed, no WAL), passed its structural check."""
    if _wal_holds_changes(db_path):
        return  # the file alone is not what the check saw
    write_whole(verdict_path(db_path), json.dumps(_identity(db_path)).encode("utf-8"))


def applies(db_path: Path) -> bool:
    """True when ``db_path`` is exactly the file a passed check and a clean close left."""
    try:
        if _wal_holds_changes(db_path):
            return False
        remembered = json.loads(verdict_path(db_path).read_text(encoding="utf-8"))
        return bool(remembered == _identity(db_path))
    except (OSError, ValueError):
        return False


def forget(db_path: Path) -> None:
    """The file is about to change (it is being opened): no verdict until the next clean close."""
    with contextlib.suppress(OSError):
        verdict_path(db_path).unlink(missing_ok=True)


def _wal_holds_changes(db_path: Path) -> bool:
    wal = companions(db_path)[0]
    return wal.exists() and wal.stat().st_size > 0
