"""The SQLite file itself, without Peewee: IOPdesk's marker, the header, the key statement and
a bare connection (through SQLCipher's SQLite, as every connection to a clinic file is).

Start-up checks read these before anything else is loaded (the sign-in window of a large
clinic is up before Peewee and the models are imported).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

#: Marks a SQLite file as IOPdesk's ("IOPD"), so a stray file is never mistaken for a clinic.
APPLICATION_ID = 0x494F5044
BUSY_TIMEOUT_SECONDS = 15
SQLITE_HEADER = b"SQLite format 3\x00"
#: What the SQLite library raises (SQLCipher's, not the standard library's).
SqliteError = sqlcipher.Error
KEY_BYTES = 32


def key_pragma(key: bytes) -> str:
    """The statement that hands SQLCipher a raw key (hex digits only: nothing to escape)."""
    if len(key) != KEY_BYTES:
        raise ValueError("a clinic key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


@contextlib.contextmanager
def raw_sqlite(
    path: Path, read_only: bool = True, key: bytes | None = None
) -> Iterator[sqlcipher.Connection]:
    """A bare connection for health checks and backups (no Peewee, no pragmas but the key)."""
    uri = f"file:{path}?mode={'ro' if read_only else 'rwc'}"
    conn = sqlcipher.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        unlock(conn, key)
        yield conn
    finally:
        conn.close()


def unlock(conn: sqlcipher.Connection, key: bytes | None) -> None:
    """Quiet SQLCipher's own logging and give the connection the clinic's key, if any."""
    # SQLCipher writes a line to stderr for every page that fails its check; IOPdesk says what
    # went wrong in its own sentence instead.
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        conn.execute(key_pragma(key))


def companions(path: Path) -> list[Path]:
    """The WAL and shared-memory files SQLite keeps beside a database file."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
