"""There is never a moment without a database: restore, backup and upgrade killed at random
points (a forked child is SIGKILLed) always leave a usable clinic with every acknowledged record.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from collections.abc import Callable

import pytest

from iopdesk import paths
from iopdesk.db import backup_file
from iopdesk.db.connection import close_database, write_transaction
from iopdesk.db.models.core import Setting
from iopdesk.services.admin import backups
from iopdesk.services.store import (
    CLINIC,
    Credential,
    open_clinic,
    prepare_folder,
    restore_backup,
    unlock_clinic,
)
from tests import clinic_files
from tests.conftest import PASSWORD
from tests.schemas import DATA, look_at, unpack_released

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="kills a forked child"),
]
TRIALS = 20
ADMIN = Credential("admin", PASSWORD)


def _run_child(work: Callable[[], None], kill_after: float | None) -> None:
    """Run ``work`` in a forked child; SIGKILL it after ``kill_after`` seconds (None: wait)."""
    pid = os.fork()
    if pid == 0:  # the child: its own connections, no pytest clean-up
        code = 0
        try:
            work()
        except BaseException:
            code = 1
        os._exit(code)
    if kill_after is not None:
        time.sleep(kill_after)
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _duration(work: Callable[[], None]) -> float:
    started = time.perf_counter()
    _run_child(work, None)
    return time.perf_counter() - started


def _settings() -> set[str]:
    return {s.key for s in Setting.select()}


def _write(key: str) -> None:
    with write_transaction():
        Setting.create(key=key, value="1")


def test_a_killed_restore_leaves_the_old_or_the_restored_clinic(store, admin, tmp_path):
    rng = random.Random(12)
    for trial in range(TRIALS):
        _write(f"before-{trial}")
        info = backups.backup_now(admin, store.db_path, tmp_path / "usb")
        _write(f"after-{trial}")  # acknowledged: in the clinic until a restore replaces it
        close_database()

        def restore(path=info.path) -> None:
            unlock_clinic(store.data_dir, ADMIN)
            from iopdesk.services.admin import auth

            restore_backup(store.data_dir, path, auth.sign_in("admin", PASSWORD))

        if trial == 0:
            duration = _duration(restore)
            unlock_clinic(store.data_dir, ADMIN)
            assert f"after-{trial}" not in _settings()  # it restored
            _write(f"after-{trial}")
            close_database()
        _run_child(restore, rng.uniform(0, duration * 1.2))
        assert prepare_folder(store.data_dir) == CLINIC, f"trial {trial}"
        unlock_clinic(store.data_dir, ADMIN)
        found = _settings()
        assert f"before-{trial}" in found
        if f"after-{trial}" not in found:  # restored: the replaced file was kept aside
            kept = sorted(paths.aside_dir(store.data_dir).glob("clinic-before-restore-*.iopdesk"))
            conn = clinic_files.connect(kept[-1], clinic_files.key_for(store.db_path))
            assert conn.execute("SELECT 1 FROM setting WHERE key = ?", (f"after-{trial}",))
            conn.close()
            _write(f"after-{trial}")


def test_a_killed_backup_loses_nothing_and_leaves_no_partial_file(store, admin):
    rng = random.Random(34)
    read_end, write_end = os.pipe()
    key = clinic_files.key_for(store.db_path)
    started = time.perf_counter()
    backups.auto_backup(store.db_path, store.backups_dir, force=True)
    duration = (time.perf_counter() - started) * 4  # a few backups' time
    close_database()

    def back_up_while_writing(trial: int) -> Callable[[], None]:
        def work() -> None:
            open_clinic(store.data_dir, key=key)
            for n in range(1000):
                _write(f"t{trial}-{n}")
                os.write(write_end, f"t{trial}-{n}\n".encode())  # acknowledged after COMMIT
                backups.auto_backup(store.db_path, store.backups_dir, force=True)

        return work

    acknowledged: list[str] = []
    for trial in range(TRIALS):
        _run_child(back_up_while_writing(trial), rng.uniform(0, duration))
        os.set_blocking(read_end, False)
        try:
            while chunk := os.read(read_end, 65536):
                acknowledged.extend(chunk.decode().split())
        except BlockingIOError:
            pass
        open_clinic(store.data_dir, key=key)
        assert set(acknowledged) <= _settings(), f"trial {trial}"
        backups.auto_backup(store.db_path, store.backups_dir, force=True)
        leftovers = [p.name for p in store.backups_dir.iterdir() if ".iopbak." in p.name]
        assert leftovers == [], f"trial {trial}"
        for made in backups.automatic_backups(store.backups_dir):
            backups.read_backup_info(made)  # every published backup is whole
        close_database()
    os.close(read_end)
    os.close(write_end)


def _kill_before_leaving_wal() -> Callable[[object, str, object], None]:
    """A profile hook for a backup in a child: SIGKILL it just before SQLite takes its finished
    copy out of WAL mode (the first statement after the online backup)."""
    copied = False

    def hook(frame: object, event: str, called: object) -> None:
        nonlocal copied
        name = getattr(called, "__qualname__", "") if event == "c_call" else ""
        if name == "Connection.backup":
            copied = True
        elif name == "Connection.execute" and copied:
            os.kill(os.getpid(), signal.SIGKILL)

    return hook


def test_a_backup_killed_with_its_copy_open_in_wal_mode_leaves_nothing(store, admin, tmp_path):
    # The moment the random trials hit only under load, made deterministic: the online backup
    # finished, SQLite opened the copy in WAL mode (as switching it to a rollback journal does)
    # and the process died there, leaving the copy's -wal and -shm beside it.
    key = clinic_files.key_for(store.db_path)
    target = store.backups_dir / "IOPdesk-backup-2026-01-05_080000.iopbak"
    copy = target.with_name(target.name + ".copy")
    _write("before-the-killed-backup")

    def back_up() -> None:
        sys.setprofile(_kill_before_leaving_wal())
        backups.copy_database(store.db_path, target, key=key)

    def open_the_copy_and_die() -> None:
        conn = clinic_files.connect(copy, key)  # kept open: closing would tidy up
        conn.execute("SELECT count(*) FROM clinic").fetchone()
        os.kill(os.getpid(), signal.SIGKILL)

    _run_child(back_up, None)
    _run_child(open_the_copy_and_die, None)
    left = sorted(p.name.removeprefix(target.name) for p in store.backups_dir.iterdir())
    assert left == [".copy", ".copy-shm", ".copy-wal"]  # what the killed backup left
    assert backups.all_backups([store.backups_dir]) == []  # none of it taken for a backup
    _write("after-the-killed-backup")

    made = backups.auto_backup(store.db_path, store.backups_dir, force=True)

    assert made is not None
    assert [p.name for p in store.backups_dir.iterdir() if ".iopbak." in p.name] == []
    assert backups.all_backups([store.backups_dir]) == [made.path]
    backups.verify_backup(made.path, key)
    backup_file.extract(made.path, tmp_path / "made.iopdesk")
    held = clinic_files.connect(tmp_path / "made.iopdesk", key).execute(
        "SELECT key FROM setting WHERE key LIKE '%-the-killed-backup' ORDER BY key"
    )
    assert [r[0] for r in held] == ["after-the-killed-backup", "before-the-killed-backup"]


def test_a_killed_upgrade_leaves_a_usable_clinic_with_every_row(later_step, tmp_path):
    rng = random.Random(56)
    original = unpack_released(DATA / "clinic-v7.iopdesk.xz", tmp_path / "released").read_bytes()
    counts = None
    duration = 0.0
    for trial in range(TRIALS):
        folder = tmp_path / f"upgrade-{trial}"
        unpack_released(DATA / "clinic-v7.iopdesk.xz", folder)
        counts = counts or look_at(paths.database_path(folder))[1]

        def upgrade(folder=folder) -> None:
            open_clinic(folder)

        if not duration:
            duration = _duration(upgrade)
            paths.database_path(folder).write_bytes(original)
            for leftover in folder.glob("clinic.iopdesk-*"):
                leftover.unlink()
        _run_child(upgrade, rng.uniform(0, duration * 1.2))
        assert prepare_folder(folder) == CLINIC, f"trial {trial}"
        open_clinic(folder)
        close_database()
        after = look_at(paths.database_path(folder))[1]
        assert {name: after[name] for name in counts} == counts, f"trial {trial}"
        assert after["referral"] == 0
