"""The backups an administrator can restore (the automatic ones in the data folder and those
made by hand elsewhere, each with its date, size and whether it was verified), when the clinic
last got a good one, and the warning when it is overdue or the last one failed."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from iopdesk.db.connection import is_sqlite
from iopdesk.db.models.core import AuditEvent
from iopdesk.domain import formats
from iopdesk.services.admin import backup_log, backups, clinic
from iopdesk.services.context import Actor, use_case

_STAMP = re.compile(r"(\d{4}-\d{2}-\d{2}_\d{6})")
_KINDS = {"auto-": "Automatic", "before-upgrade-": "Before an upgrade"}
VERIFIED = "Verified when made"


@dataclass(frozen=True)
class BackupEntry:
    """One line of the backup list."""

    path: Path
    made_at: dt.datetime
    kind_label: str
    size_bytes: int
    #: "Verified when made", "Failed: ..." or "Not found ..." (a USB stick that is not plugged in)
    status: str
    #: the file is there to restore from
    available: bool

    @property
    def folder(self) -> Path:
        """The folder it is (or was to be) in: a failed attempt records only its folder."""
        return self.path.parent if self.path.suffix == backups.SUFFIX else self.path

    @property
    def size_text(self) -> str:
        if not self.size_bytes:
            return ""
        megabytes = self.size_bytes / 1_000_000
        return f"{megabytes:.1f} MB" if megabytes >= 0.1 else f"{self.size_bytes / 1000:.0f} KB"


@dataclass(frozen=True)
class BackupHealth:
    """When the newest good backup was made, and what an administrator should be told."""

    last_good: dt.datetime | None
    warning: str = ""
    #: the warning in a few words, for the status bar
    short: str = ""


@use_case("backup.list", "backup.run", kind="read", audited=False)
def list_backups(actor: Actor, backups_dir: Path) -> list[BackupEntry]:
    """Every backup this clinic knows of, newest first: the files in its backups folder and
    the backups made by hand to other folders (failed attempts too, saying why)."""
    entries: dict[str, BackupEntry] = {}
    folder = Path(backups_dir)
    for path in folder.glob(f"*{backups.SUFFIX}") if folder.is_dir() else []:
        kind = next((label for prefix, label in _KINDS.items() if path.name.startswith(prefix)),
                    backup_log.KINDS["manual"])  # fmt: skip
        entries[str(path)] = BackupEntry(
            path, _made_at(path), kind, path.stat().st_size, VERIFIED, True
        )
    for attempt in backup_log.attempts():
        if attempt.path in entries or (not attempt.ok and attempt.kind == "automatic"):
            continue  # a failed automatic backup is the warning's business, not a line
        path = Path(attempt.path)
        there = attempt.ok and path.is_file()
        status = (
            f"Failed: {attempt.problem}"
            if not attempt.ok
            else VERIFIED
            if there
            else "Not found (is the drive or USB stick plugged in?)"
        )
        entries.setdefault(
            attempt.path,
            BackupEntry(path, attempt.at, attempt.kind_label, attempt.size_bytes, status, there),
        )
    return sorted(entries.values(), key=lambda e: e.made_at, reverse=True)


def backup_health(backups_dir: Path, now: dt.datetime | None = None) -> BackupHealth:
    """The newest good backup and, when the clinic is at risk, a sentence for administrators:
    the last attempt failed, or the records changed and nothing was backed up for the clinic's
    ``backup_warning_days``. (A PostgreSQL clinic is backed up by its server: no warning.)"""
    now = now or dt.datetime.now()
    tried = backup_log.attempts()
    good = [(a.at, a.mark) for a in tried if a.ok]
    legacy = _last_automatic(Path(backups_dir))
    if legacy is not None:
        good.append(legacy)
    last_at, last_mark = max(good) if good else (None, 0)
    if not is_sqlite():
        return BackupHealth(last_at)
    if tried and not tried[0].ok and (last_at is None or tried[0].at > last_at):
        return BackupHealth(
            last_at,
            f"The last backup failed ({formats.show_moment(tried[0].at)}): {tried[0].problem}",
            "The last backup failed",
        )
    days = int(clinic.get_setting("backup_warning_days"))
    since = last_at or _clinic_started()
    if since is None or now - since < dt.timedelta(days=days):
        return BackupHealth(last_at)
    if backups.change_mark() <= last_mark:
        return BackupHealth(last_at)  # nothing changed since: that backup still holds it all
    age = (now - since).days
    short = f"No backup for {age} days"
    what = (
        short if last_at else f"No backup has been made since the clinic was set up {age} days ago"
    )
    return BackupHealth(last_at, f"{what}, and the records have changed. Back up now.", short)


def _made_at(path: Path) -> dt.datetime:
    """When a backup file was made: the stamp in its name, else when it was written."""
    found = _STAMP.search(path.name)
    if found:
        return dt.datetime.strptime(found.group(1), "%Y-%m-%d_%H%M%S")
    return dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)


def _last_automatic(folder: Path) -> tuple[dt.datetime, int] | None:
    """The newest automatic backup noted beside the files (clinics from before the record)."""
    try:
        state = json.loads((folder / "last-automatic.json").read_text())
        return dt.datetime.fromisoformat(state["at"]), int(state["mark"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _clinic_started() -> dt.datetime | None:
    first = AuditEvent.select(AuditEvent.at).order_by(AuditEvent.id).first()
    return first.at if first else None
