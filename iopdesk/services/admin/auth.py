"""Signing in: generic failures, per-account lockout with a growing delay, audited attempts."""

from __future__ import annotations

import datetime as dt
import hmac
import os

from iopdesk.db.connection import write_transaction
from iopdesk.db.models.base import now
from iopdesk.db.models.core import Staff
from iopdesk.errors import SignInFailed, ValidationError
from iopdesk.services import permissions
from iopdesk.services.admin import keys, passwords
from iopdesk.services.admin.clinic import all_settings
from iopdesk.services.admin.staff import set_password
from iopdesk.services.boundary import checked
from iopdesk.services.context import Actor, AuditNote, busy_as_sentence, use_case, write_audit
from iopdesk.services.permissions import ADMIN

FREE_ATTEMPTS = 5
FIRST_LOCK_SECONDS = 30
MAX_LOCK_SECONDS = 30 * 60
FAILED_MESSAGE = (
    "Sign-in failed. Check the user name and password; after several failed tries, "
    "wait a few minutes before trying again."
)


#: Wrong passwords typed while the encrypted clinic was still locked (nothing to write them to
#: yet): user name and when, audited and counted against the account once it is unlocked.
_failed_while_locked: list[tuple[str, dt.datetime]] = []


def note_failure_while_locked(username: str) -> None:
    """Remember a failed unlock, to audit it (and count it) once the clinic is open."""
    _failed_while_locked.append(((username or "").strip().lower()[:60], now()))


def record_failures_while_locked() -> None:
    """Audit the failed unlocks remembered since start-up and count them against each account
    (so the lockout sees them too)."""
    pending = list(_failed_while_locked)
    _failed_while_locked.clear()
    if not pending:
        return
    with write_transaction():
        for name, moment in pending:
            staff = Staff.get_or_none(Staff.username == name)
            if staff is not None:
                _count_failure(staff, moment)
            _audit_failure(
                staff, name, f"wrong password while the clinic was locked, at {moment:%H:%M:%S}"
            )


#: What unlocking the encrypted clinic computed for a typed password, kept for the sign-in
#: that follows (see ``_password_good``): the user name, a tag of the password, and its hash.
_just_unlocked: list[tuple[str, bytes, str]] = []
#: Recognises the same typed password again without keeping it (random in each process).
_TAG_KEY = os.urandom(32)


def note_unlocked(username: str, password: str, password_hash: str) -> None:
    """Keep the argon2id hash that unlocking the clinic computed for ``password`` (with the
    salt and costs of ``username``'s key file entry) for the sign-in that follows."""
    name = (username or "").strip().lower()
    _just_unlocked[:] = [(name, _tag(password), password_hash)]


def _tag(password: str) -> bytes:
    return hmac.digest(_TAG_KEY, password.encode("utf-8", "surrogatepass"), "sha256")


def _password_good(staff: Staff | None, name: str, password: str) -> bool:
    """Whether ``password`` is the staff member's, reusing the hash the unlock just computed
    when it is the same computation (else argon2 verifies it here; no user still costs that).

    Why this is as strong as verifying again: argon2's verify recomputes argon2id(password)
    with the salt and costs written in the stored hash and compares the result with the stored
    output. The key file entry carries the salt and costs of the hash it was made from, so
    when that is the person's current hash, the unlock already did exactly that computation;
    comparing its encoded result with the stored hash (in constant time) is the verification.
    Nothing is taken on trust from the key file: an entry that is stale (the password was
    changed since, or an older key file was put back) or forged has another salt or costs, its
    result cannot equal the stored hash, and the full check runs and refuses an old password.
    The hash is used only for the same user name and the same typed password (the tag), once,
    and dropped whatever the outcome; the account's state, the lockout and the audit are
    checked after it exactly as before.
    """
    unlocked = list(_just_unlocked)
    _just_unlocked.clear()
    if staff is not None and staff.password_hash and unlocked:
        who, tag, computed = unlocked[0]
        if (
            who == name
            and hmac.compare_digest(tag, _tag(password))
            and hmac.compare_digest(computed.encode(), staff.password_hash.encode())
        ):
            return True
    return passwords.verify_password(staff.password_hash if staff else None, password)


