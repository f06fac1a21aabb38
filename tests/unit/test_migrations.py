"""Schema versions: new databases, upgrades with a backup first, refusal of newer ones."""

import sqlite3

import pytest

from iopdesk import paths
from iopdesk.db import migrations
from iopdesk.db.connection import close_database, open_database
from iopdesk.db.models.core import Clinic
from iopdesk.errors import DatabaseProblem
from iopdesk.services.store import open_clinic


def _version(db_path):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT version FROM schema_version").fetchone()[0]
    finally:
        conn.close()


def test_a_new_database_gets_every_step(store):
    assert _version(store.db_path) == migrations.SCHEMA_VERSION
    assert [s.version for s in migrations.STEPS] == sorted({s.version for s in migrations.STEPS})


def test_upgrade_backs_up_first_and_keeps_data(data_dir):
    db_path = paths.database_path(data_dir)
    db = open_database(db_path)
    with db.atomic():
        migrations.STEPS[0].apply(db)
        db.execute_sql("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        db.execute_sql("INSERT INTO schema_version (version) VALUES (1)")
    Clinic.create(name="Old Clinic")
    close_database()
    if migrations.SCHEMA_VERSION == 1:
        pytest.skip("only one schema version so far")
    open_clinic(data_dir)
    assert Clinic.get().name == "Old Clinic"
    close_database()
    assert _version(db_path) == migrations.SCHEMA_VERSION
    backups = list(paths.backups_dir(data_dir).glob("before-upgrade-v1-to-*.iopbak"))
    assert len(backups) == 1
    assert _version(backups[0]) == 1


def test_a_database_from_a_newer_iopdesk_is_refused_untouched(store):
    close_database()
    conn = sqlite3.connect(store.db_path)
    conn.execute("UPDATE schema_version SET version = 999")
    conn.commit()
    conn.close()
    before = store.db_path.read_bytes()
    with pytest.raises(DatabaseProblem, match="newer version of IOPdesk"):
        open_clinic(store.data_dir)
    assert store.db_path.read_bytes() == before


def test_a_foreign_sqlite_file_is_not_taken_for_a_clinic(data_dir):
    data_dir.mkdir(parents=True)
    conn = sqlite3.connect(paths.database_path(data_dir))
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseProblem):
        open_clinic(data_dir)
