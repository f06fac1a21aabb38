"""``iopdesk server setup`` on a real PostgreSQL server: the schema made as the owner, and a
workstations' role with only the rights the app needs."""

import psycopg2
import pytest

from iopdesk.cli import main
from iopdesk.db.migrations import SCHEMA_VERSION

pytestmark = pytest.mark.postgres


def rights(url, role, table):
    conn = psycopg2.connect(url)
    try:
        cursor = conn.cursor()
        found = []
        for right in ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"):
            cursor.execute("SELECT has_table_privilege(%s, %s, %s)", (role, table, right))
            if cursor.fetchone()[0]:
                found.append(right)
        return found
    finally:
        conn.close()


def set_up(url, capsys, *extra):
    code = main(["server", "setup", "--url", url, *extra])
    return code, capsys.readouterr()


def test_setup_makes_the_schema_and_a_role_with_only_the_apps_rights(postgres_url, capsys):
    code, out = set_up(postgres_url, capsys)
    assert code == 0, out.err
    role = postgres_url.rsplit("/", 1)[1] + "_app"
    assert f"data version {SCHEMA_VERSION}" in out.out
    assert f"User:      {role}" in out.out
    password = next(
        line.split()[-1] for line in out.out.splitlines() if line.strip().startswith("Password:")
    )
    assert len(password) >= 24
    assert f"IOPDESK_DATABASE_URL=postgresql://{role}:{password}@127.0.0.1:" in out.out
    assert "sslmode=require" in out.out
    assert rights(postgres_url, role, "audit_event") == ["SELECT", "INSERT"]
    assert rights(postgres_url, role, "schema_version") == ["SELECT"]
    assert rights(postgres_url, role, "client") == ["SELECT", "INSERT", "UPDATE", "DELETE"]
    conn = psycopg2.connect(postgres_url)
    try:
        cursor = conn.cursor()
        cursor.execute(
            "SELECT rolsuper, rolcreatedb, rolcreaterole, rolpassword IS NOT NULL "
            "FROM pg_authid WHERE rolname = %s",
            (role,),
        )
        assert cursor.fetchone() == (False, False, False, True)
    finally:
        conn.close()


def test_running_it_again_keeps_the_password_unless_asked(postgres_url, capsys):
    set_up(postgres_url, capsys)
    code, out = set_up(postgres_url, capsys)
    assert code == 0
    assert "Password:  unchanged" in out.out
    code, out = set_up(postgres_url, capsys, "--new-password")
    assert "shown once" in out.out


def test_the_workstations_role_is_never_the_owner(postgres_url, capsys):
    code, out = set_up(postgres_url, capsys, "--app-role", "iopdesk")
    assert code == 2
    assert "must not be the owner" in out.err


@pytest.mark.parametrize(
    "url", ["mysql://me@host/db", "postgresql://me@host", "postgresql://me:secret@host:x/db"]
)
def test_a_wrong_address_is_a_sentence_and_hides_the_password(url, capsys):
    code, out = set_up(url, capsys)
    assert code == 2
    assert "postgresql://USER@HOST/DATABASE" in out.err
    assert "secret" not in out.err
