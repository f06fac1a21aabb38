"""The audit trail's hash chain: each row's hash covers its fields and the previous row's hash.

Editing, deleting or inserting a row in the middle of the trail (after dropping the triggers
that forbid it) leaves a row whose stored hash no longer matches, and ``first_break`` names it.

FROZEN: migration step 9 chains an upgraded clinic's rows with ``link`` exactly as written here,
and every clinic's stored hashes depend on it. Never change the encoding; a new one would need
a new step that re-chains the trail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import peewee

from iopdesk.db.connection import is_sqlite

#: The columns a row's hash covers, in this order (``id`` is not one: order is what counts).
FIELDS = (
    "at",
    "staff_id",
    "username",
    "action",
    "kind",
    "outcome",
    "client_id",
    "record_type",
    "record_id",
    "detail",
)
#: What the first row of a trail links to.
GENESIS = ""
#: PostgreSQL advisory lock that serialises appends (SQLite's BEGIN IMMEDIATE already does).
CHAIN_LOCK = 0x494F5044_0001


def _moment(value: object) -> object:
    """``at`` as one text however the driver returns it (SQLite text, PostgreSQL datetime)."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value  # not a time at all: hashed as it is, so the row fails to verify
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return value


def link(previous: str, values: Sequence[object]) -> str:
    """The hash of one row: sha256 over a JSON array of the previous hash and ``FIELDS``."""
    fields = [_moment(values[0]), *values[1:]]
    text = json.dumps([previous, *fields], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first audit row whose stored hash does not match the trail before it."""

    row_id: int
    at: str
    action: str

    @property
    def sentence(self) -> str:
        return (
            f"The audit trail has been altered: row {self.row_id} ({self.action}, {self.at}) "
            "does not match the rows before it, so it or an earlier row was changed, removed "
            "or inserted outside IOPdesk."
        )


#: The SELECT that reads the trail in chain order (portable SQL: both engines run it as is).
SELECT_TRAIL = f"SELECT id, {', '.join(FIELDS)}, chain_hash FROM audit_event ORDER BY id"


@dataclass(frozen=True)
class ChainVerdict:
    """How many rows were checked, and the first that breaks the chain (None: unbroken)."""

    rows: int
    broken: ChainBreak | None


def walk(rows: Iterable[Sequence[object]]) -> ChainVerdict:
    """Walk ``SELECT_TRAIL`` rows in order, stopping at the first that breaks the chain."""
    previous, count = GENESIS, 0
    for count, row in enumerate(rows, start=1):
        stored = row[-1]
        if link(previous, row[1:-1]) != stored:
            return ChainVerdict(count, ChainBreak(int(row[0]), str(_moment(row[1])), str(row[4])))
        previous = str(stored)
    return ChainVerdict(count, None)


def verify(connection: object) -> ChainVerdict:
    """Check the chain through any DB-API connection (a raw sqlite3 one, for ``check``)."""
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute(SELECT_TRAIL)
    return walk(_rows(cursor))


def _rows(cursor: object) -> Iterable[Sequence[object]]:
    while batch := cursor.fetchmany(2000):  # type: ignore[attr-defined]
        yield from batch


def head(db: peewee.Database) -> str:
    """The hash the next row links to; call it holding the chain lock (``lock``)."""
    row = db.execute_sql("SELECT chain_hash FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
    return str(row[0]) if row else GENESIS


def lock(db: peewee.Database) -> None:
    """Serialise appends to the chain until the transaction ends (PostgreSQL; SQLite's
    writers already hold the one write lock)."""
    if not is_sqlite(db):
        db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (CHAIN_LOCK,))
