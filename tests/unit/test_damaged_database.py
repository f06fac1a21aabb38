"""Start-up checks: damaged files are detected, never used, kept aside; recovery from backup."""

import sqlite3

import pytest

from iopdesk import paths
from iopdesk.db.connection import close_database
from iopdesk.db.health import inspect_file
from iopdesk.db.models.core import Staff
from iopdesk.errors import DomainError
from iopdesk.services.admin import backups
from iopdesk.services.store import (
    Credential,
    DamagedDatabase,
    backup_folders,
    open_clinic,
    restore_backup,
    set_aside_damaged,
)
from tests import clinic_files
from tests.conftest import PASSWORD


def _closed_clinic(store, admin):
    backups.auto_backup(store.db_path, store.backups_dir)
    close_database()
    return store.db_path


def _page_size(path):
    head = path.read_bytes()[:18]
    return int.from_bytes(head[16:18], "big") if head.startswith(b"SQLite format 3") else 4096


def _flip_page_headers(path):
    data = bytearray(path.read_bytes())
    size = _page_size(path)
    for page in range(1, len(data) // size):  # every b-tree page header after page 1
        offset = page * size
        for i in range(8):
            data[offset + i] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _bad_header(path):
    data = bytearray(path.read_bytes())
    data[0:16] = b"NOT A DATABASE!!"
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [_flip_page_headers, _truncate, _bad_header],
    ids=["flipped bytes", "truncated", "bad header"],
)
def test_damage_is_detected_at_start_up_and_the_file_is_kept(store, admin, damage):
    db_path = _closed_clinic(store, admin)
    key = clinic_files.key_for(db_path)
    damage(db_path)
    damaged_bytes = db_path.read_bytes()
    assert not inspect_file(db_path, key=key).ok
    with pytest.raises(DamagedDatabase) as err:
        open_clinic(store.data_dir, key=key)
    assert "damaged" in err.value.message
    assert db_path.read_bytes() == damaged_bytes  # never opened for writing, never overwritten
    aside = set_aside_damaged(store.data_dir)
    assert aside.read_bytes() == damaged_bytes and not db_path.exists()
    newest = backups.newest_good_backup(backup_folders(store.data_dir))
    assert newest is not None
    with pytest.raises(DomainError, match="encrypted: give a user name"):
        restore_backup(store.data_dir, newest.path, None)
    restore_backup(store.data_dir, newest.path, None, Credential("admin", PASSWORD))
    assert Staff.select().count() == 1
    close_database()
    assert inspect_file(db_path, thorough=True, key=key).ok


def test_a_healthy_file_passes(store, admin):
    close_database()
    health = inspect_file(store.db_path, thorough=True, key=clinic_files.key_for(store.db_path))
    assert health.ok and health.schema_version > 0


def test_a_damaged_backup_is_skipped_for_the_next_good_one(store, admin, tmp_path):
    folder = paths.backups_dir(store.data_dir)
    good = backups.copy_database(store.db_path, folder / "auto-2026-01-01_090000.iopbak")
    bad = backups.copy_database(store.db_path, folder / "auto-2026-01-02_090000.iopbak")
    _bad_header(bad.path)
    import os

    os.utime(good.path, (1, 1))
    assert backups.newest_good_backup([folder]).path == good.path


def test_integrity_of_a_sqlite_file_without_our_marker_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 12345")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert "not made by IOPdesk" in inspect_file(path).problem


def test_a_clinic_left_open_by_a_killed_process_is_not_called_damaged(store, admin):
    import os
    import signal

    from iopdesk.db.connection import write_transaction
    from iopdesk.db.models.core import Setting

    key = clinic_files.key_for(store.db_path)
    close_database()
    pid = os.fork()
    if pid == 0:  # a second IOPdesk that dies with the clinic open, mid-work
        open_clinic(store.data_dir, key=key)
        with write_transaction():
            Setting.create(key="last words", value="1")
        os.kill(os.getpid(), signal.SIGKILL)
    os.waitpid(pid, 0)
    assert inspect_file(store.db_path, key=key).ok
    open_clinic(store.data_dir, key=key)
    assert Setting.get_or_none(Setting.key == "last words") is not None
