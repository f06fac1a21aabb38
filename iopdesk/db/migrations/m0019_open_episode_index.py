"""Step 19: an index on when episodes ended, for "episodes open on a day" over a large clinic."""

from __future__ import annotations

import peewee

VERSION = 19
DESCRIPTION = "indexes: an episode's discharge date (the open episodes of a day)"

#: The same SQL on SQLite and PostgreSQL. Open episodes are found by "discharge_date IS NULL
#: OR discharge_date >= day": with this index PostgreSQL reads the few open ones (a bitmap of
#: both halves) instead of scanning 50,000 episodes, as the caseload and Today's lists ask.
STATEMENTS = ('CREATE INDEX "episode_discharge_date" ON "episode" ("discharge_date")',)


def apply(db: peewee.Database) -> None:
    """Add the index (a moment, even on a clinic of 50,000 episodes)."""
    for sql in STATEMENTS:
        db.execute_sql(sql)
