"""``iopdesk server move`` onto a real PostgreSQL server: every row there, each table's checksum
agreeing, the audit chain unbroken, the clinic working on the server, the file an archive."""

import stat

import psycopg2
import pytest

from iopdesk import paths
from iopdesk.cli import main
from iopdesk.db import audit_chain
from iopdesk.db.connection import close_database
from iopdesk.demo import DEMO_PASSWORD
from iopdesk.errors import DatabaseProblem
from iopdesk.services.admin import auth, staff
from iopdesk.services.admin.server import set_up_server
from iopdesk.services.clients import records as clients
from iopdesk.services.store import create_clinic, open_clinic
from tests import clinic_files
from tests.conftest import PASSWORD, make_staff, set_up_clinic

pytestmark = pytest.mark.postgres


def row_counts(conn, tables):
    cursor = conn.cursor()
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def planner_statistics(conn):
    """The tables ANALYZE ran on (not autovacuum), and the row counts the planner believes."""
    cursor = conn.cursor()
    cursor.execute(
        "SELECT relname FROM pg_stat_user_tables "
        "WHERE schemaname = current_schema() AND last_analyze IS NOT NULL"
    )
    analyzed = {r[0] for r in cursor.fetchall()}
    cursor.execute(
        "SELECT relname, reltuples FROM pg_class "
        "WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'"
    )
    return analyzed, {name: int(estimate) for name, estimate in cursor.fetchall()}


def move(folder, url, capsys, monkeypatch, password=DEMO_PASSWORD):
    monkeypatch.setenv("IOPDESK_PASSWORD", password)
    code = main(["server", "move", "--from", str(folder), "--url", url, "--user", "admin"])
    return code, capsys.readouterr()


def test_an_encrypted_clinic_moves_whole_and_the_file_becomes_an_archive(
    demo_dir, postgres_url, tmp_path, capsys, monkeypatch
):
    workstation_url = set_up_server(postgres_url).workstation_url
    db_path = paths.database_path(demo_dir)
    source = clinic_files.connect(db_path, clinic_files.key_for(db_path, "admin", DEMO_PASSWORD))
    tables = [
        r[0]
        for r in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    before = row_counts(source, tables)
    source.close()

    code, out = move(demo_dir, postgres_url, capsys, monkeypatch)

    assert code == 0, out.err
    assert "every table's rows and checksum match" in out.out
    assert "audit trail's chain is unbroken" in out.out
    server = psycopg2.connect(postgres_url)
    try:
        after = row_counts(server, tables)
        verdict = audit_chain.verify(server)
        analyzed, estimates = planner_statistics(server)
    finally:
        server.close()
    # The move ends with ANALYZE: the first screens on the server are planned with real sizes.
    assert analyzed >= set(tables) - {"schema_version"}
    assert estimates["client"] == after["client"]
    assert estimates["attendance"] == after["attendance"]
    # The move itself adds one audit row (and signing in to it another), nothing else.
    assert after["audit_event"] == before["audit_event"] + 2
    assert {t: n for t, n in after.items() if t != "audit_event"} == {
        t: n for t, n in before.items() if t != "audit_event"
    }
    assert before["client"] > 50 and before["attendance"] > 500
    assert verdict.broken is None
    # The archive: read-only, and never opened as the clinic again.
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o400
    with pytest.raises(DatabaseProblem, match="moved to the server"):
        open_clinic(demo_dir)
    # The clinic works on the server, as the workstations' role: new rows get new ids.
    open_clinic(tmp_path / "workstation", database_url=workstation_url)
    admin = auth.sign_in("admin", DEMO_PASSWORD)
    staff.add_staff(admin, staff.StaffForm("noor", "Noor Haddad", "clinician"), PASSWORD)
    noor = auth.sign_in("noor", PASSWORD)
    new = clients.register_client(noor, clients.ClientForm("Lena", "Ortiz", "1991-07-14"))
    assert clients.chart_header(noor, new.id).legal_name == "Lena Ortiz"


def test_a_plain_clinic_moves_and_a_database_with_records_is_refused(
    tmp_path, postgres_database, capsys, monkeypatch
):
    folder = tmp_path / "plain"
    create_clinic(folder, encrypted=False)
    casey = make_staff(set_up_clinic(), "casey", "clinician")
    clients.register_client(casey, clients.ClientForm("Ana", "Lima", "1980-01-02"))
    close_database()
    first, second = postgres_database(""), postgres_database("")
    set_up_server(first, "plain_app_one")
    set_up_server(second, "plain_app_two")
    code, out = move(folder, first, capsys, monkeypatch, PASSWORD)
    assert code == 0, out.err

    again = tmp_path / "again"
    create_clinic(again, encrypted=False)
    set_up_clinic()
    close_database()
    code, out = move(again, first, capsys, monkeypatch, PASSWORD)
    assert code == 2
    assert "already holds records" in out.err
    assert not paths.moved_note_path(again).exists()
    assert stat.S_IMODE(paths.database_path(again).stat().st_mode) == 0o600


def test_a_database_not_set_up_is_refused_in_a_sentence(
    demo_dir, postgres_url, capsys, monkeypatch
):
    code, out = move(demo_dir, postgres_url, capsys, monkeypatch)
    assert code == 2
    assert "run `iopdesk server setup" in out.err
    open_clinic(
        demo_dir, key=clinic_files.key_for(paths.database_path(demo_dir), "admin", DEMO_PASSWORD)
    )


def test_only_an_administrator_moves_a_clinic(tmp_path, postgres_url, capsys, monkeypatch):
    folder = tmp_path / "clinic"
    create_clinic(folder, encrypted=False)
    make_staff(set_up_clinic(), "casey", "clinician")
    close_database()
    set_up_server(postgres_url)
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)
    code = main(["server", "move", "--from", str(folder), "--url", postgres_url, "--user", "casey"])
    assert code == 2
    assert "not allowed to manage staff" in capsys.readouterr().err
    assert not paths.moved_note_path(folder).exists()
