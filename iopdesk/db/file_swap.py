"""Putting a restored copy in place of the clinic file with never a moment without a database.

The copy is written beside the database as ``clinic.iopdesk.restoring`` and checked; once it is
complete it is renamed ``.restored`` (with its key file as ``clinic.keys.restored``). Only then
is the current file moved aside, and the copy takes its place with one rename. A run killed at
any point leaves either the old database in place, or a complete ``.restored`` copy that the
next start (or command) puts in place.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from iopdesk.db.health import set_aside
from iopdesk.paths import KEY_FILE
from iopdesk.private_files import sync_folder, write_whole

RESTORING, RESTORED = ".restoring", ".restored"


def restoring_path(db_path: Path) -> Path:
    """Where a copy being restored is written (never used until it is complete)."""
    return db_path.with_name(db_path.name + RESTORING)


def _restored(db_path: Path) -> tuple[Path, Path]:
    return db_path.with_name(db_path.name + RESTORED), db_path.with_name(KEY_FILE + RESTORED)


def mark_complete(db_path: Path, key_file: bytes) -> None:
    """The checked copy at ``restoring_path`` is complete: keep it, with the key file it needs
    (``b""`` for a plain copy: then the clinic's key file goes)."""
    copy, keys = _restored(db_path)
    write_whole(keys, key_file)
    os.replace(restoring_path(db_path), copy)
    sync_folder(db_path.parent)


def swap_in(db_path: Path, aside_folder: Path, reason: str) -> Path | None:
    """Move the current database aside (if there is one), then put the complete copy in its
    place; returns where the replaced file was kept."""
    aside = set_aside(db_path, aside_folder, reason) if db_path.exists() else None
    finish_interrupted(db_path)
    return aside


def finish_interrupted(db_path: Path) -> bool:
    """Complete a restore that was killed after its copy was complete; drop an incomplete one.
    True when a restored copy was put in place."""
    copy, keys = _restored(db_path)
    with contextlib.suppress(FileNotFoundError):
        restoring_path(db_path).unlink()
    if not copy.exists():
        keys.unlink(missing_ok=True)
        return False
    if db_path.exists():
        # Killed before the current file was moved aside: it was never replaced, and it may
        # hold records saved since; the restore did not happen.
        copy.unlink()
        keys.unlink(missing_ok=True)
        return False
    key_file = db_path.with_name(KEY_FILE)
    if keys.exists():
        if keys.stat().st_size:
            os.replace(keys, key_file)
        else:
            key_file.unlink(missing_ok=True)  # a plain copy; the set-aside file kept its own
            keys.unlink()
    os.replace(copy, db_path)
    sync_folder(db_path.parent)
    return True
