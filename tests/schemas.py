"""Schemas in tests: read one from a database (SQLite or PostgreSQL), compare, unpack releases.

Two descriptions are equal exactly when the schemas are: every table's columns (name, type,
not-null, default, primary key), indexes (name, columns, uniqueness), foreign keys and triggers,
and the extras of each engine (SQLite's application_id; PostgreSQL's functions and sequences).
"""

from __future__ import annotations

import importlib
import lzma
import pkgutil
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import peewee
from playhouse.db_url import connect

import iopdesk.db.models
from iopdesk import paths
from iopdesk.db.connection import ClinicDatabase
from iopdesk.db.models.base import BaseModel
from tests import clinic_files

DATA = Path(__file__).resolve().parent / "data"
#: a clinic written by each released version: ``iopdesk demo``, then xz
RELEASED_SQLITE = sorted(DATA.glob("clinic-v*.iopdesk.xz"))
#: the same on PostgreSQL: ``pg_dump --no-owner --no-privileges`` of a demo clinic, then xz
RELEASED_POSTGRESQL = sorted(DATA.glob("clinic-v*-postgresql.sql.xz"))
WHAT_TO_DO = (
    "The live models and the migrated schema disagree. Add a migration step "
    "(iopdesk/db/migrations/mNNNN_name.py, recipe in that package's docstring):\n"
)


@dataclass(frozen=True)
class Column:
    """One column as the database declares it; ``primary_key`` is its position in the key."""

    name: str
    type: str
    not_null: bool
    default: str | None
    primary_key: int


@dataclass(frozen=True)
class Index:
    """An index: its name, its columns in order, and whether it is unique."""

    name: str
    columns: tuple[str, ...]
    unique: bool


@dataclass(frozen=True)
class ForeignKey:
    """A foreign key: its columns, the table and columns it points at, its actions."""

    columns: tuple[str, ...]
    table: str
    to: tuple[str, ...]
    on_update: str
    on_delete: str


@dataclass(frozen=True)
class Table:
    """One table: its columns in order, its indexes and its foreign keys."""

    columns: tuple[Column, ...]
    indexes: frozenset[Index]
    foreign_keys: frozenset[ForeignKey]


@dataclass(frozen=True)
class Schema:
    """A whole database schema, comparable with ``==`` and ``differences``."""

    tables: dict[str, Table]
    #: (name, table, definition) of every trigger
    triggers: frozenset[tuple[str, str, str]]
    #: engine-specific parts: application_id, functions, sequences
    extras: dict[str, tuple[object, ...]]


def describe(db: peewee.Database) -> Schema:
    """The schema of an open database."""
    if isinstance(db, peewee.SqliteDatabase):
        return _describe_sqlite(db)
    return _describe_postgresql(db)


def differences(expected: Schema, actual: Schema) -> list[str]:
    """Each way ``actual`` differs from ``expected``, as one line a person can read."""
    found = []
    for name in sorted(expected.tables.keys() | actual.tables.keys()):
        want, got = expected.tables.get(name), actual.tables.get(name)
        if want is None or got is None:
            found.append(f"table {name}: {'unexpected' if want is None else 'missing'}")
            continue
        for part in ("columns", "indexes", "foreign_keys"):
            found.extend(_compare(f"table {name} {part}", getattr(want, part), getattr(got, part)))
    found.extend(_compare("triggers", expected.triggers, actual.triggers))
    for key in sorted(expected.extras.keys() | actual.extras.keys()):
        found.extend(_compare(key, expected.extras.get(key, ()), actual.extras.get(key, ())))
    return found


def _compare(what: str, want: Collection[object], got: Collection[object]) -> list[str]:
    if want == got:
        return []
    missing = [x for x in want if x not in got]
    unexpected = [x for x in got if x not in want]
    if not missing and not unexpected:
        return [f"{what}: the same, in another order"]
    return [f"{what}: missing {missing}, unexpected {unexpected}"]


def unpack_released(archive: Path, data_dir: Path) -> Path:
    """Decompress a released SQLite clinic into ``data_dir``; returns its database file."""
    db_path = paths.database_path(data_dir)
    data_dir.mkdir(parents=True)
    db_path.write_bytes(lzma.decompress(archive.read_bytes()))
    return db_path


def look_at(target: str | Path) -> tuple[Schema, dict[str, int]]:
    """The schema and each table's row count of a closed SQLite file or a PostgreSQL URL."""
    text = str(target)
    db = (
        connect(text)
        if text.startswith("postgresql://")
        else ClinicDatabase(text, clinic_files.key_for(Path(text)))
    )
    try:
        counts = {
            t: db.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in db.get_tables()
        }
        return describe(db), counts
    finally:
        db.close()


def live_models() -> list[type[BaseModel]]:
    """Every model class in ``iopdesk.db.models`` (a new module is found without a list)."""
    for info in pkgutil.iter_modules(iopdesk.db.models.__path__):
        importlib.import_module(f"iopdesk.db.models.{info.name}")
    found: list[type[BaseModel]] = []
    pending = list(BaseModel.__subclasses__())
    while pending:
        model = pending.pop()
        found.append(model)
        pending.extend(model.__subclasses__())
    return sorted(found, key=lambda m: m._meta.table_name)


