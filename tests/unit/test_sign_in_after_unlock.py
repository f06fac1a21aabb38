"""Signing in right after the same password unlocked the encrypted clinic: argon2 runs once,
and everything else the sign-in checks still refuses."""

import pytest

from iopdesk import paths
from iopdesk.db import keyfile
from iopdesk.db.models.core import AuditEvent, Staff
from iopdesk.errors import SignInFailed
from iopdesk.services.admin import auth, passwords, staff
from iopdesk.services.store import Credential, unlock_key
from tests.conftest import PASSWORD

NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def hashings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The user names whose password argon2 verified against the staff table (it still does)."""
    seen: list[str] = []
    verify = passwords.verify_password

    def counted(password_hash: str | None, password: str) -> bool:
        owner = Staff.get_or_none(Staff.password_hash == password_hash)
        seen.append(owner.username if owner else "")
        return verify(password_hash, password)

    monkeypatch.setattr(passwords, "verify_password", counted)
    return seen


def _last_sign_in() -> tuple[str, str, str]:
    row = (
        AuditEvent.select()
        .where(AuditEvent.action == "auth.sign_in")
        .order_by(AuditEvent.id.desc())
        .get()
    )
    return row.username, row.outcome, row.detail


def _unlock(store, username: str, password: str) -> bytes:
    return unlock_key(store.data_dir, Credential(username, password))


def _key_file_bytes(store) -> bytes:
    return paths.key_file_path(store.data_dir).read_bytes()


def _put_back(store, old: bytes) -> None:
    """An older key file put back beside the database (a copy, another process's write)."""
    paths.key_file_path(store.data_dir).write_bytes(old)


def test_the_unlock_computes_exactly_the_staff_tables_hash(store, clinician):
    opened = keyfile.read(paths.key_file_path(store.data_dir)).open_with_password("casey", PASSWORD)
    assert opened is not None
    assert opened.password_hash == Staff.get(Staff.username == "casey").password_hash


def test_the_sign_in_after_the_unlock_hashes_no_second_time(store, clinician, hashings):
    _unlock(store, "Casey ", PASSWORD)
    actor = auth.sign_in("casey", PASSWORD)
    assert (actor.username, hashings) == ("casey", [])
    assert _last_sign_in()[:2] == ("casey", "ok")
    auth.sign_in("casey", PASSWORD)  # the unlock's hash served once: now argon2 runs
    assert hashings == ["casey"]


def test_a_wrong_password_after_the_right_one_unlocked_is_refused(store, clinician, hashings):
    _unlock(store, "casey", PASSWORD)
    with pytest.raises(SignInFailed):
        auth.sign_in("casey", "not casey's password")
    assert hashings == ["casey"]
    assert _last_sign_in() == ("casey", "failed", "wrong password")
    assert Staff.get(Staff.username == "casey").failed_attempts == 1


def test_another_persons_sign_in_is_checked_in_full(store, admin, clinician, hashings):
    _unlock(store, "casey", PASSWORD)
    assert auth.sign_in("admin", PASSWORD).username == "admin"
    assert hashings == ["admin"]


def test_a_deactivated_account_is_refused_though_an_old_key_file_still_unlocks(
    store, admin, clinician
):
    before = _key_file_bytes(store)
    staff.set_active(admin, clinician.staff_id, False)
    _put_back(store, before)
    _unlock(store, "casey", PASSWORD)
    with pytest.raises(SignInFailed):
        auth.sign_in("casey", PASSWORD)
    assert _last_sign_in() == ("casey", "failed", "inactive")


def test_a_locked_account_is_refused_though_its_password_unlocks(store, clinician):
    for _ in range(auth.FREE_ATTEMPTS):
        with pytest.raises(SignInFailed):
            auth.sign_in("casey", "not casey's password")
    _unlock(store, "casey", PASSWORD)
    with pytest.raises(SignInFailed):
        auth.sign_in("casey", PASSWORD)
    assert _last_sign_in() == ("casey", "failed", "locked")


def test_a_stale_key_file_entry_does_not_let_the_old_password_in(store, clinician, hashings):
    before = _key_file_bytes(store)
    auth.change_password(clinician, PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    _put_back(store, before)
    hashings.clear()  # the change itself checked the current password
    _unlock(store, "casey", PASSWORD)  # the old entry still opens the file
    with pytest.raises(SignInFailed):
        auth.sign_in("casey", PASSWORD)
    assert hashings == ["casey"]  # its hash had the old salt: argon2 checked the new hash
    assert _last_sign_in() == ("casey", "failed", "wrong password")
    assert auth.sign_in("casey", NEW_PASSWORD).username == "casey"
