"""The encrypted clinic's key file kept in step with the staff list, and the recovery key.

Every active staff member has an entry (a new password, a reset and a reactivation add one; a
deactivation or a replaced password removes it): the entries are rebuilt from the staff table
after each such change commits and whenever the clinic is opened. Before a change commits, the
new entry is added beside the old one, so a crash in between never locks anyone out.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from iopdesk import paths
from iopdesk.db import keyfile
from iopdesk.db.connection import database_file, database_key
from iopdesk.db.models.core import Staff
from iopdesk.errors import DomainError
from iopdesk.services.context import Actor, describe, use_case

P = ParamSpec("P")
R = TypeVar("R")


def _open_key_file() -> tuple[bytes, keyfile.KeyFile] | None:
    key, db_path = database_key(), database_file()
    if key is None or db_path is None:
        return None
    return key, keyfile.read(paths.key_file_beside(db_path))


def _write(key_file: keyfile.KeyFile) -> None:
    db_path = database_file()
    if db_path is not None:
        keyfile.write(paths.key_file_beside(db_path), key_file)


def sync_key_file() -> None:
    """Make the key file hold exactly one entry per active staff member's current password
    (a plain or PostgreSQL clinic has no key file: nothing to do)."""
    opened = _open_key_file()
    if opened is None:
        return
    key, current = opened
    members = {
        s.username: s.password_hash
        for s in Staff.select(Staff.username, Staff.password_hash).where(Staff.active == True)  # noqa: E712
    }
    updated = current.with_staff(key, members)
    if updated != current:
        _write(updated)


def admit(staff: Staff) -> None:
    """Add an entry for ``staff``'s password now, before the change is committed (the entries
    are brought back in step after it commits)."""
    opened = _open_key_file()
    if opened is None or not staff.active:
        return
    key, current = opened
    _write(current.adding_staff(key, staff.username, staff.password_hash))


def keeps_key_file(fn: Callable[P, R]) -> Callable[P, R]:
    """Bring the key file in step with the staff table once ``fn`` (a use case) has committed."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        finally:
            sync_key_file()

    return run


def is_encrypted() -> bool:
    """True when the open clinic is encrypted (a SQLite file with a key)."""
    return database_key() is not None


def has_recovery_key() -> bool:
    """Whether the open, encrypted clinic has a recovery key (False when plain)."""
    opened = _open_key_file()
    return opened is not None and opened[1].has_recovery_key()


@use_case("keys.new_recovery_key", "staff.manage")
def new_recovery_key(actor: Actor) -> str:
    """Make a new recovery key (the earlier one stops working) and return it, to be shown once
    and printed."""
    opened = _open_key_file()
    if opened is None:
        raise DomainError(
            "This clinic is not encrypted, so it has no recovery key. Encrypt it first "
            "(Administration, Encryption)."
        )
    key, current = opened
    text = keyfile.new_recovery_key()
    _write(current.with_recovery_key(key, text))
    describe(record_type="clinic", detail="new recovery key made; the earlier one stopped working")
    return text


@use_case("keys.print_recovery_key", "staff.manage")
def print_recovery_key(actor: Actor, recovery_key: str) -> bytes:
    """The one-page printout of a recovery key just made (to keep in the clinic safe)."""
    from iopdesk.reports.document import Letterhead
    from iopdesk.reports.recovery_key import RecoveryKeySheet, render_recovery_key
    from iopdesk.services.admin.clinic import clinic_info

    if keyfile.recovery_secret(recovery_key) is None:
        raise DomainError("That is not a recovery key (8 groups of 4 letters and digits).")
    info = clinic_info()
    db_path = database_file()
    sheet = RecoveryKeySheet(
        Letterhead(info.name, info.address, info.phone, info.program_label),
        recovery_key,
        dt.date.today(),
        actor.full_name,
        str(db_path.parent) if db_path else "",
    )
    describe(record_type="clinic", detail="recovery key printout")
    return render_recovery_key(sheet)
