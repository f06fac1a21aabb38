"""Opening the clinic database (SQLite by default, PostgreSQL by URL) behind one proxy."""

from __future__ import annotations

import contextlib
import contextvars
import os
from collections.abc import Iterator
from pathlib import Path

import peewee

from iopdesk.db.sqlite_file import BUSY_TIMEOUT_SECONDS
from iopdesk.errors import DatabaseProblem

database = peewee.DatabaseProxy()


def sqlite_pragmas() -> dict[str, object]:
    """Pragmas for every connection: WAL, enforced foreign keys, full fsync on commit."""
    return {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "synchronous": "full",
        "busy_timeout": BUSY_TIMEOUT_SECONDS * 1000,
        "cache_size": -32000,
        "temp_store": "memory",
    }


def is_sqlite(db: peewee.Database | None = None) -> bool:
    target = db if db is not None else database.obj
    return isinstance(target, peewee.SqliteDatabase)


def open_database(target: str | os.PathLike[str]) -> peewee.Database:
    """Open a SQLite file path or a ``postgresql://`` URL and bind the proxy to it."""
    text = str(target)
    if text.startswith(("postgres://", "postgresql://")):
        from playhouse.db_url import connect as connect_url  # loads psycopg2: only when used

        db: peewee.Database = connect_url(text)
    else:
        path = Path(text)
        _check_folder_writable(path.parent)
        db = peewee.SqliteDatabase(
            str(path),
            pragmas=sqlite_pragmas(),
            timeout=BUSY_TIMEOUT_SECONDS,
            check_same_thread=False,
        )
    try:
        db.connect(reuse_if_open=True)
    except peewee.OperationalError as exc:
        raise DatabaseProblem(f"The clinic database could not be opened: {exc}.") from exc
    database.initialize(db)
    return db


def close_database() -> None:
    """Close the current connection (if any) and unbind the proxy."""
    db = database.obj
    if db is not None and not db.is_closed():
        if is_sqlite(db):
            with contextlib.suppress(peewee.DatabaseError):
                db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
    database.initialize(None)


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


def _check_folder_writable(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".iopdesk-write-probe"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise DatabaseProblem(
            f"IOPdesk cannot write to its data folder {folder} ({exc.strerror or exc}). "
            "Choose a folder you can write to, or ask your administrator to fix its permissions."
        ) from exc