def _describe_sqlite(db: peewee.SqliteDatabase) -> Schema:
    names = [
        r[0]
        for r in db.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    tables = {}
    for name in names:
        columns = tuple(
            Column(r[1], r[2].upper(), bool(r[3]), r[4], r[5])
            for r in db.execute_sql(f'PRAGMA table_info("{name}")')
        )
        indexes = frozenset(
            Index(
                r[1],
                tuple(c[2] for c in db.execute_sql(f'PRAGMA index_info("{r[1]}")')),
                bool(r[2]),
            )
            for r in db.execute_sql(f'PRAGMA index_list("{name}")')
        )
        keys: dict[int, list[tuple]] = {}
        for r in db.execute_sql(f'PRAGMA foreign_key_list("{name}")'):
            keys.setdefault(r[0], []).append(r)
        foreign_keys = frozenset(
            ForeignKey(
                tuple(r[3] for r in rows),
                rows[0][2],
                tuple(r[4] for r in rows),
                rows[0][5],
                rows[0][6],
            )
            for rows in (sorted(rows, key=lambda r: r[1]) for rows in keys.values())
        )
        tables[name] = Table(columns, indexes, foreign_keys)
    triggers = frozenset(
        db.execute_sql("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
    )
    app_id = db.execute_sql("PRAGMA application_id").fetchone()[0]
    return Schema(tables, triggers, {"application_id": (app_id,)})


_ACTIONS = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}

_PG_COLUMNS = """
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid),
       COALESCE(array_position(pk.conkey, a.attnum), 0)
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_constraint pk ON pk.conrelid = c.oid AND pk.contype = 'p'
WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum
"""

_PG_INDEXES = """
SELECT t.relname, i.relname, x.indisunique,
       ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(num, pos)
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.num ORDER BY k.pos)
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
WHERE t.relnamespace = current_schema()::regnamespace
"""

_PG_FOREIGN_KEYS = """
SELECT t.relname, f.relname, k.confupdtype, k.confdeltype,
       ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY n(num, pos)
             JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = n.num ORDER BY n.pos),
       ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY n(num, pos)
             JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = n.num ORDER BY n.pos)
FROM pg_constraint k
JOIN pg_class t ON t.oid = k.conrelid
JOIN pg_class f ON f.oid = k.confrelid
WHERE k.contype = 'f' AND t.relnamespace = current_schema()::regnamespace
"""

_PG_TRIGGERS = """
SELECT g.tgname, c.relname, pg_get_triggerdef(g.oid)
FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
WHERE NOT g.tgisinternal AND c.relnamespace = current_schema()::regnamespace
"""

_PG_FUNCTIONS = """
SELECT proname, pg_get_functiondef(oid) FROM pg_proc
WHERE pronamespace = current_schema()::regnamespace ORDER BY proname
"""

_PG_SEQUENCES = """
SELECT c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin,
       s.seqmax, s.seqcache, s.seqcycle
FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
WHERE c.relnamespace = current_schema()::regnamespace ORDER BY c.relname
"""


def _describe_postgresql(db: peewee.Database) -> Schema:
    columns: dict[str, list[Column]] = {}
    for table, *column in db.execute_sql(_PG_COLUMNS):
        columns.setdefault(table, []).append(Column(*column))
    indexes: dict[str, set[Index]] = {name: set() for name in columns}
    for table, name, unique, names in db.execute_sql(_PG_INDEXES):
        indexes[table].add(Index(name, tuple(names), unique))
    keys: dict[str, set[ForeignKey]] = {name: set() for name in columns}
    for table, target, on_update, on_delete, names, to in db.execute_sql(_PG_FOREIGN_KEYS):
        keys[table].add(
            ForeignKey(tuple(names), target, tuple(to), _ACTIONS[on_update], _ACTIONS[on_delete])
        )
    tables = {
        name: Table(tuple(cols), frozenset(indexes[name]), frozenset(keys[name]))
        for name, cols in columns.items()
    }
    extras = {
        "functions": tuple(db.execute_sql(_PG_FUNCTIONS)),
        "sequences": tuple(db.execute_sql(_PG_SEQUENCES)),
    }
    return Schema(tables, frozenset(db.execute_sql(_PG_TRIGGERS)), extras)


def declared_by_models(db: peewee.Database) -> Schema:
    """The schema the live models would create in the empty database ``db``."""
    models = live_models()
    with db.bind_ctx(models):
        db.create_tables(models)
    return describe(db)


def disagreements(declared: Schema, migrated: Schema) -> list[str]:
    """Where the migrated schema lacks (or has more than) what the models declare."""
    found = []
    for name in sorted(migrated.tables.keys() - declared.tables.keys() - {"schema_version"}):
        found.append(f"table {name} exists in the database, but no model declares it")
    for name, want in sorted(declared.tables.items()):
        got = migrated.tables.get(name)
        if got is None:
            found.append(f"table {name} is declared by a model, but no migration step creates it")
            continue
        have = {c.name: c for c in got.columns}
        for column in want.columns:
            other = have.pop(column.name, None)
            if other is None:
                found.append(
                    f"column {name}.{column.name} ({_shape(column)}) is declared by the model, "
                    "but no migration step adds it"
                )
            elif _shape(other) != _shape(column):
                found.append(
                    f"column {name}.{column.name}: the model declares {_shape(column)}, "
                    f"the migrated database has {_shape(other)}"
                )
        found.extend(
            f"column {name}.{extra} exists in the database, but the model does not declare it"
            for extra in have
        )
        found.extend(
            f"index {index.name} on {name} {index.columns} (unique: {index.unique}) is declared "
            "by the model, but no migration step creates it"
            for index in sorted(want.indexes - got.indexes, key=lambda i: i.name)
        )
        found.extend(
            f"foreign key {name}{key.columns} -> {key.table}{key.to} (on delete {key.on_delete}) "
            "is declared by the model, but no migration step creates it"
            for key in sorted(want.foreign_keys - got.foreign_keys, key=lambda k: k.columns)
        )
    return found


def _shape(column: Column) -> str:
    key = " PRIMARY KEY" if column.primary_key else ""
    return f"{column.type}{' NOT NULL' if column.not_null else ''}{key}"
