"""The base model every table shares, bound to the database proxy."""

from __future__ import annotations

import datetime as dt

import peewee

from iopdesk.db.connection import database


def now() -> dt.datetime:
    """The clinic's wall-clock time, to the second (what every ``created_at`` records)."""
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(peewee.Model):
    """Every IOPdesk table: snake_case names, bound to the proxy."""

    # peewee adds this automatic primary key itself; declared here for the type checker only.
    id: int

    class Meta:
        database = database
        legacy_table_names = False
