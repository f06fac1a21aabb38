"""The clinic's record of backup attempts: when, where, by hand or automatic, verified or failed
(kept in the database's settings, newest first), so a backup made to a USB stick counts and a
failed one is noticed."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import peewee

from iopdesk.db.connection import write_transaction
from iopdesk.db.models.core import Setting

#: The settings row holding the record (not a setting a person changes).
KEY = "backup_history"
#: Attempts kept: enough for a year of weekly USB backups, small enough to read at once.
KEPT = 100
KINDS = {"automatic": "Automatic", "manual": "Made by hand"}


@dataclass(frozen=True)
class BackupAttempt:
    """One backup attempt: ``ok`` with the verified file, or the sentence saying why not."""

    at: dt.datetime
    kind: str
    path: str
    ok: bool
    size_bytes: int = 0
    problem: str = ""
    #: how far the records had changed when the copy was made (see backups.change_mark)
    mark: int = 0

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


def attempts() -> list[BackupAttempt]:
    """Every recorded attempt, newest first (an unreadable record reads as none)."""
    row = Setting.get_or_none(Setting.key == KEY)
    if row is None:
        return []
    try:
        raw = json.loads(row.value)
        return [
            BackupAttempt(**{**item, "at": dt.datetime.fromisoformat(item["at"])}) for item in raw
        ]
    except (ValueError, TypeError, KeyError):
        return []


def record(attempt: BackupAttempt) -> None:
    """Add an attempt to the record (in the caller's transaction, or its own)."""
    kept = [attempt, *attempts()][:KEPT]
    value = json.dumps([{**asdict(a), "at": a.at.isoformat()} for a in kept])
    with write_transaction():
        Setting.insert(key=KEY, value=value).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: value}
        ).execute()


def record_failure(kind: str, where: Path, problem: str, mark: int) -> None:
    """Note a backup that could not be made; never hides the failure itself (a database that
    cannot be written to now is said by the backup's own refusal)."""
    failed = BackupAttempt(dt.datetime.now().replace(microsecond=0), kind, str(where), False, 0,
                           problem, mark)  # fmt: skip
    with contextlib.suppress(peewee.DatabaseError):
        record(failed)
