"""Files only their owner can read: folders 0700 and files 0600 on POSIX, whatever the umask."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
_POSIX = os.name == "posix"


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and missing parents) and make it the owner's alone."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if _POSIX:
        os.chmod(folder, FOLDER_MODE)
    return folder


def make_private(path: Path) -> None:
    """Tighten an existing file to 0600 (a file that is not there is left alone)."""
    if _POSIX:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, FILE_MODE)


def create_private(path: Path) -> None:
    """Create an empty file as 0600 (an existing one is only tightened), so whatever SQLite
    writes into it, and the -wal/-shm files it makes with the same mode, start private."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    os.close(fd)
    make_private(path)


def write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` as 0600, whole or not at all: a partial copy beside it is
    fsynced, then renamed over the target (a failure leaves an earlier file as it was)."""
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        make_private(partial)
        os.replace(partial, target)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX: fsync the directory; elsewhere a no-op)."""
    if not _POSIX:
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
