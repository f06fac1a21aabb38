"""Copying a clinic file's tables into an empty clinic schema on PostgreSQL, verified.

Each table is copied in primary-key order, parents before the tables that point at them, its
values turned into the server's types (SQLite keeps booleans as 0/1 and times as text). A
checksum over the values written is compared with one over the rows read back from the server,
so a row lost, added or changed on the way fails the copy. Sequences are moved past the copied
ids so the next record gets a new one. The caller runs it inside one transaction, which it ends
with ``gather_statistics``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

#: Tables every clinic schema holds that the copy leaves alone (the migrations wrote them).
NOT_COPIED = frozenset({"schema_version"})
BATCH = 2000

Convert = Callable[[Any], Any]
_CONVERT: dict[str, Convert] = {
    "boolean": bool,
    "timestamp without time zone": lambda v: (
        dt.datetime.fromisoformat(v) if isinstance(v, str) else v
    ),
    "date": lambda v: dt.date.fromisoformat(v) if isinstance(v, str) else v,
    "time without time zone": lambda v: dt.time.fromisoformat(v) if isinstance(v, str) else v,
}


class CopyFailed(Exception):
    """The copy cannot be made, or does not match its source; the sentence says where."""


@dataclass(frozen=True)
class TableCopy:
    """One table as copied: its rows and the checksum both sides agree on."""

    table: str
    rows: int
    checksum: str


def copy_clinic(source: Any, target: Any) -> list[TableCopy]:
    """Copy every table from the SQLite connection ``source`` into the (empty) PostgreSQL
    schema of the connection ``target``, verify each, and return what was copied."""
    columns = _server_columns(target)
    tables = _source_tables(source)
    if set(tables) != set(columns):
        raise CopyFailed(
            "the clinic file and the server's schema hold different tables "
            f"(only in the file: {sorted(set(tables) - set(columns)) or 'none'}; only on the "
            f"server: {sorted(set(columns) - set(tables)) or 'none'})"
        )
    copied = []
    for table in _parents_first(target, [t for t in tables if t not in NOT_COPIED]):
        names = [name for name, _ in columns[table]]
        if set(tables[table]) != set(names):
            raise CopyFailed(
                f"the table {table} has different columns in the file and on the server"
            )
        converters = [_CONVERT.get(kind, _same) for _, kind in columns[table]]
        written = _write(source, target, table, names, converters)
        read_back = _read_back(target, table, names)
        if written != read_back:
            raise CopyFailed(
                f"the table {table} does not match after copying ({written.rows} rows "
                f"written, {read_back.rows} read back from the server)"
            )
        _move_sequence(target, table, names)
        copied.append(written)
    return copied


def gather_statistics(target: Any, tables: Iterable[str]) -> None:
    """ANALYZE the copied tables on the connection ``target``, so the server plans the first
    screens' queries on the moved clinic with its real sizes instead of waiting for
    autovacuum (inside the copy's transaction, ANALYZE counts the rows it wrote)."""
    quoted = ", ".join(f'"{table}"' for table in tables)
    if quoted:
        target.cursor().execute(f"ANALYZE {quoted}")


def _write(
    source: Any, target: Any, table: str, names: list[str], converters: list[Convert]
) -> TableCopy:
    # psycopg2 comes with the postgres extra: a plain install must still import this module.
    from psycopg2.extras import execute_values

    quoted = ", ".join(f'"{n}"' for n in names)
    rows = source.execute(f'SELECT {quoted} FROM "{table}" {_order(names)}')
    digest = hashlib.sha256()
    count = 0
    cursor = target.cursor()
    while batch := rows.fetchmany(BATCH):
        values = [_converted(table, names, converters, row) for row in batch]
        execute_values(cursor, f'INSERT INTO "{table}" ({quoted}) VALUES %s', values, None, BATCH)
        count += _digest(digest, values)
    return TableCopy(table, count, digest.hexdigest())


def _read_back(target: Any, table: str, names: list[str]) -> TableCopy:
    quoted = ", ".join(f'"{n}"' for n in names)
    cursor = target.cursor()
    # A cursor on the server, so a table of millions of rows streams in batches (the
    # connection runs its own BEGIN, so psycopg2's named cursors cannot be used).
    cursor.execute(
        f'DECLARE read_back NO SCROLL CURSOR FOR SELECT {quoted} FROM "{table}" {_order(names)}'
    )
    digest = hashlib.sha256()
    count = 0
    while True:
        cursor.execute(f"FETCH {BATCH} FROM read_back")
        batch = cursor.fetchall()
        if not batch:
            break
        count += _digest(digest, batch)
    cursor.execute("CLOSE read_back")
    return TableCopy(table, count, digest.hexdigest())


def _digest(digest: Any, rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    for row in rows:
        digest.update(json.dumps([_canonical(v) for v in row], ensure_ascii=False).encode())
        digest.update(b"\n")
        count += 1
    return count


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _converted(
    table: str, names: list[str], converters: list[Convert], row: Sequence[Any]
) -> tuple[Any, ...]:
    try:
        return tuple(None if v is None else c(v) for c, v in zip(converters, row, strict=True))
    except (TypeError, ValueError) as exc:
        where = f"row {row[names.index('id')]}" if "id" in names else "a row"
        raise CopyFailed(f"{where} of the table {table} holds a value the server refuses ({exc})")


def _order(names: list[str]) -> str:
    return 'ORDER BY "id"' if "id" in names else ""


def _same(value: Any) -> Any:
    return value


def _move_sequence(target: Any, table: str, names: list[str]) -> None:
    if "id" not in names:
        return
    cursor = target.cursor()
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", (f'"{table}"',))
    sequence = cursor.fetchone()[0]
    if sequence:
        cursor.execute(
            f'SELECT setval(%s, COALESCE(max("id"), 1), max("id") IS NOT NULL) FROM "{table}"',
            (sequence,),
        )


def _server_columns(target: Any) -> dict[str, list[tuple[str, str]]]:
    cursor = target.cursor()
    cursor.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
    )
    found: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in cursor.fetchall():
        found.setdefault(table, []).append((column, kind))
    return found


def _source_tables(source: Any) -> dict[str, list[str]]:
    names = [
        r[0]
        for r in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: [c[1] for c in source.execute(f'PRAGMA table_info("{n}")')] for n in names}


def _parents_first(target: Any, tables: list[str]) -> Iterator[str]:
    """The tables in an order where every table comes after those it points at."""
    cursor = target.cursor()
    cursor.execute(
        "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
        "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"
    )
    parents: dict[str, set[str]] = {t: set() for t in tables}
    for child, parent in cursor.fetchall():
        child, parent = child.strip('"'), parent.strip('"')
        if child in parents and parent != child and parent in parents:
            parents[child].add(parent)
    done: set[str] = set()
    while len(done) < len(tables):
        ready = sorted(t for t in tables if t not in done and parents[t] <= done)
        if not ready:
            raise CopyFailed("the tables point at each other in a circle")
        done.update(ready)
        yield from ready
