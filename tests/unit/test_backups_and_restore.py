"""Backups: verified online copies, rotation, restore of exactly that state, clear failures."""

import datetime as dt
import os

import pytest

from iopdesk import paths
from iopdesk.db.connection import close_database
from iopdesk.db.models.core import Staff
from iopdesk.errors import DomainError
from iopdesk.services.admin import backups, staff
from iopdesk.services.admin.staff import StaffForm
from iopdesk.services.store import open_clinic, restore_backup
from tests import clinic_files
from tests.conftest import PASSWORD


def test_backup_now_is_verified_and_restore_brings_back_exactly_that_state(store, admin, tmp_path):
    info = backups.backup_now(admin, store.db_path, tmp_path / "usb")
    assert info.path.exists() and info.clinic_name == "Riverbend Recovery"
    staff.add_staff(admin, StaffForm("later", "Added Later", "clinician"), PASSWORD)
    assert Staff.select().count() == 2
    restore_backup(store.data_dir, info.path, admin)
    assert [s.username for s in Staff.select()] == ["admin"]
    aside = list(paths.aside_dir(store.data_dir).glob("clinic-before-restore-*.iopdesk"))
    assert len(aside) == 1  # the replaced database is kept, not deleted
    conn = clinic_files.connect(aside[0], clinic_files.key_for(store.db_path))
    assert conn.execute("SELECT count(*) FROM staff").fetchone()[0] == 2
    conn.close()


def test_restore_needs_an_administrator(store, admin, clinician, tmp_path):
    info = backups.backup_now(admin, store.db_path, tmp_path / "usb")
    with pytest.raises(DomainError, match="not allowed"):
        restore_backup(store.data_dir, info.path, clinician)
    with pytest.raises(DomainError, match="administrator"):
        restore_backup(store.data_dir, info.path, None)


@pytest.mark.parametrize(
    "content", [b"", b"hello, this is not a database" * 10, b"SQLite format 3\x00" + b"\x00" * 84]
)
def test_things_that_are_not_backups_are_refused(store, admin, tmp_path, content):
    bogus = tmp_path / "bogus.iopbak"
    bogus.write_bytes(content)
    with pytest.raises(DomainError, match="not a usable IOPdesk backup"):
        restore_backup(store.data_dir, bogus, admin)
    assert Staff.select().count() == 1


def test_the_live_database_is_not_a_backup_file(store, admin):
    close_database()
    with pytest.raises(DomainError, match="not a usable IOPdesk backup"):
        backups.read_backup_info(store.db_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_unwritable_folder_gives_a_sentence_and_writes_nothing(store, admin, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(DomainError, match="cannot be written"):
        backups.backup_now(admin, store.db_path, folder)
    assert list(folder.iterdir()) == []


def test_a_folder_nobody_can_write_gives_a_sentence(store, admin):
    with pytest.raises(DomainError, match=r"could not be written|cannot be written"):
        backups.backup_now(admin, store.db_path, paths.Path("/proc/iopdesk-usb"))


def test_a_folder_that_is_a_file_gives_a_sentence(store, admin, tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    with pytest.raises(DomainError, match=r"could not be written|cannot be written"):
        backups.backup_now(admin, store.db_path, not_a_folder)


def test_automatic_backup_only_when_something_changed(store, admin):
    first = backups.auto_backup(store.db_path, store.backups_dir)
    assert first is not None
    assert backups.auto_backup(store.db_path, store.backups_dir) is None
    staff.add_staff(admin, StaffForm("later", "Added Later", "clinician"), PASSWORD)
    assert backups.auto_backup(store.db_path, store.backups_dir) is not None
    assert backups.last_backup_time(store.backups_dir) is not None


def test_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path):
    start = dt.datetime(2025, 1, 1, 18, 0)
    for day in range(400):
        for hour in (9, 17):
            stamp = (start + dt.timedelta(days=day)).replace(hour=hour)
            (tmp_path / f"auto-{stamp:%Y-%m-%d_%H%M%S}.iopbak").write_bytes(b"x")
    backups.rotate(tmp_path)
    kept = sorted(p.name for p in tmp_path.glob("auto-*"))
    newest = start + dt.timedelta(days=399)
    days = {name[5:15] for name in kept}
    assert len(kept) == len(days)  # one per day at most, the newest of that day
    assert all(name.endswith("_170000.iopbak") for name in kept)
    for back in range(7):
        assert (newest - dt.timedelta(days=back)).strftime("%Y-%m-%d") in days
    assert len(kept) <= 7 + 4 + 12
    months = {name[5:12] for name in kept}
    assert len(months) >= 12


def test_backup_while_another_process_writes_is_consistent(store, admin, tmp_path):
    import subprocess
    import sys

    key = clinic_files.key_for(store.db_path)

    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"""
import time
from tests import clinic_files
c = clinic_files.connect({str(store.db_path)!r}, bytes.fromhex({key.hex()!r}))
c.execute("PRAGMA busy_timeout=15000")
c.execute("PRAGMA journal_mode=wal")
for i in range(300):
    c.execute("BEGIN IMMEDIATE")
    c.execute("INSERT INTO setting (key, value) VALUES (?, '1')", (f"k{{i}}",))
    c.commit()
""",
        ],
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    infos = [backups.copy_database(store.db_path, tmp_path / f"b{i}.iopbak") for i in range(5)]
    writer.wait(timeout=60)
    assert writer.returncode == 0
    for info in infos:
        assert backups.verify_backup(info.path, key).encrypted


def test_restored_database_reopens(store, admin, tmp_path):
    info = backups.backup_now(admin, store.db_path, tmp_path / "usb")
    restore_backup(store.data_dir, info.path, admin)
    close_database()
    open_clinic(store.data_dir, key=clinic_files.key_for(store.db_path))
    assert Staff.select().count() == 1


def test_a_damaged_newest_backup_is_replaced_even_when_nothing_changed(store, admin):
    first = backups.auto_backup(store.db_path, store.backups_dir)
    assert backups.auto_backup(store.db_path, store.backups_dir) is None  # nothing changed
    data = bytearray(first.path.read_bytes())
    data[-10] ^= 0x01  # one bit rots on the disk
    first.path.write_bytes(bytes(data))
    with pytest.raises(DomainError, match="no longer match the checksum"):
        backups.read_backup_info(first.path)
    import time

    time.sleep(1)  # a new file name (stamped to the second)
    again = backups.auto_backup(store.db_path, store.backups_dir)
    assert again is not None and again.path != first.path
    assert backups.newest_good_backup([store.backups_dir]).path == again.path
