"""Opening the clinic database (SQLite by default, PostgreSQL by URL) behind one proxy.

Every SQLite clinic file is opened through SQLCipher's SQLite (``sqlcipher3``), encrypted or
not: one SQLite library per process, because two libraries on one file break each other's
POSIX locks. An encrypted clinic is opened with its raw 256-bit key (no passphrase KDF: the
key is random, and the key file guards it).
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import peewee
from playhouse.sqlcipher_ext import SqlCipherDatabase
from sqlcipher3 import dbapi2 as sqlcipher

from iopdesk.db.sqlite_file import BUSY_TIMEOUT_SECONDS, companions, unlock
from iopdesk.errors import DatabaseProblem, ServerUnreachable
from iopdesk.private_files import create_private, make_private, private_folder

database = peewee.DatabaseProxy()

_opened_key: bytes | None = None
_opened_path: Path | None = None


def sqlite_pragmas() -> dict[str, object]:
    """Pragmas for every connection: WAL, enforced foreign keys, full fsync on commit, and
    deleted content overwritten (set here, not left to how SQLite was built)."""
    return {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "synchronous": "full",
        "secure_delete": "on",
        "busy_timeout": BUSY_TIMEOUT_SECONDS * 1000,
        "cache_size": -32000,
        "temp_store": "memory",
    }


class ClinicDatabase(SqlCipherDatabase):
    """A clinic file through SQLCipher: keyed when ``key`` is given, plain SQLite otherwise."""

    def __init__(self, path: str, key: bytes | None = None, **kwargs: Any) -> None:
        super().__init__(path, **kwargs)
        self.key = key

    def _connect(self) -> Any:
        conn = sqlcipher.connect(
            self.database, timeout=self._timeout, isolation_level=None, **self.connect_params
        )
        try:
            unlock(conn, self.key)
            self._add_conn_hooks(conn)
        except Exception:
            conn.close()
            raise
        return conn


def is_sqlite(db: peewee.Database | None = None) -> bool:
    target = db if db is not None else database.obj
    return isinstance(target, peewee.SqliteDatabase)


def database_key() -> bytes | None:
    """The key of the open, encrypted clinic (None when plain, PostgreSQL or closed)."""
    return _opened_key


def database_file() -> Path | None:
    """The file of the open SQLite clinic (None for PostgreSQL or when closed)."""
    return _opened_path


def open_database(target: str | os.PathLike[str], key: bytes | None = None) -> peewee.Database:
    """Open a SQLite file path (with its key when encrypted) or a ``postgresql://`` URL and
    bind the proxy to it. A new SQLite file is created 0600 in a 0700 folder."""
    global _opened_key, _opened_path
    text = str(target)
    if text.startswith(("postgres://", "postgresql://")):
        from playhouse.db_url import connect as connect_url  # loads psycopg2: only when used

        db: peewee.Database = connect_url(text)
        path = None
    else:
        path = Path(text)
        _check_folder_writable(path.parent)
        create_private(path)
        db = ClinicDatabase(
            str(path),
            key,
            pragmas=sqlite_pragmas(),
            timeout=BUSY_TIMEOUT_SECONDS,
            check_same_thread=False,
        )
    try:
        db.connect(reuse_if_open=True)
        if path is not None:
            db.execute_sql("SELECT count(*) FROM sqlite_master")  # a wrong key fails here
            for companion in (path, *companions(path)):
                make_private(companion)
    except peewee.DatabaseError as exc:
        db.close()
        if path is None and _unreachable(exc):
            raise ServerUnreachable.at(str(db.connect_params.get("host") or text)) from exc
        raise DatabaseProblem(f"The clinic database could not be opened: {exc}.") from exc
    database.initialize(db)
    _opened_key, _opened_path = key, path
    return db


def close_database() -> None:
    """Close the current connection (if any) and unbind the proxy."""
    global _opened_key, _opened_path
    db = database.obj
    if db is not None and not db.is_closed():
        if is_sqlite(db):
            with contextlib.suppress(peewee.DatabaseError):
                db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
    database.initialize(None)
    _opened_key, _opened_path = None, None


def connection_lost() -> str:
    """After a database error: when the server's connection is gone (the server restarted, the
    network dropped), forget it so the next call connects afresh, and return the server's
    name; "" when the connection is fine (or the clinic is a file)."""
    db = database.obj
    if db is None or is_sqlite(db):
        return ""
    conn = getattr(db._state, "conn", None)
    if conn is not None and not getattr(conn, "closed", 0):
        return ""
    with contextlib.suppress(Exception):
        db.close()
    db._state.reset()
    params = getattr(db, "connect_params", {})
    return str(params.get("host") or "the clinic's server")


def write_transaction() -> peewee._atomic:
    """A write transaction; on SQLite it takes the write lock up front (BEGIN IMMEDIATE)."""
    if is_sqlite() and database.transaction_depth() == 0:
        return database.atomic("IMMEDIATE")
    return database.atomic()


#: PostgreSQL's snapshot for a read: one view of the data for the whole transaction, no writes.
SNAPSHOT_READ = "REPEATABLE READ READ ONLY"
_in_snapshot: contextvars.ContextVar[bool] = contextvars.ContextVar("snapshot", default=False)


def in_read_snapshot() -> bool:
    """Whether the running code is inside a read-only snapshot (it must not write)."""
    return _in_snapshot.get()


@contextlib.contextmanager
def read_transaction() -> Iterator[None]:
    """A read-only snapshot that takes no write lock, so reads never wait behind a writer.

    SQLite: a plain deferred ``BEGIN``; its first SELECT pins a WAL snapshot, and
    ``query_only`` makes an accidental write fail at once instead of taking the lock.
    PostgreSQL: ``REPEATABLE READ READ ONLY``. Inside a transaction already open (a read used
    by a write), that transaction's own view is used as it is.
    """
    if database.transaction_depth() > 0:
        yield
        return
    token = _in_snapshot.set(True)
    try:
        if not is_sqlite():
            with database.atomic(isolation_level=SNAPSHOT_READ):
                yield
            return
        with database.atomic("DEFERRED"):
            database.execute_sql("PRAGMA query_only = 1")
            try:
                yield
            finally:
                database.execute_sql("PRAGMA query_only = 0")
    finally:
        _in_snapshot.reset(token)


def _unreachable(exc: Exception) -> bool:
    """A connection that failed because nothing answered (not a refused sign-in or TLS)."""
    text = str(exc).lower()
    return any(
        words in text for words in ("connection refused", "timeout expired", "could not translate")
    )


def _check_folder_writable(folder: Path) -> None:
    """Refuse a folder IOPdesk cannot write to, in a sentence (each process writes its own
    probe: two workstations opening the clinic at once must not remove each other's)."""
    try:
        private_folder(folder)
        probe = folder / f".iopdesk-write-probe-{os.getpid()}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise DatabaseProblem(
            f"IOPdesk cannot write to its data folder {folder} ({exc.strerror or exc}). "
            "Choose a folder you can write to, or ask your administrator to fix its permissions."
        ) from exc
