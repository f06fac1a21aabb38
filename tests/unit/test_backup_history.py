"""The backups a clinic knows of, and when an administrator is warned that backups are overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.errors import DomainError
from iopdesk.services.admin import backup_history, backup_log, backups, clinic, staff
from iopdesk.services.admin.staff import StaffForm
from tests.conftest import PASSWORD


def _warning(store, days_later: int = 0) -> str:
    later = dt.datetime.now() + dt.timedelta(days=days_later, minutes=1)
    return backup_history.backup_health(store.backups_dir, later).warning


def test_automatic_and_manual_backups_are_listed_newest_first_with_what_became_of_them(
    store, admin, tmp_path
):
    auto = backups.auto_backup(store.db_path, store.backups_dir, force=True)
    usb = backups.backup_now(admin, store.db_path, tmp_path / "usb")
    gone = backups.backup_now(admin, store.db_path, tmp_path / "stick")
    gone.path.unlink()  # the stick was taken away
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    with pytest.raises(DomainError):
        backups.backup_now(admin, store.db_path, blocked)
    listed = {e.path: e for e in backup_history.list_backups(admin, store.backups_dir)}
    assert listed[auto.path].kind_label == "Automatic"
    assert listed[usb.path].status == "Verified when made" and listed[usb.path].available
    assert listed[usb.path].size_bytes == usb.size_bytes and listed[usb.path].size_text
    assert listed[gone.path].status.startswith("Not found") and not listed[gone.path].available
    failed = listed[blocked]
    assert failed.status.startswith("Failed: The folder") or "could not" in failed.status
    assert not failed.available
    made = [e.made_at for e in backup_history.list_backups(admin, store.backups_dir)]
    assert made == sorted(made, reverse=True)


def test_no_warning_while_backups_are_recent_or_nothing_changed(store, admin):
    assert _warning(store) == ""  # set up today: nothing is overdue yet
    assert _warning(store, days_later=4).startswith(
        "No backup has been made since the clinic was set up 4 days ago"
    )
    backups.auto_backup(store.db_path, store.backups_dir)
    assert _warning(store, days_later=4) == ""  # nothing changed since that backup
    staff.add_staff(admin, StaffForm("jkim", "Jae Kim", "clinician"), PASSWORD)
    assert _warning(store, days_later=2) == ""  # changed, but within the 3 days
    assert _warning(store, days_later=4).startswith("No backup for 4 days")
    clinic.change_settings(admin, {"backup_warning_days": 7})
    assert _warning(store, days_later=4) == ""


def test_the_last_backup_failing_is_said_until_one_succeeds(store, admin, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    with pytest.raises(DomainError):
        backups.backup_now(admin, store.db_path, blocked)
    health = backup_history.backup_health(store.backups_dir)
    assert health.short == "The last backup failed" and str(blocked) in health.warning
    assert health.last_good is None
    made = backups.backup_now(admin, store.db_path, tmp_path / "usb")
    health = backup_history.backup_health(store.backups_dir)
    assert health.warning == "" and health.last_good == made.created_at


def test_an_unreadable_record_reads_as_no_record(store, admin):
    from iopdesk.db.models.core import Setting

    Setting.create(key=backup_log.KEY, value="not json")
    assert backup_log.attempts() == []
    assert backup_history.list_backups(admin, store.backups_dir) == []
