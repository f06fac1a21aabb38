"""Password hashing (argon2id above OWASP's minimum) and the password policy."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from iopdesk.errors import ValidationError

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_LENGTH = 12
MAX_LENGTH = 128
_COMMON = {
    "password1234",
    "123456789012",
    "qwertyuiop12",
    "iloveyou1234",
    "letmein12345",
    "welcome12345",
    "password123!",
    "changeme1234",
    "administrator",
    "passw0rd1234",
}
_dummy_hash = ""


@functools.cache
def _hasher() -> PasswordHasher:
    """The hasher, made (and argon2 imported) at the first password, not at start-up."""
    from argon2 import PasswordHasher

    # OWASP's argon2id recommendation (19 MiB, 2 passes, 1 lane), with a margin on memory:
    # 24 MiB. Stronger settings made each sign-in take ~0.4 s on a clinic PC for little gain.
    return PasswordHasher(time_cost=2, memory_cost=24576, parallelism=1)


def _dummy() -> str:
    """A hash to verify against for unknown users (made on first use, not at start-up)."""
    global _dummy_hash
    if not _dummy_hash:
        _dummy_hash = _hasher().hash("not-a-real-password-used-for-timing")
    return _dummy_hash


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; with no hash, still spends the time (no user probing)."""
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return _hasher().verify(password_hash or _dummy(), password) and bool(password_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def check_policy(password: str, username: str = "", field: str = "password") -> None:
    """Refuse passwords too short, too common, or built from the user name."""
    problem = ""
    if len(password) < MIN_LENGTH:
        problem = f"Use at least {MIN_LENGTH} characters; a short sentence is easy to remember."
    elif len(password) > MAX_LENGTH:
        problem = f"Use at most {MAX_LENGTH} characters."
    elif len(set(password)) < 4 or password.lower() in _COMMON:
        problem = "This password is too easy to guess; choose a less common one."
    elif username and username.lower() in password.lower():
        problem = "The password must not contain the user name."
    if problem:
        raise ValidationError({field: problem})
