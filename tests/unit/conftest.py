"""Unit-test fixtures: a throwaway later migration step, and a real PostgreSQL server."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from iopdesk.db import migrations

#: A later step written as the recipe in iopdesk/db/migrations says, on the hard cases: a NOT NULL
#: column on a table other rows point at, one on the append-only audit trail, and a new table.
LATER_STEP = '''"""Step {version} (a throwaway for tests): client referral notes and referrals."""

import peewee

VERSION = {version}
DESCRIPTION = "client referral notes and referrals"


class _Client(peewee.Model):
    class Meta:
        table_name = "client"


class _Referral(peewee.Model):
    client = peewee.ForeignKeyField(_Client, on_delete="RESTRICT")
    agency = peewee.CharField(max_length=200, index=True)

    class Meta:
        table_name = "referral"


def apply(db):
    db.execute_sql("ALTER TABLE client ADD COLUMN referral_note TEXT NOT NULL DEFAULT ''")
    db.execute_sql("CREATE INDEX client_referral_note ON client (referral_note)")
    db.execute_sql("ALTER TABLE audit_event ADD COLUMN workstation VARCHAR(80) NOT NULL DEFAULT ''")
    with db.bind_ctx([_Client, _Referral]):
        db.create_tables([_Referral])
'''


@pytest.fixture
def later_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Adds LATER_STEP after the last real step, from a package of its own; returns its version."""
    version = migrations.SCHEMA_VERSION + 1
    package = f"later_steps_{uuid.uuid4().hex}"
    folder = tmp_path / package
    folder.mkdir()
    (folder / "__init__.py").write_text('"""Throwaway migration steps."""\n')
    (folder / f"m{version:04d}_referrals.py").write_text(LATER_STEP.format(version=version))
    monkeypatch.syspath_prepend(str(tmp_path))
    steps = migrations.STEPS + migrations.load_steps([str(folder)], package)
    monkeypatch.setattr(migrations, "STEPS", steps)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", version)
    return version


def _bin(name: str) -> str | None:
    return shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None
    )


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def _wait_until_ready(port: int) -> None:
    for _ in range(50):
        ready = subprocess.run(
            _as_server_user([_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(port)]),
            capture_output=True,
        )
        if ready.returncode == 0:
            return
        time.sleep(0.1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a throwaway server (no database part); stopped after the session."""
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not initdb or not pg_ctl or not _bin("psql"):
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
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    start = [pg_ctl, "-D", str(data), "-l", str(folder / "log"), "-w", "-o", options, "start"]
    subprocess.run(_as_server_user(start), check=True, capture_output=True)
    try:
        _wait_until_ready(port)
        yield f"postgresql://iopdesk@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_database(postgres_server: str) -> Callable[[str], str]:
    """Makes a new, empty database (loading ``sql`` into it with psql) and returns its URL."""
    numbers = itertools.count()

    def make(sql: str = "") -> str:
        name = f"clinic_{os.getpid()}_{time.monotonic_ns()}_{next(numbers)}"
        subprocess.run(
            [
                _bin("psql"),
                "-X",
                "-q",
                f"{postgres_server}/postgres",
                "-c",
                f"CREATE DATABASE {name}",
            ],
            check=True,
            capture_output=True,
        )
        url = f"{postgres_server}/{name}"
        if sql:
            subprocess.run(
                [_bin("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", url],
                input=sql,
                text=True,
                check=True,
                capture_output=True,
            )
        return url

    return make


@pytest.fixture
def postgres_url(postgres_database: Callable[[str], str]) -> str:
    """A new, empty clinic database on the test server."""
    return postgres_database("")
