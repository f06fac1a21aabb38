"""Schema versions: an ordered list of steps (``mNNNN_name.py``), a backup before each upgrade.

Each step module defines ``VERSION`` (its number), ``DESCRIPTION`` and ``apply(db)``. Steps run
in order, each in its own transaction, and never change once released: a later change to a
table is a new step (``playhouse.migrate``), not an edit of an old one.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import peewee

from iopdesk.errors import DatabaseProblem


@dataclass(frozen=True)
class Step:
    """One migration step."""

    version: int
    description: str
    apply: Callable[[peewee.Database], None]


def _load_steps() -> list[Step]:
    steps = []
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("m"):
            continue
        module: ModuleType = importlib.import_module(f"{__name__}.{info.name}")
        steps.append(Step(module.VERSION, module.DESCRIPTION, module.apply))
    steps.sort(key=lambda s: s.version)
    versions = [s.version for s in steps]
    if len(set(versions)) != len(versions) or (versions and versions[0] != 1):
        raise RuntimeError(f"Migration steps must start at 1 and be unique, got {versions}")
    return steps


STEPS: list[Step] = _load_steps()
SCHEMA_VERSION: int = STEPS[-1].version if STEPS else 0


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


def check_not_newer(version: int) -> None:
    """Refuse a database written by a newer IOPdesk, in words the clinic understands."""
    if version > SCHEMA_VERSION:
        raise DatabaseProblem(
            f"This clinic database was written by a newer version of IOPdesk (data version "
            f"{version}; this copy understands up to {SCHEMA_VERSION}). Install the newer "
            "IOPdesk on this computer; nothing has been changed."
        )


def pending_steps(db: peewee.Database) -> list[Step]:
    """The steps that still need to run on this database (raises if it is too new)."""
    version = current_version(db)
    check_not_newer(version)
    return [s for s in STEPS if s.version > version]


def migrate(db: peewee.Database, before_upgrade: Callable[[int, int], None] | None = None) -> int:
    """Bring the database to SCHEMA_VERSION; ``before_upgrade(old, new)`` backs up first."""
    version = current_version(db)
    steps = pending_steps(db)
    if not steps:
        return version
    if version > 0 and before_upgrade is not None:
        before_upgrade(version, SCHEMA_VERSION)
    for step in steps:
        with db.atomic():
            step.apply(db)
            if step.version == 1:
                db.execute_sql("CREATE TABLE schema_version (version INTEGER NOT NULL)")
                db.execute_sql("INSERT INTO schema_version (version) VALUES (1)")
            else:
                sql = f"UPDATE schema_version SET version = {db.param}"
                db.execute_sql(sql, (step.version,))
    return SCHEMA_VERSION
