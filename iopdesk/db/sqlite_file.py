"""The SQLite file itself, without Peewee: IOPdesk's marker, the header, a plain connection.

Start-up checks read these before anything else is loaded (the sign-in window of a large
clinic is up before Peewee and the models are imported).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

#: Marks a SQLite file as IOPdesk's ("IOPD"), so a stray file is never mistaken for a clinic.
APPLICATION_ID = 0x494F5044
BUSY_TIMEOUT_SECONDS = 15
SQLITE_HEADER = b"SQLite format 3\x00"


@contextlib.contextmanager
def raw_sqlite(path: Path, read_only: bool = True) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection for health checks and backups (no Peewee, no pragmas)."""
    uri = f"file:{path}?mode={'ro' if read_only else 'rw'}"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        yield conn
    finally:
        conn.close()
