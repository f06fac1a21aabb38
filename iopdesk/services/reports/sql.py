"""Date arithmetic for report queries, written once for SQLite and once for PostgreSQL.

SQLite keeps dates as ISO text and PostgreSQL as DATE, so "days between" and "the month of"
need each engine's own functions; every report query uses these instead of writing its own.
"""

from __future__ import annotations

import datetime as dt

import peewee as pw

from iopdesk.db.connection import database, is_sqlite
from iopdesk.domain.report_rules import WEEK_EPOCH

#: Julian day number of WEEK_EPOCH (1900-01-01, a Monday).
_EPOCH_JULIAN = 2415020.5


def day_number(field: pw.Field) -> pw.Node:
    """Whole days from WEEK_EPOCH (1900-01-01, a Monday) to the date in ``field``."""
    if is_sqlite():
        return pw.Cast(pw.fn.julianday(field) - _EPOCH_JULIAN, "INTEGER")
    return field - pw.SQL(f"DATE '{WEEK_EPOCH.isoformat()}'")


def days_between(first: pw.Field, last: pw.Field) -> pw.Node:
    """Whole days from the date in ``first`` to the date in ``last``."""
    return day_number(last) - day_number(first)


def week_number(field: pw.Field) -> pw.Node:
    """The Monday-Sunday week of the date in ``field`` (see report_rules.week_monday)."""
    return day_number(field) / 7


def day_text(field: pw.Field) -> pw.Node:
    """The date in ``field`` as ISO text ``YYYY-MM-DD`` (for long lists read without
    converting each value)."""
    if is_sqlite():
        return field
    return pw.fn.to_char(field, "YYYY-MM-DD")


def month_of(field: pw.Field) -> pw.Node:
    """The month of the date in ``field`` as text ``YYYY-MM``."""
    if is_sqlite():
        return pw.fn.substr(field, 1, 7)
    return pw.fn.to_char(field, "YYYY-MM")


def as_date(value: object) -> dt.date:
    """A date column's value as a date (SQLite hands back ISO text in some queries)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def raw_rows(query: pw.SelectQuery) -> list[tuple[object, ...]]:
    """The query's rows as the database driver hands them over, without Peewee converting
    each value (tens of thousands of rows in a tenth of the time): dates may be ISO text
    (``as_date``), booleans 0/1."""
    return list(database.execute(query).fetchall())
