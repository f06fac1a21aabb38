"""``iopdesk bench --database postgresql://...``: the small demo clinic moved to the test server
once (again when the database no longer holds that clinic), every screen case measured there
and on the file, each with its ratio, and what cannot apply on a server said so. (No timing is
asserted: speed is the bench's.)"""

from __future__ import annotations

import json
from pathlib import Path

import psycopg2
import pytest

from iopdesk.bench.runner import all_cases
from iopdesk.bench.server import NOT_ON_A_SERVER, not_applicable, run_on_server, server_clinic
from iopdesk.db.migrations import SCHEMA_VERSION
from iopdesk.services.admin.server import parse_address

pytestmark = pytest.mark.postgres

MOVING = "Moving the small demo clinic"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One bench cache for this module: the small demo clinic is built once."""
    return tmp_path_factory.mktemp("bench-cache")


def _comment(url: str) -> str:
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                "WHERE datname = 'postgres_small'"
            )
            return cursor.fetchone()[0]
    finally:
        conn.close()


def _clients_on(url: str) -> int:
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM client")
            return cursor.fetchone()[0]
    finally:
        conn.close()


def test_every_screen_is_measured_on_the_server_beside_sqlite_with_its_ratio(
    cache, postgres_server
):
    lines: list[str] = []
    url = f"{postgres_server}/postgres"

    run_on_server(cache, ["small"], url, lines.append, runs=1)

    assert sum(MOVING in line for line in lines) == 1
    table = lines[next(i for i, line in enumerate(lines) if "PostgreSQL / SQLite" in line) :]
    for case in all_cases():
        [row] = [line for line in table if line.startswith(f"{case.name} ")]
        if not_applicable(case):
            assert "not applicable" in row, row
        else:
            *_figures, wall, cpu, verdict = row.split()
            assert float(wall) > 0 and float(cpu) > 0, row
            assert verdict in ("ok", "OVER"), row
    for name in NOT_ON_A_SERVER:
        assert any(line.startswith(name) and "not applicable" in line for line in table), name

    # Measured again: the server's copy is reused, as the workstations' role.
    again: list[str] = []
    _folder, workstation = server_clinic(cache, "small", parse_address(url), again.append)
    assert not any(MOVING in line for line in again)
    assert "postgres_small_app" in workstation and _clients_on(workstation) > 50


def _label(url: str, comment: str) -> None:
    conn = psycopg2.connect(url)
    try:
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(f"COMMENT ON DATABASE postgres_small IS '{comment}'")
    finally:
        conn.close()


def test_another_clinic_build_is_moved_again_and_an_older_data_version_upgraded(
    cache, postgres_server
):
    url = f"{postgres_server}/postgres"
    server = parse_address(url)
    server_clinic(cache, "small", server, lambda _line: None)

    _label(url, "an older demo build")
    moved: list[str] = []
    _folder, workstation = server_clinic(cache, "small", server, moved.append)
    assert sum(MOVING in line for line in moved) == 1
    assert _clients_on(workstation) > 50

    held = json.loads(_comment(url))
    _label(url, json.dumps({**held, "version": SCHEMA_VERSION - 1}))
    upgraded: list[str] = []
    server_clinic(cache, "small", server, upgraded.append)
    assert not any(MOVING in line for line in upgraded)
    assert any("Upgrading the small demo clinic" in line for line in upgraded)
    assert json.loads(_comment(url)) == held
