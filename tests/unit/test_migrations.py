"""Schema versions: new databases, upgrades with a backup first, refusal of newer and older ones."""

import ast
import sqlite3
import sys
from pathlib import Path

import pytest

from iopdesk import paths
from iopdesk.db import migrations
from iopdesk.db.connection import close_database, database_key
from iopdesk.errors import DatabaseProblem, DomainError
from iopdesk.services.admin import backups
from iopdesk.services.store import create_clinic, open_clinic
from tests import clinic_files
from tests.schemas import DATA, differences, look_at, unpack_released


def _version(db_path):
    conn = clinic_files.connect(db_path)
    try:
        return conn.execute("SELECT version FROM schema_version").fetchone()[0]
    finally:
        conn.close()


def _set_version(db_path, version):
    conn = clinic_files.connect(db_path)
    conn.execute("UPDATE schema_version SET version = ?", (version,))
    conn.commit()
    conn.close()


def test_a_new_database_gets_the_baseline_and_every_later_step(store):
    assert _version(store.db_path) == migrations.SCHEMA_VERSION
    versions = [s.version for s in migrations.STEPS]
    assert versions == list(range(migrations.BASELINE_VERSION, migrations.SCHEMA_VERSION + 1))


def test_no_step_imports_the_live_models():
    for step in migrations.STEPS:
        source = Path(sys.modules[step.apply.__module__].__file__).read_text()
        imported = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                imported.update(f"{node.module}.{alias.name}" for alias in node.names)
        assert not [n for n in imported if n.startswith("iopdesk.db.models")], step


def test_a_later_step_upgrades_a_released_clinic_to_the_schema_of_a_new_one(later_step, tmp_path):
    new = create_clinic(tmp_path / "new")
    clinic_files.KEYS[new.db_path] = database_key()
    close_database()
    db_path = unpack_released(DATA / "clinic-v7.iopdesk.xz", tmp_path / "released")
    before = look_at(db_path)[1]

    open_clinic(db_path.parent)
    close_database()

    schema, after = look_at(db_path)
    assert _version(new.db_path) == _version(db_path) == later_step
    assert differences(look_at(new.db_path)[0], schema) == []
    assert "referral" in schema.tables and after["referral"] == 0
    assert {name: after[name] for name in before} == before
    backups_dir = paths.backups_dir(db_path.parent)
    upgrade_backups = list(backups_dir.glob(f"before-upgrade-v7-to-v{later_step}-*.iopbak"))
    assert len(upgrade_backups) == 1
    assert backups.read_backup_info(upgrade_backups[0]).schema_version == 7
    assert not backups.read_backup_info(upgrade_backups[0]).encrypted  # an old plain clinic
    conn = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit_event SET detail = 'changed'")
    finally:
        conn.close()


@pytest.mark.parametrize("version", [1, 6])
def test_a_development_build_database_is_refused_untouched(store, admin, version):
    close_database()
    _set_version(store.db_path, version)
    before = store.db_path.read_bytes()
    with pytest.raises(
        DatabaseProblem, match=f"development build of IOPdesk \\(data version {version}\\)"
    ):
        open_clinic(store.data_dir, key=clinic_files.key_for(store.db_path))
    assert store.db_path.read_bytes() == before
    assert not paths.backups_dir(store.data_dir).exists()


def test_a_development_build_backup_is_not_restored(store, tmp_path):
    close_database()
    _set_version(store.db_path, 3)
    key = clinic_files.key_for(store.db_path)
    backup = backups.copy_database(store.db_path, tmp_path / "old.iopbak", key=key).path
    with pytest.raises(DomainError, match=r"old\.iopbak cannot be restored\. .*development build"):
        backups.read_backup_info(backup)


def test_a_database_from_a_newer_iopdesk_is_refused_untouched(store, admin):
    close_database()
    _set_version(store.db_path, 999)
    before = store.db_path.read_bytes()
    with pytest.raises(DatabaseProblem, match="newer version of IOPdesk"):
        open_clinic(store.data_dir, key=clinic_files.key_for(store.db_path))
    assert store.db_path.read_bytes() == before


def test_a_foreign_sqlite_file_is_not_taken_for_a_clinic(data_dir):
    data_dir.mkdir(parents=True)
    conn = sqlite3.connect(paths.database_path(data_dir))
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseProblem):
        open_clinic(data_dir)
