"""The 'series made up to' cache belongs to one open database: a new database object never
inherits it, even if Python gives it the old object's id."""

from __future__ import annotations

import datetime as dt
import gc

from iopdesk.db.connection import close_database, database
from iopdesk.services.calendar import series
from iopdesk.services.store import create_clinic


def test_a_newly_opened_database_starts_with_no_horizon(store, tmp_path):
    far = dt.date.today() + dt.timedelta(days=400)
    series.ensure_horizon(far)
    assert series._ensured.get(database.obj) == far
    close_database()
    gc.collect()
    assert len(series._ensured) == 0  # nothing kept for a database that is gone
    create_clinic(tmp_path / "other-clinic")
    assert series._ensured.get(database.obj) is None
    assert series.default_horizon(dt.date.today(), None) < far
