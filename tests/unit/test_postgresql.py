"""The same app on a real PostgreSQL server (started by this test from the system's packages)."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.postgres


def _bin(name):
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None
    )
    return found


def _as_server_user(cmd):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture(scope="module")
def postgres_url():
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL server binaries are not installed")
    folder = Path(tempfile.mkdtemp(prefix="iopdesk-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run(
        _as_server_user([initdb, "-D", str(data), "-U", "iopdesk", "-A", "trust"]),
        check=True,
        capture_output=True,
    )
    subprocess.run(
        _as_server_user(
            [
                pg_ctl,
                "-D",
                str(data),
                "-l",
                str(folder / "log"),
                "-w",
                "-o",
                f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        for _ in range(50):
            if (
                subprocess.run(
                    _as_server_user([_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(port)]),
                    capture_output=True,
                ).returncode
                == 0
            ):
                break
            time.sleep(0.1)
        subprocess.run(
            _as_server_user(
                [_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "iopdesk", "clinic"]
            ),
            check=True,
        )
        yield f"postgresql://iopdesk@127.0.0.1:{port}/clinic"
    finally:
        subprocess.run(
            _as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def test_clinic_on_postgresql(postgres_url, tmp_path):
    import peewee

    from iopdesk.db.connection import close_database
    from iopdesk.db.models.core import AuditEvent
    from iopdesk.errors import DomainError
    from iopdesk.services.admin import audit_log, auth, backups, clinic, staff
    from iopdesk.services.store import open_clinic
    from tests.conftest import PASSWORD

    store = open_clinic(tmp_path, database_url=postgres_url)
    try:
        admin = clinic.set_up_clinic(
            clinic.ClinicForm("Prairie Recovery", "", "", "adult"),
            staff.StaffForm("admin", "Pat Admin", "administrator"),
            PASSWORD,
            PASSWORD,
        )
        staff.add_staff(admin, staff.StaffForm("casey", "Casey Clinician", "clinician"), PASSWORD)
        assert auth.sign_in("casey", PASSWORD).role == "clinician"
        clinic.change_settings(admin, {"idle_lock_minutes": 5})
        clinic.change_settings(admin, {"idle_lock_minutes": 6})
        assert clinic.get_setting("idle_lock_minutes") == 6
        rows = audit_log.search(admin, audit_log.AuditFilter(action_contains="staff"))
        assert [r.action for r in rows] == ["staff.add"]
        with pytest.raises(peewee.DatabaseError, match="append-only"):
            AuditEvent.update(detail="x").execute()
        with pytest.raises(DomainError, match="PostgreSQL"):
            backups.backup_now(admin, store.db_path, tmp_path)
    finally:
        close_database()
    # Opening again runs no migration and keeps the data.
    open_clinic(tmp_path, database_url=postgres_url)
    try:
        assert clinic.clinic_info().name == "Prairie Recovery"
    finally:
        close_database()
