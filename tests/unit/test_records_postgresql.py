"""On PostgreSQL too: one audit chain however many workstations append, TRUNCATE refused, the
app working as a role that owns nothing and may only read and append to the audit trail, and a
save from an older view refused (the version check is in the UPDATE, under the row lock)."""

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import peewee
import psycopg2
import pytest
from playhouse.db_url import connect

from iopdesk.db import audit_chain
from iopdesk.db.connection import close_database
from iopdesk.db.server_roles import grant_app_role
from iopdesk.errors import ConflictError
from iopdesk.services.admin import auth, staff
from iopdesk.services.clients import records as clients
from iopdesk.services.store import open_clinic
from tests.conftest import PASSWORD, set_up_clinic
from tests.processes import in_another_workstation
from tests.versioned_records import EDITABLE

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_clinic(postgres_url, tmp_path):
    """A set-up clinic on the test server, opened by its owner, and a clinician signed in."""
    open_clinic(tmp_path / "pg", database_url=postgres_url)
    admin = set_up_clinic()
    staff.add_staff(admin, staff.StaffForm("casey", "Casey Clinician", "clinician"), PASSWORD)
    yield postgres_url, auth.sign_in("casey", PASSWORD)
    close_database()


def trail_verdict(url):
    db = connect(url)
    try:
        return audit_chain.verify(db.connection())
    finally:
        db.close()


def test_truncate_is_refused_even_to_the_owner(pg_clinic):
    url, _ = pg_clinic
    db = connect(url)
    try:
        with pytest.raises(peewee.DatabaseError, match="append-only"):
            db.execute_sql("TRUNCATE audit_event CASCADE")
        assert db.execute_sql("SELECT count(*) FROM audit_event").fetchone()[0] > 0
    finally:
        db.close()


def test_two_workstations_appending_at_once_keep_one_chain(pg_clinic, tmp_path):
    url, casey = pg_clinic
    dana = clients.register_client(casey, clients.ClientForm("Dana", "Reyes", "1988-04-02")).id
    script = f"""
        from iopdesk.services.clients import records
        for _ in range(30):
            records.chart_header(actor, {dana})
    """
    with ThreadPoolExecutor(2) as pool:
        runs = [
            pool.submit(in_another_workstation, tmp_path / "pg", "casey", PASSWORD, script, url)
            for _ in range(2)
        ]
        for run in runs:
            run.result()
    result = trail_verdict(url)
    assert result.broken is None and result.rows >= 60


def test_a_save_from_an_older_view_is_refused(pg_clinic, tmp_path):
    url, casey = pg_clinic
    record = EDITABLE["client details"]
    ids = record.make(casey)
    opened = record.read(casey, ids)
    in_another_workstation(
        tmp_path / "pg",
        "casey",
        PASSWORD,
        f"""
        from tests.versioned_records import EDITABLE
        record, ids = EDITABLE["client details"], {ids!r}
        record.save(actor, ids, "12 Elm St", record.read(actor, ids))
        """,
        url,
    )
    with pytest.raises(ConflictError) as refused:
        record.save(casey, ids, "9 Oak Ave", opened)
    assert refused.value.theirs["Address"] == "12 Elm St"
    assert record.stored(casey, ids) == "12 Elm St"


@pytest.fixture
def app_role(pg_clinic):
    """An app role made by the owner, with the grants the app needs; its URL."""
    url, _ = pg_clinic
    role = f"iopdesk_app_{os.getpid()}"
    owner = connect(url)
    try:
        owner.execute_sql(f"CREATE ROLE {role} LOGIN")
        grant_app_role(owner, role)
    finally:
        owner.close()
    yield url.replace("postgresql://iopdesk@", f"postgresql://{role}@")
    close_database()
    owner = connect(url)
    try:
        owner.execute_sql(f"DROP OWNED BY {role}")
        owner.execute_sql(f"DROP ROLE {role}")
    finally:
        owner.close()


def test_the_app_role_does_the_clinic_work(app_role, tmp_path):
    close_database()
    open_clinic(tmp_path / "app", database_url=app_role)
    casey = auth.sign_in("casey", PASSWORD)
    dana = clients.register_client(casey, clients.ClientForm("Dana", "Reyes", "1988-04-02")).id
    form = clients.client_form(casey, dana)
    clients.edit_demographics(casey, dana, replace(form, phone="555-201-3344"))
    assert clients.chart_header(casey, dana).legal_name == "Dana Reyes"
    close_database()
    assert trail_verdict(app_role).broken is None


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_event SET detail = 'x'",
        "DELETE FROM audit_event",
        "TRUNCATE audit_event",
        "UPDATE schema_version SET version = 1",
        "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only",
        "DROP TABLE client CASCADE",
    ],
)
def test_the_app_role_cannot_change_the_trail_or_the_schema(app_role, statement):
    conn = psycopg2.connect(app_role)
    try:
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            conn.cursor().execute(statement)
    finally:
        conn.close()


def test_the_app_role_owns_no_table(app_role):
    conn = psycopg2.connect(app_role)
    try:
        cursor = conn.cursor()
        cursor.execute("SELECT current_user")
        me = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM pg_tables WHERE tableowner = %s", (me,))
        assert cursor.fetchone()[0] == 0
    finally:
        conn.close()
