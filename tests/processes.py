"""Other workstations in tests: child processes on the same clinic database.

``another_workstation_writing`` is a colleague in the middle of a long save (a write
transaction held open, its change not yet committed); ``in_another_workstation`` runs a short
script there (signed in as one of the staff) and returns what it printed.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

from tests import clinic_files

ROOT = Path(__file__).resolve().parents[1]

#: A colleague's long save: a new client written but not committed until told to go on.
_HOLDER = """
import sys
from iopdesk.db.connection import write_transaction
from iopdesk.db.models.core import Client
from iopdesk.services.store import Credential, unlock_clinic

unlock_clinic(sys.argv[1], Credential("admin", sys.argv[2]))
with write_transaction():
    Client.create(record_number="IOP-UNSAVED", legal_first_name="Not", legal_last_name="Committed",
                  date_of_birth="1990-01-01")
    print("holding", flush=True)
    sys.stdin.readline()
print("committed", flush=True)
"""

#: What every script run ``in_another_workstation`` starts with: the clinic open, signed in.
_PROLOGUE = """
import sys
from iopdesk.services.admin import auth
from iopdesk.services.store import Credential, unlock_clinic

unlock_clinic(sys.argv[1], Credential(sys.argv[2], sys.argv[3]))
actor = auth.sign_in(sys.argv[2], sys.argv[3])
"""


def _env(database_url: str = "") -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "IOPDESK_DATABASE_URL": database_url}


@contextlib.contextmanager
def another_workstation_writing(data_dir: Path) -> Iterator[None]:
    """Inside the block another process holds the write lock with an uncommitted new client
    (record number IOP-UNSAVED); it commits when the block ends."""
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(data_dir), clinic_files.PASSWORD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "holding"
        yield
        child.stdin.write("go on\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "committed"
    finally:
        if child.poll() is None:
            child.stdin.close()  # type: ignore[union-attr]
            child.wait(timeout=60)


def in_another_workstation(
    data_dir: Path, username: str, password: str, script: str, database_url: str = ""
) -> str:
    """Run ``script`` in another process signed in as ``username`` (as ``actor``), on the
    clinic in ``data_dir`` or at ``database_url``; returns what it printed. The script fails
    the test if it raises."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _PROLOGUE + textwrap.dedent(script),
            str(data_dir),
            username,
            password,
        ],
        capture_output=True,
        text=True,
        env=_env(database_url),
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
