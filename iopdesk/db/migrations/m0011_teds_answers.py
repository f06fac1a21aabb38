"""Step 11: the state reporting (TEDS) answers of an intake and of a discharge, kept raw, and
an index that lets program reports sum attendance minutes without reading the table."""

from __future__ import annotations

import peewee

from iopdesk.db.connection import is_sqlite

VERSION = 11
DESCRIPTION = "state reporting (TEDS) answers at intake and at discharge; report index"

_ADMISSION = (
    "gender",
    "race",
    "ethnicity",
    "education",
    "employment",
    "living",
    "veteran",
    "pregnant",
    "referral",
    "prior_episodes",
    "arrests",
    "self_help",
    "sub1",
    "route1",
    "freq1",
    "age1",
    "sub2",
    "route2",
    "freq2",
    "age2",
    "sub3",
    "route3",
    "freq3",
    "age3",
)
_DISCHARGE = ("employment", "living", "arrests", "self_help", "freq1", "freq2", "freq3")


def _statements(key: str) -> tuple[str, ...]:
    """The frozen DDL; ``key`` is the primary key column as each engine writes it."""

    def table(name: str, parent: str, action: str, answers: tuple[str, ...]) -> tuple[str, ...]:
        columns = ", ".join(f'"{a}" VARCHAR(30) NOT NULL' for a in answers)
        return (
            f'CREATE TABLE "{name}" ({key}, "{parent}_id" INTEGER NOT NULL, {columns}, '
            f'FOREIGN KEY ("{parent}_id") REFERENCES "{_PARENTS[parent]}" ("id") '
            f"ON DELETE {action})",
            f'CREATE UNIQUE INDEX "{name}_{parent}_id" ON "{name}" ("{parent}_id")',
        )

    return (
        *table("teds_admission", "assessment", "CASCADE", _ADMISSION),
        *table("teds_discharge", "discharge", "RESTRICT", _DISCHARGE),
        # Program reports sum a year of attendance minutes from the index alone.
        'CREATE INDEX "attendance_session_id_client_id_minutes" ON "attendance" '
        '("session_id", "client_id", "minutes")',
    )


_PARENTS = {"assessment": "intake_assessment", "discharge": "discharge"}
SQLITE = _statements('"id" INTEGER NOT NULL PRIMARY KEY')
POSTGRESQL = _statements('"id" SERIAL NOT NULL PRIMARY KEY')


def apply(db: peewee.Database) -> None:
    """Create the two answer tables (one row per intake assessment, one per discharge)."""
    for sql in SQLITE if is_sqlite(db) else POSTGRESQL:
        db.execute_sql(sql)
