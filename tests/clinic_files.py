"""Looking inside clinic files in tests: the key of an encrypted clinic, a bare connection."""

from __future__ import annotations

from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from iopdesk import paths
from iopdesk.db import keyfile
from iopdesk.db.sqlite_file import key_pragma

#: The keys of the clinics the ``store`` fixture made (a new clinic has no sign-in yet).
KEYS: dict[Path, bytes] = {}
PASSWORD = "correct horse battery"


def key_for(db_path: Path, username: str = "admin", password: str = PASSWORD) -> bytes | None:
    """The key of the clinic file ``db_path`` (None when it is plain)."""
    db_path = Path(db_path)
    if db_path in KEYS:
        return KEYS[db_path]
    key_path = paths.key_file_beside(db_path)
    if not key_path.exists():
        return None
    return keyfile.read(key_path).unlock_with_password(username, password)


def connect(db_path: Path, key: bytes | None = None) -> sqlcipher.Connection:
    """A bare connection to a clinic file, unlocked with its key when it is encrypted."""
    conn = sqlcipher.connect(str(db_path))
    key = key if key is not None else key_for(db_path)
    if key is not None:
        conn.execute(key_pragma(key))
    return conn