def _audit_failure(staff: Staff | None, username: str, reason: str) -> None:
    write_audit(
        None,
        "auth.sign_in",
        "auth",
        "failed",
        username=username,
        note=AuditNote(
            record_type="staff", record_id=str(staff.id) if staff else "", detail=reason
        ),
    )


def _count_failure(staff: Staff, moment: dt.datetime) -> None:
    staff.failed_attempts += 1
    seconds = lock_seconds(staff.failed_attempts)
    staff.locked_until = moment + dt.timedelta(seconds=seconds) if seconds else None
    staff.save()


def actor_for(staff: Staff) -> Actor:
    """The signed-in person, with what the clinic's settings give their role."""
    return Actor(
        staff.id,
        staff.username,
        staff.display_name,
        staff.role,
        staff.is_supervisor,
        permissions.granted(staff.role, all_settings()),
    )


def lock_seconds(failed_attempts: int) -> int:
    """How long an account stays locked after ``failed_attempts`` consecutive failures."""
    if failed_attempts < FREE_ATTEMPTS:
        return 0
    return min(FIRST_LOCK_SECONDS * 2 ** (failed_attempts - FREE_ATTEMPTS), MAX_LOCK_SECONDS)


@checked
def sign_in(username: str, password: str, *, at: dt.datetime | None = None) -> Actor:
    """Check a sign-in; raise SignInFailed with one generic sentence whatever went wrong."""
    moment = at or now()
    name = username.strip().lower()
    with busy_as_sentence(), write_transaction():
        staff = Staff.get_or_none(Staff.username == name)
        locked = (
            staff is not None and staff.locked_until is not None and staff.locked_until > moment
        )
        good = _password_good(staff, name, password)
        if staff is None or not staff.active or locked or not good:
            reason = (
                "unknown user"
                if staff is None
                else "inactive"
                if not staff.active
                else "locked"
                if locked
                else "wrong password"
            )
            if staff is not None and not locked and not good:
                _count_failure(staff, moment)
            _audit_failure(staff, name[:60], reason)
            failed = True
        else:
            staff.failed_attempts = 0
            staff.locked_until = None
            staff.save()
            actor = actor_for(staff)
            write_audit(
                actor,
                "auth.sign_in",
                "auth",
                note=AuditNote(record_type="staff", record_id=str(staff.id)),
            )
            failed = False
    if failed:
        raise SignInFailed(FAILED_MESSAGE)
    return actor


def must_change_password(actor: Actor) -> bool:
    """True when an administrator set a temporary password the person must replace."""
    return bool(Staff.get_by_id(actor.staff_id).must_change_password)


@keys.keeps_key_file
@use_case("auth.change_password", None)
def change_password(actor: Actor, current: str, new: str, repeat: str) -> None:
    """The signed-in person replaces their own password."""
    staff = Staff.get_by_id(actor.staff_id)
    if not passwords.verify_password(staff.password_hash, current):
        raise ValidationError({"current": "The current password is not correct."})
    passwords.check_policy(new, staff.username, field="new")
    if new != repeat:
        raise ValidationError({"repeat": "The two new passwords are not the same."})
    set_password(staff, new, temporary=False)


@checked
def reset_by_recovery_key(username: str, password: str, repeat: str) -> Actor:
    """Every administrator password is lost and the recovery key has opened the clinic: an
    active administrator account gets a new password chosen now (audited)."""
    name = username.strip().lower()
    staff = Staff.get_or_none(Staff.username == name)
    if staff is None or not staff.active or staff.role != ADMIN:
        raise ValidationError({"username": "Give the user name of an active administrator."})
    passwords.check_policy(password, name)
    if password != repeat:
        raise ValidationError({"repeat": "The two passwords are not the same."})
    with write_transaction():
        set_password(staff, password, temporary=False)
        actor = actor_for(staff)
        write_audit(
            actor,
            "auth.recovery_key",
            "write",
            note=AuditNote(record_type="staff", record_id=str(staff.id), detail="new password"),
        )
    keys.sync_key_file()
    return actor
