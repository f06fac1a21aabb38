"""One IOPdesk window per data folder: an OS file lock that dies with the process."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from iopdesk.errors import DatabaseProblem
from iopdesk.private_files import make_private, private_folder

LOCK_FILE = "iopdesk.lock"


class InstanceLock:
    """Hold an exclusive lock on ``<data folder>/iopdesk.lock`` while the app is open."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_FILE
        self._handle: IO[bytes] | None = None

    def acquire(self) -> None:
        private_folder(self.path.parent)
        handle = self.path.open("a+b")
        make_private(self.path)
        try:
            if os.name == "nt":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise DatabaseProblem(
                "IOPdesk is already open on this data folder (in another window or by another "
                "person on this computer). Switch to that window instead."
            ) from None
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
