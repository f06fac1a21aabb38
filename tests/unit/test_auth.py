"""Sign-in: generic failures, lockout with a growing delay, audited attempts, password policy."""

import datetime as dt

import pytest

from iopdesk.db.models.core import AuditEvent, Staff
from iopdesk.errors import SignInFailed, ValidationError
from iopdesk.services.admin import auth, passwords, staff
from tests.conftest import PASSWORD


def test_good_sign_in_returns_the_person_and_is_audited(admin, clinician):
    actor = auth.sign_in("Casey ", PASSWORD)
    assert (actor.username, actor.role) == ("casey", "clinician")
    row = (
        AuditEvent.select()
        .where(AuditEvent.action == "auth.sign_in")
        .order_by(AuditEvent.id.desc())
        .get()
    )
    assert (row.outcome, row.staff_id) == ("ok", actor.staff_id)


@pytest.mark.parametrize(
    "username,password",
    [("casey", "wrong password!!"), ("nobody", PASSWORD), ("", ""), ("casey", "")],
)
def test_every_failure_says_the_same_generic_sentence(admin, clinician, username, password):
    with pytest.raises(SignInFailed) as err:
        auth.sign_in(username, password)
    assert err.value.message == auth.FAILED_MESSAGE
    failed = AuditEvent.select().where(AuditEvent.outcome == "failed").count()
    assert failed == 1


def test_lockout_grows_and_blocks_even_the_right_password(admin, clinician):
    start = dt.datetime(2026, 11, 23, 9, 0)
    for _ in range(auth.FREE_ATTEMPTS):
        with pytest.raises(SignInFailed):
            auth.sign_in("casey", "not the password", at=start)
    locked_until = Staff.get(Staff.username == "casey").locked_until
    assert locked_until == start + dt.timedelta(seconds=auth.FIRST_LOCK_SECONDS)
    with pytest.raises(SignInFailed):
        auth.sign_in("casey", PASSWORD, at=start + dt.timedelta(seconds=10))
    # After the lock expires, another failure doubles the delay.
    later = start + dt.timedelta(seconds=auth.FIRST_LOCK_SECONDS + 1)
    with pytest.raises(SignInFailed):
        auth.sign_in("casey", "still wrong", at=later)
    assert Staff.get(Staff.username == "casey").locked_until == later + dt.timedelta(
        seconds=2 * auth.FIRST_LOCK_SECONDS
    )
    much_later = later + dt.timedelta(hours=1)
    assert auth.sign_in("casey", PASSWORD, at=much_later).username == "casey"
    assert Staff.get(Staff.username == "casey").failed_attempts == 0


def test_lock_delay_is_capped():
    assert auth.lock_seconds(4) == 0
    assert auth.lock_seconds(5) == 30
    assert auth.lock_seconds(6) == 60
    assert auth.lock_seconds(40) == auth.MAX_LOCK_SECONDS


def test_deactivated_account_cannot_sign_in(admin, clinician):
    staff.set_active(admin, clinician.staff_id, False)
    with pytest.raises(SignInFailed):
        auth.sign_in("casey", PASSWORD)


def test_hash_is_argon2id_and_verifies():
    hashed = passwords.hash_password("a long passphrase here")
    assert hashed.startswith("$argon2id$")
    params = dict(kv.split("=") for kv in hashed.split("$")[3].split(","))
    assert int(params["m"]) >= 19456 and int(params["t"]) >= 2  # OWASP's argon2id floor
    assert passwords.verify_password(hashed, "a long passphrase here")
    assert not passwords.verify_password(hashed, "A long passphrase here")
    assert not passwords.verify_password(None, "anything")


@pytest.mark.parametrize(
    "password,fragment",
    [
        ("short", "at least 12"),
        ("aaaaaaaaaaaaaa", "too easy"),
        ("password1234", "too easy"),
        ("casey-is-my-password", "user name"),
        ("x" * 200, "at most"),
    ],
)
def test_password_policy(password, fragment):
    with pytest.raises(ValidationError) as err:
        passwords.check_policy(password, "casey")
    assert fragment in err.value.fields["password"]


def test_change_password_requires_current_and_matching_repeat(admin, clinician):
    with pytest.raises(ValidationError) as err:
        auth.change_password(clinician, "wrong", "a brand new passphrase", "a brand new passphrase")
    assert "current" in err.value.fields
    with pytest.raises(ValidationError) as err:
        auth.change_password(clinician, PASSWORD, "a brand new passphrase", "different one!!")
    assert "repeat" in err.value.fields
    assert auth.must_change_password(clinician)  # added with a temporary password
    auth.change_password(clinician, PASSWORD, "a brand new passphrase", "a brand new passphrase")
    assert not auth.must_change_password(clinician)
    assert auth.sign_in("casey", "a brand new passphrase").username == "casey"
