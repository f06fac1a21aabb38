"""Smaller faults of the command line: a newer database, restore over damage, scripts, pipes."""

import os
import subprocess
import sys

import pytest

from iopdesk import paths
from iopdesk.cli import main
from iopdesk.db.connection import close_database
from iopdesk.services.admin import backups
from tests import clinic_files
from tests.conftest import PASSWORD
from tests.factories.clients import make_client


@pytest.fixture
def signed(monkeypatch):
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)


def _run(*args):
    return subprocess.run(
        [sys.executable, "-m", "iopdesk", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": os.getcwd(), "IOPDESK_PASSWORD": PASSWORD},
    )


def test_check_says_a_newer_database_is_not_usable(store, admin, signed, capsys):
    close_database()
    conn = clinic_files.connect(store.db_path)
    conn.execute("UPDATE schema_version SET version = 99")
    conn.commit()
    conn.close()
    assert main(["check", "--data-dir", str(store.data_dir), "--user", "admin"]) == 2
    err = capsys.readouterr().err
    assert "not usable by this IOPdesk" in err and "newer version" in err


def test_check_finds_a_damaged_backup_before_it_is_needed(store, admin, signed, capsys):
    info = backups.auto_backup(store.db_path, store.backups_dir)
    close_database()
    data = bytearray(info.path.read_bytes())
    data[-100] ^= 0xFF  # one flipped bit deep inside the copy
    info.path.write_bytes(bytes(data))
    assert main(["check", "--data-dir", str(store.data_dir), "--user", "admin"]) == 1
    out = capsys.readouterr().out
    assert "passed the integrity check" in out and f"damaged backup: {info.path.name}" in out


def test_restore_works_when_the_current_database_is_damaged(store, admin, signed, tmp_path, capsys):
    info = backups.backup_now(admin, store.db_path, tmp_path / "usb")
    close_database()
    store.db_path.write_bytes(os.urandom(8192))
    code = main(
        ["restore", str(info.path), "--yes", "--data-dir", str(store.data_dir), "--user", "admin"]
    )
    assert code == 0, capsys.readouterr().err
    assert list(paths.aside_dir(store.data_dir).glob("clinic-damaged-*"))


def test_restore_from_a_script_without_yes_says_to_add_it(store, admin, tmp_path):
    info = backups.backup_now(admin, store.db_path, tmp_path / "usb")
    close_database()
    done = _run("restore", str(info.path), "--data-dir", str(store.data_dir), "--user", "admin")
    assert done.returncode == 2
    assert done.stderr.startswith("iopdesk: ") and "add --yes" in done.stderr
    assert "Traceback" not in done.stderr and "EOFError" not in done.stderr


def test_a_reader_that_stops_early_ends_the_listing_quietly(store, admin):
    for n in range(5):
        make_client("Pat", f"Reader{n}")
    close_database()
    command = ["clients", "--user", "admin", "--data-dir", str(store.data_dir)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "iopdesk", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": os.getcwd(), "IOPDESK_PASSWORD": PASSWORD},
    )
    proc.stdout.close()  # like `| head` having read what it wanted and gone
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_a_folder_with_backups_but_no_database_is_never_a_new_clinic(store, admin, signed, capsys):
    backups.auto_backup(store.db_path, store.backups_dir)
    close_database()
    for f in store.data_dir.glob("clinic.*"):
        f.unlink()
    assert main(["clients", "--data-dir", str(store.data_dir), "--user", "admin"]) == 2
    err = capsys.readouterr().err
    assert "is missing" in err and "will not start a new, empty one" in err
    assert "iopdesk restore" in err
    assert not store.db_path.exists()
    assert main(["demo", "--data-dir", str(store.data_dir)]) == 2
    assert not store.db_path.exists()
