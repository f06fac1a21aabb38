"""Backups of a clinic on a real PostgreSQL server: ``iopdesk backup`` writes a verified
pg_dump and rotates, ``iopdesk restore`` brings it back into a new database, and without
pg_dump the command says what to install."""

import stat
import subprocess

import pytest

from iopdesk.cli import main
from iopdesk.db.connection import close_database
from iopdesk.services.admin import auth, server_backups
from iopdesk.services.clients import records as clients
from iopdesk.services.clients import search
from iopdesk.services.store import open_clinic
from tests.conftest import PASSWORD, make_staff, set_up_clinic

pytestmark = pytest.mark.postgres


@pytest.fixture
def server_clinic(postgres_url, tmp_path, monkeypatch):
    """A clinic with one client on the test server; commands reach it by the URL variable."""
    open_clinic(tmp_path / "ws", database_url=postgres_url)
    casey = make_staff(set_up_clinic(), "casey", "clinician")
    clients.register_client(casey, clients.ClientForm("Ana", "Lima", "1980-01-02"))
    close_database()
    monkeypatch.setenv("IOPDESK_DATABASE_URL", postgres_url)
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)
    return postgres_url


def back_up(folder, capsys):
    code = main(["backup", "--user", "admin", "--to", str(folder)])
    close_database()
    return code, capsys.readouterr()


def test_a_server_backup_is_verified_rotated_and_restored_into_a_new_database(
    server_clinic, tmp_path, capsys, monkeypatch
):
    folder = tmp_path / "dumps"
    folder.mkdir()
    for day in range(1, 21):  # three weeks of older nightly dumps
        (folder / f"server-2025-01-{day:02d}_230000.iopdump").write_bytes(b"old")
    code, out = back_up(folder, capsys)
    assert code == 0, out.err
    dumps = server_backups.server_backups(folder)
    newest = dumps[0]
    assert "Server backup written and verified" in out.out and str(newest) in out.out
    assert stat.S_IMODE(newest.stat().st_mode) == 0o600
    listed = subprocess.run(
        [server_backups.pg_tool("pg_restore"), "--list", str(newest)],
        capture_output=True,
        text=True,
    )
    assert "TABLE DATA public client" in listed.stdout
    # Rotated as automatic backups are: the newest of each of the last weeks stays.
    assert len(dumps) < 21
    assert folder / "server-2025-01-20_230000.iopdump" in dumps
    assert folder / "server-2025-01-02_230000.iopdump" not in dumps

    new_url = server_clinic.rsplit("/", 1)[0] + f"/restored_{tmp_path.name[-20:].lower()}"
    new_url = new_url.replace("-", "_")
    monkeypatch.delenv("IOPDESK_DATABASE_URL")
    code = main(["restore", str(newest), "--url", new_url])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "audit trail's" in out.out and "unbroken" in out.out
    open_clinic(tmp_path / "ws2", database_url=new_url)
    casey = auth.sign_in("casey", PASSWORD)
    found = search.list_clients(casey, "Lima")
    assert [(c.legal_first_name, c.legal_last_name) for c in found] == [("Ana", "Lima")]


def test_restoring_over_a_database_with_tables_is_refused(server_clinic, tmp_path, capsys):
    folder = tmp_path / "dumps"
    back_up(folder, capsys)
    dump = server_backups.server_backups(folder)[0]
    code = main(["restore", str(dump), "--url", server_clinic])
    assert code == 2
    assert "already holds tables" in capsys.readouterr().err


def test_without_pg_dump_the_backup_says_what_to_install(
    server_clinic, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(server_backups, "PG_BIN_FOLDERS", [])
    code, out = back_up(tmp_path / "dumps", capsys)
    assert code == 2
    assert "pg_dump, which is not installed" in out.err
    assert "postgresql-client" in out.err
