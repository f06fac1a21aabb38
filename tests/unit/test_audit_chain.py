"""The audit trail is a hash chain: rows edited, removed or slipped in behind the triggers'
back are found by ``iopdesk check``, which names the first row that breaks it."""

import os
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import pytest

from iopdesk import cli
from iopdesk.db import audit_chain
from iopdesk.db.connection import close_database
from iopdesk.errors import PermissionDenied
from iopdesk.services.admin import staff
from iopdesk.services.clients import records as clients
from iopdesk.services.store import open_clinic
from tests.clinic_files import connect
from tests.conftest import PASSWORD
from tests.factories.clients import make_client
from tests.processes import in_another_workstation
from tests.schemas import RELEASED_SQLITE, unpack_released


def verdict(db_path):
    conn = connect(db_path)
    try:
        return audit_chain.verify(conn)
    finally:
        conn.close()


def audit_ids(db_path) -> list[int]:
    conn = connect(db_path)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM audit_event ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def busy_clinic(store, admin, front_desk):
    """A clinic with a few dozen audit rows of every kind: writes, reads, a denial."""
    dana = make_client("Dana", "Reyes")
    for n in range(5):
        staff.add_staff(admin, staff.StaffForm(f"temp{n}", f"Temp {n}", "front_desk"), PASSWORD)
        clients.chart_header(admin, dana)
    with pytest.raises(PermissionDenied):
        staff.add_staff(front_desk, staff.StaffForm("nope", "No Body", "front_desk"), PASSWORD)
    close_database()
    return store


def test_every_row_links_to_the_one_before(busy_clinic):
    ids = audit_ids(busy_clinic.db_path)
    assert len(ids) > 10
    assert verdict(busy_clinic.db_path) == audit_chain.ChainVerdict(len(ids), None)


def tamper(db_path, *statements):
    """What someone with the file and sqlite3 could do: drop the triggers, then change rows."""
    conn = connect(db_path)
    conn.isolation_level = None
    try:
        conn.execute("DROP TRIGGER audit_event_no_update")
        conn.execute("DROP TRIGGER audit_event_no_delete")
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()


def check(store, capsys):
    with mock.patch.dict(os.environ, {"IOPDESK_PASSWORD": PASSWORD}):
        code = cli.main(["check", "--data-dir", str(store.data_dir), "--user", "admin"])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_check_passes_an_untouched_trail(busy_clinic, capsys):
    code, said = check(busy_clinic, capsys)
    assert code == 0, said
    assert f"the audit trail ({len(audit_ids(busy_clinic.db_path))} rows) is unbroken" in said


def test_check_names_the_row_edited_behind_the_triggers(busy_clinic, capsys):
    edited = audit_ids(busy_clinic.db_path)[6]
    tamper(busy_clinic.db_path, f"UPDATE audit_event SET username = 'nobody' WHERE id = {edited}")
    code, said = check(busy_clinic, capsys)
    assert code == 2
    assert f"row {edited} (" in said
    assert "audit trail has been altered" in said


def test_check_names_the_row_after_one_removed(busy_clinic, capsys):
    ids = audit_ids(busy_clinic.db_path)
    tamper(busy_clinic.db_path, f"DELETE FROM audit_event WHERE id = {ids[3]}")
    code, said = check(busy_clinic, capsys)
    assert code == 2
    assert f"row {ids[4]} (" in said


def test_check_finds_a_row_slipped_in(busy_clinic, capsys):
    ids = audit_ids(busy_clinic.db_path)
    tamper(
        busy_clinic.db_path,
        f"UPDATE audit_event SET id = id + 1000 WHERE id > {ids[4]}",
        "INSERT INTO audit_event (id, at, username, action, kind, outcome, record_type, "
        f"record_id, detail, chain_hash) VALUES ({ids[4] + 1}, '2025-01-01 09:00:00', 'admin', "
        "'client.open', 'read', 'ok', '', '', '', 'made up')",
    )
    code, said = check(busy_clinic, capsys)
    assert code == 2
    assert f"row {ids[4] + 1} (" in said


def test_two_processes_appending_at_once_keep_one_chain(store, admin):
    dana = make_client("Dana", "Reyes")
    close_database()
    script = f"""
        from iopdesk.services.clients import records
        for _ in range(40):
            records.chart_header(actor, {dana})
    """
    with ThreadPoolExecutor(2) as pool:
        for done in [
            pool.submit(in_another_workstation, store.data_dir, "admin", PASSWORD, script)
            for _ in range(2)
        ]:
            done.result()
    result = verdict(store.db_path)
    assert result.broken is None
    assert result.rows == len(audit_ids(store.db_path)) >= 80


def test_an_upgraded_clinic_has_its_earlier_rows_chained(tmp_path, capsys):
    db_path = unpack_released(RELEASED_SQLITE[0], tmp_path / "released")
    before = audit_ids(db_path)
    store = open_clinic(db_path.parent)
    close_database()
    assert verdict(db_path) == audit_chain.ChainVerdict(len(before), None)
    code, said = check(store, capsys)
    assert code == 0, said
