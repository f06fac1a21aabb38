"""Another workstation holding the write lock past the busy timeout is one sentence, never a
traceback: at sign-in, when the clinic opens (and must upgrade), in every command and use case.
"""

from pathlib import Path

import pytest

from iopdesk import cli
from iopdesk.db import connection, migrations
from iopdesk.db.connection import close_database
from iopdesk.errors import DatabaseProblem
from iopdesk.services.admin import auth, backups, staff
from iopdesk.services.context import BUSY_MESSAGE
from iopdesk.services.store import open_clinic
from tests import clinic_files
from tests.conftest import PASSWORD
from tests.factories.clients import make_client
from tests.schemas import RELEASED_SQLITE, unpack_released


@pytest.fixture(autouse=True)
def short_wait(monkeypatch):
    """Wait one second for the lock, not fifteen (the clinic opens after this is set)."""
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 1)


class HeldLock:
    """Another connection holding the write lock (as another workstation's long save does)."""

    def __init__(self, db_path: Path) -> None:
        self.conn = clinic_files.connect(db_path)
        self.conn.isolation_level = None
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.conn.execute("ROLLBACK")
        self.conn.close()


@pytest.fixture
def held_lock(store, admin):
    make_client("Dana", "Reyes")
    lock = HeldLock(store.db_path)
    yield lock
    lock.release()


def test_signing_in_while_the_database_is_busy_says_so(held_lock):
    with pytest.raises(DatabaseProblem) as refused:
        auth.sign_in("admin", PASSWORD)
    assert refused.value.message == BUSY_MESSAGE


def test_a_change_while_the_database_is_busy_says_so(admin, held_lock):
    with pytest.raises(DatabaseProblem) as refused:
        staff.add_staff(admin, staff.StaffForm("newbie", "New Person", "front_desk"), PASSWORD)
    assert refused.value.message == BUSY_MESSAGE


@pytest.mark.parametrize(
    "command",
    [
        ["clients"],
        ["backup"],
        ["print", "week", "--date", "2025-03-03", "-o", "{tmp}/week.pdf"],
        ["export", "ics", "--client", "IOP-000001", "-o", "{tmp}/client.ics"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_every_command_says_the_database_is_busy(
    command, store, held_lock, tmp_path, monkeypatch, capsys
):
    close_database()  # the command opens the clinic itself
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)
    argv = [part.format(tmp=tmp_path) for part in command]
    code = cli.main([*argv, "--data-dir", str(store.data_dir), "--user", "admin"])
    err = capsys.readouterr().err
    assert (code, err) == (2, f"iopdesk: {BUSY_MESSAGE}\n")


def test_restoring_over_a_busy_database_says_so(store, admin, tmp_path, monkeypatch, capsys):
    backup = backups.backup_now(admin, store.db_path, tmp_path / "stick")
    close_database()
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)
    lock = HeldLock(store.db_path)
    try:
        where = ["--data-dir", str(store.data_dir), "--user", "admin"]
        code = cli.main(["restore", str(backup.path), "--yes", *where])
    finally:
        lock.release()
    assert (code, capsys.readouterr().err) == (2, f"iopdesk: {BUSY_MESSAGE}\n")
    assert store.db_path.exists()


def test_opening_a_clinic_that_must_upgrade_while_busy_says_so_and_changes_nothing(tmp_path):
    db_path = unpack_released(RELEASED_SQLITE[0], tmp_path / "released")
    lock = HeldLock(db_path)
    try:
        with pytest.raises(DatabaseProblem) as refused:
            open_clinic(db_path.parent)
    finally:
        lock.release()
    assert refused.value.message == BUSY_MESSAGE
    conn = clinic_files.connect(db_path)
    try:
        version = conn.execute("SELECT version FROM schema_version").fetchone()[0]
    finally:
        conn.close()
    assert version == migrations.BASELINE_VERSION
