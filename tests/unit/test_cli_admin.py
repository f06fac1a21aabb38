"""The command line: demo, check, backup, restore — and their one-sentence errors."""

import os
import subprocess
import sys

from iopdesk import paths
from iopdesk.cli import main
from iopdesk.db.connection import close_database
from iopdesk.demo import DEMO_PASSWORD, SCALES


def test_demo_command_builds_a_clinic_that_passes_the_check(tmp_path, capsys, monkeypatch):
    """The one test that runs ``iopdesk demo`` itself (on fewer clients: the command is what
    is tested here); the others copy the session's demo."""
    monkeypatch.setitem(SCALES, "small", {"clients": 80, "years": 1})
    folder = tmp_path / "built"
    assert main(["demo", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Demo clinic (small, encrypted) ready" in out and "mhernandez" in out
    assert DEMO_PASSWORD in out and "recovery key is: " in out
    close_database()
    monkeypatch.setenv("IOPDESK_PASSWORD", DEMO_PASSWORD)
    assert main(["check", "--data-dir", str(folder), "--user", "admin"]) == 0
    assert "passed the integrity check" in capsys.readouterr().out


def test_demo_refuses_a_folder_that_already_has_a_clinic(demo_dir, capsys):
    assert main(["demo", "--data-dir", str(demo_dir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("iopdesk: ") and "already holds a clinic" in err
    assert "Traceback" not in err


def test_check_reports_ok_and_damage(demo_dir, capsys, monkeypatch):
    assert main(["check", "--data-dir", str(demo_dir)]) == 2
    assert "encrypted: add --user YOUR_USER_NAME or --recovery-key" in capsys.readouterr().err
    monkeypatch.setenv("IOPDESK_PASSWORD", DEMO_PASSWORD)
    assert main(["check", "--data-dir", str(demo_dir), "--user", "dmiller"]) == 0
    assert "passed the integrity check" in capsys.readouterr().out
    db = paths.database_path(demo_dir)
    data = bytearray(db.read_bytes())
    data[:16] = b"garbage garbage!"
    db.write_bytes(bytes(data))
    assert main(["check", "--data-dir", str(demo_dir), "--user", "dmiller"]) == 2
    assert "damaged" in capsys.readouterr().err


def test_check_on_an_empty_folder(tmp_path, capsys):
    assert main(["check", "--data-dir", str(tmp_path / "nothing")]) == 2
    assert "no clinic database" in capsys.readouterr().err


def test_backup_needs_a_sign_in_and_an_administrator(demo_dir, tmp_path, capsys, monkeypatch):
    usb = tmp_path / "usb"
    assert main(["backup", "--data-dir", str(demo_dir), "--to", str(usb)]) == 2
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("IOPDESK_PASSWORD", "wrong password")
    assert main(["backup", "--data-dir", str(demo_dir), "--user", "admin", "--to", str(usb)]) == 2
    assert "Sign-in failed" in capsys.readouterr().err
    monkeypatch.setenv("IOPDESK_PASSWORD", DEMO_PASSWORD)
    assert main(["backup", "--data-dir", str(demo_dir), "--user", "jcarter", "--to", str(usb)]) == 2
    assert "not allowed" in capsys.readouterr().err
    assert main(["backup", "--data-dir", str(demo_dir), "--user", "admin", "--to", str(usb)]) == 0
    assert "written and verified" in capsys.readouterr().out
    assert len(list(usb.glob("*.iopbak"))) == 1


def test_restore_from_the_command_line(demo_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("IOPDESK_PASSWORD", DEMO_PASSWORD)
    usb = tmp_path / "usb"
    main(["backup", "--data-dir", str(demo_dir), "--user", "admin", "--to", str(usb)])
    close_database()
    backup_file = next(usb.glob("*.iopbak"))
    assert (
        main(["restore", str(backup_file), "--yes", "--data-dir", str(demo_dir), "--user", "admin"])
        == 0
    )
    assert "Restored the backup" in capsys.readouterr().out
    assert list(paths.aside_dir(demo_dir).glob("*before-restore*"))
    close_database()
    not_backup = tmp_path / "x.iopbak"
    not_backup.write_text("nope")
    assert main(["restore", str(not_backup), "--yes", "--data-dir", str(demo_dir)]) == 2
    assert "not a usable IOPdesk backup" in capsys.readouterr().err


def test_a_read_only_data_folder_gets_one_sentence(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "iopdesk", "check", "--data-dir", "/proc/iopdesk-clinic"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.startswith("iopdesk: ")


def test_backup_into_read_only_location_is_a_sentence(demo_dir, capsys, monkeypatch):
    monkeypatch.setenv("IOPDESK_PASSWORD", DEMO_PASSWORD)
    assert (
        main(
            ["backup", "--data-dir", str(demo_dir), "--user", "admin", "--to", "/proc/iopdesk-usb"]
        )
        == 2
    )
    assert "nothing was written" in capsys.readouterr().err.lower()
