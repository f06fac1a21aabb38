"""Encryption at rest: a copy of the files reveals nothing; passwords and the recovery key
unlock."""

import pytest

from iopdesk import paths
from iopdesk.db import keyfile
from iopdesk.db.connection import close_database
from iopdesk.db.models.core import AuditEvent, Client
from iopdesk.errors import DomainError, SignInFailed
from iopdesk.services.admin import auth, backups, keys, staff
from iopdesk.services.store import (
    Credential,
    create_clinic,
    restore_backup,
    unlock_clinic,
)
from tests.conftest import PASSWORD, make_staff
from tests.factories.clients import make_client

NAME = "Zebulon Quartermaine"
NEW_PASSWORD = "a brand new passphrase"


def _clinic_bytes(data_dir):
    """Every file of the data folder (database, its WAL, key file, backups), read raw."""
    return {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}


def _names_found(files):
    return [str(p) for p, data in files.items() if NAME.split()[1].encode() in data]


def _unlocks(data_dir, username, password):
    close_database()
    try:
        unlock_clinic(data_dir, Credential(username, password))
    except SignInFailed:
        return False
    return True


def test_no_client_name_in_the_files_of_an_encrypted_clinic(store, admin, clinician, tmp_path):
    make_client(NAME.split()[0], NAME.split()[1], counselor=clinician)
    backups.auto_backup(store.db_path, store.backups_dir)
    backups.backup_now(admin, store.db_path, tmp_path / "usb")
    assert _names_found(_clinic_bytes(store.data_dir)) == []  # open: the WAL is encrypted too
    close_database()
    files = {**_clinic_bytes(store.data_dir), **_clinic_bytes(tmp_path / "usb")}
    assert (
        any(p.suffix == ".iopbak" for p in files) and paths.key_file_path(store.data_dir) in files
    )
    assert _names_found(files) == []


def test_the_same_check_finds_the_name_in_a_plain_clinic(tmp_path):
    from iopdesk.services.admin import clinic

    folder = tmp_path / "plain"
    store = create_clinic(folder, encrypted=False)
    actor = clinic.set_up_clinic(
        clinic.ClinicForm("Plain Clinic"),
        staff.StaffForm("admin", "Alex Admin", "administrator"),
        PASSWORD,
        PASSWORD,
    )
    clinician = make_staff(actor, "casey", "clinician")
    make_client(NAME.split()[0], NAME.split()[1], counselor=clinician)
    backups.auto_backup(store.db_path, store.backups_dir)
    close_database()
    assert _names_found(_clinic_bytes(folder))


def test_the_encrypted_demo_and_its_backup_show_no_client_name(tmp_path):
    from iopdesk.demo import build_demo

    build_demo(tmp_path / "demo", "small", log=lambda _m: None)
    names = [f"{c.legal_first_name} {c.legal_last_name}" for c in Client.select().limit(20)]
    backups.auto_backup(paths.database_path(tmp_path / "demo"), tmp_path / "demo" / "backups")
    close_database()
    raw = b"".join(_clinic_bytes(tmp_path / "demo").values())
    assert [n for n in names if n.split()[-1].encode() in raw] == []


def test_sign_in_unlocks_and_failures_stay_generic_then_are_audited(store, admin, clinician):
    close_database()
    for username, password in (("casey", "wrong password!!"), ("nobody", PASSWORD)):
        with pytest.raises(SignInFailed) as err:
            unlock_clinic(store.data_dir, Credential(username, password))
        assert err.value.message == auth.FAILED_MESSAGE
    unlock_clinic(store.data_dir, Credential("Casey ", PASSWORD))
    assert auth.sign_in("casey", PASSWORD).username == "casey"
    failed = AuditEvent.select().where(AuditEvent.outcome == "failed")
    assert sorted(e.username for e in failed) == ["casey", "nobody"]


def test_a_password_change_rewraps_the_key(store, admin, clinician):
    auth.change_password(clinician, PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    assert not _unlocks(store.data_dir, "casey", PASSWORD)
    assert _unlocks(store.data_dir, "casey", NEW_PASSWORD)


def test_a_reset_wraps_for_the_temporary_password(store, admin, clinician):
    staff.reset_password(admin, clinician.staff_id, "temporary pass 123")
    assert not _unlocks(store.data_dir, "casey", PASSWORD)
    assert _unlocks(store.data_dir, "casey", "temporary pass 123")


def test_deactivation_removes_the_entry_and_reactivation_brings_it_back(store, admin, clinician):
    staff.set_active(admin, clinician.staff_id, False)
    names = [e.name for e in keyfile.read(paths.key_file_path(store.data_dir)).entries]
    assert "casey" not in names and "admin" in names
    assert not _unlocks(store.data_dir, "casey", PASSWORD)
    assert _unlocks(store.data_dir, "admin", PASSWORD)
    staff.set_active(auth.sign_in("admin", PASSWORD), clinician.staff_id, True)
    assert _unlocks(store.data_dir, "casey", PASSWORD)


def test_a_new_recovery_key_unlocks_and_the_old_one_stops_working(store, admin):
    first = keys.new_recovery_key(admin)
    second = keys.new_recovery_key(admin)
    close_database()
    with pytest.raises(SignInFailed, match="recovery key does not open"):
        unlock_clinic(store.data_dir, Credential(recovery_key=first))
    unlock_clinic(store.data_dir, Credential(recovery_key=second.lower().replace("-", " ")))
    assert keys.has_recovery_key()


def test_a_backup_restores_with_a_password_of_its_time_or_the_recovery_key(
    store, admin, clinician, tmp_path
):
    recovery = keys.new_recovery_key(admin)
    info = backups.backup_now(admin, store.db_path, tmp_path / "usb")
    auth.change_password(clinician, PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    close_database()
    store.db_path.write_bytes(b"\0" * 8192)  # the clinic's file is damaged
    with pytest.raises(DomainError, match="do not open"):
        restore_backup(store.data_dir, info.path, None, Credential("casey", NEW_PASSWORD))
    restore_backup(store.data_dir, info.path, None, Credential("casey", PASSWORD))
    assert list(paths.aside_dir(store.data_dir).glob("clinic-damaged-*"))
    close_database()
    restore_backup(store.data_dir, info.path, None, Credential(recovery_key=recovery))
    assert auth.sign_in("casey", PASSWORD).username == "casey"  # the state of that time
    assert AuditEvent.select().where(AuditEvent.username == "(recovery key)").exists()
