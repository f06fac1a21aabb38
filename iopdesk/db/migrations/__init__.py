"""Schema versions: a frozen baseline (version 7, the first release), then frozen later steps.

A step is a module ``mNNNN_name.py`` here defining ``VERSION`` (= NNNN), ``DESCRIPTION`` and
``apply(db)``. ``m0007_baseline`` builds a new clinic's whole schema from its own SQL text
(``_m0007_sqlite.py``, ``_m0007_postgresql.py``); each later step runs once, in order, in its own
transaction, after a backup. A released step never changes, and no step imports
``iopdesk.db.models``: the models move on, while a step must build the same schema forever.
Versions 1-6 were development builds before the first release; such a database is refused,
untouched.

How to add a field:

1. Add it to the model with ``default=`` (or ``null=True``).
2. Add ``m0008_episode_referral_note.py`` (the next number) with the column in its own words::

       VERSION = 8
       DESCRIPTION = "episode: referral note"

       def apply(db: peewee.Database) -> None:
           db.execute_sql(
               "ALTER TABLE episode ADD COLUMN referral_note TEXT NOT NULL DEFAULT ''"
           )

   NOT NULL needs a SQL ``DEFAULT`` for the rows already there. Never rebuild a table (as
   playhouse's ``add_column``/``add_not_null`` do on SQLite): that fails on a table other rows
   point at and on the audit trail. Write types as ``_m0007_sqlite.py`` and
   ``_m0007_postgresql.py`` do (VARCHAR(200), TEXT, DATE...); where the two differ
   (DATETIME/TIMESTAMP, INTEGER/BOOLEAN) choose by ``is_sqlite(db)``. For ``index=True`` add
   ``CREATE INDEX episode_referral_note ON episode (referral_note)`` (peewee's index name).

How to add a table: in the step, declare a snapshot of the model (``class _Referral(peewee.Model)``
with ``Meta.table_name``, the fields copied, a foreign key to a stub such as
``class _Client(peewee.Model)`` with ``table_name = "client"``), then
``with db.bind_ctx([_Client, _Referral]): db.create_tables([_Referral])``.

The guard is ``tests/unit/test_schema_equivalence.py`` (and ``test_schema_postgresql.py``): it
fails while a model column, index or table has no step, and it compares a new clinic with each
released clinic in ``tests/data`` after its upgrade. When a version is released, add a clinic it
wrote there: ``clinic-vN.iopdesk.xz`` (``iopdesk demo``, xz) and ``clinic-vN-postgresql.sql.xz``
(the demo on PostgreSQL, ``pg_dump --no-owner --no-privileges``, xz).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import peewee

from iopdesk.errors import DatabaseProblem

STEP_MODULE = re.compile(r"m(\d{4})_\w+")


@dataclass(frozen=True)
class Step:
    """One migration step."""

    version: int
    description: str
    apply: Callable[[peewee.Database], None]


def load_steps(path: Iterable[str], package: str) -> list[Step]:
    """The ``mNNNN_name`` step modules of a package, in order (each VERSION must match NNNN)."""
    steps = []
    for info in pkgutil.iter_modules(path):
        match = STEP_MODULE.fullmatch(info.name)
        if match is None:
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        if int(match.group(1)) != module.VERSION:
            raise RuntimeError(f"{info.name} says VERSION = {module.VERSION}; rename one of them")
        steps.append(Step(module.VERSION, module.DESCRIPTION, module.apply))
    steps.sort(key=lambda s: s.version)
    return steps


STEPS: list[Step] = load_steps(__path__, __name__)
BASELINE_VERSION: int = STEPS[0].version
SCHEMA_VERSION: int = STEPS[-1].version
if [s.version for s in STEPS] != list(range(BASELINE_VERSION, SCHEMA_VERSION + 1)):
    raise RuntimeError(f"Migration steps must be numbered without gaps: {STEPS}")


def current_version(db: peewee.Database) -> int:
    """The schema version recorded in the database (0 for a new, empty database)."""
    if not db.table_exists("schema_version"):
        if db.get_tables():
            raise DatabaseProblem(
                "This file is a database, but not an IOPdesk clinic database. "
                "Choose the clinic's own data folder or a backup made by IOPdesk."
            )
        return 0
    row = db.execute_sql("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def check_supported(version: int) -> None:
    """Refuse a database this IOPdesk cannot use (newer, or a development build's), unchanged."""
    if version > SCHEMA_VERSION:
        raise DatabaseProblem(
            f"This clinic database was written by a newer version of IOPdesk (data version "
            f"{version}; this copy understands up to {SCHEMA_VERSION}). Install the newer "
            "IOPdesk on this computer; nothing has been changed."
        )
    if 0 < version < BASELINE_VERSION:
        raise DatabaseProblem(
            f"This clinic database was made by a development build of IOPdesk (data version "
            f"{version}), before the first release (data version {BASELINE_VERSION}), and this "
            "copy cannot upgrade it; nothing has been changed. Start a new data folder, or ask "
            "whoever installed that build to move its records over."
        )


def migrate(db: peewee.Database, before_upgrade: Callable[[int, int], None] | None = None) -> int:
    """Bring the database to SCHEMA_VERSION; ``before_upgrade(old, new)`` backs up first."""
    version = current_version(db)
    check_supported(version)
    steps = [s for s in STEPS if s.version > version]
    if not steps:
        return version
    if version > 0 and before_upgrade is not None:
        before_upgrade(version, SCHEMA_VERSION)
    for step in steps:
        with db.atomic():
            step.apply(db)
            _record_version(db, step.version)
    return SCHEMA_VERSION


def _record_version(db: peewee.Database, version: int) -> None:
    if version == BASELINE_VERSION:
        db.execute_sql("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        db.execute_sql(f"INSERT INTO schema_version (version) VALUES ({db.param})", (version,))
    else:
        db.execute_sql(f"UPDATE schema_version SET version = {db.param}", (version,))
