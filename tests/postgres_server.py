"""A real PostgreSQL server for tests, started from the system's packages (skipped without
them): one per session (per xdist worker), a new empty database per test."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def _bin(name: str) -> str | None:
    return shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None
    )


#: Found once, so a test that empties PATH (no pg_dump here) cannot break the server's fixture.
RUNUSER = shutil.which("runuser") or "/usr/sbin/runuser"


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return [RUNUSER, "-u", "postgres", "--", *cmd]
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


class PostgresServer:
    """A throwaway server (trust sign-in, no fsync) in a temporary folder; tests may stop it
    and start it again (a restart, a pulled cable) on the same port."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="iopdesk-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.data = self.folder / "data"
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        subprocess.run(
            _as_server_user([_bin("initdb"), "-D", str(self.data), "-U", "iopdesk", "-A", "trust"]),
            check=True,
            capture_output=True,
        )
        self.url = f"postgresql://iopdesk@127.0.0.1:{self.port}"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.folder / "log")
        start = [_bin("pg_ctl"), "-D", str(self.data), "-l", log, "-w", "-o", options, "start"]
        subprocess.run(_as_server_user(start), check=True, capture_output=True)
        _wait_until_ready(self.port)

    def stop(self) -> None:
        subprocess.run(
            _as_server_user([_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
            capture_output=True,
        )

    def is_running(self) -> bool:
        status = _as_server_user([_bin("pg_ctl"), "-D", str(self.data), "status"])
        return subprocess.run(status, capture_output=True).returncode == 0


@pytest.fixture(scope="session")
def postgres_control() -> Iterator[PostgresServer]:
    """The session's server, to stop and start (always running again after each test)."""
    if not _bin("initdb") or not _bin("pg_ctl") or not _bin("psql"):
        pytest.skip("PostgreSQL server binaries are not installed")
    server = PostgresServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture
def postgres_server(postgres_control: PostgresServer) -> Iterator[str]:
    """The URL of the session's throwaway server (no database part)."""
    yield postgres_control.url
    if not postgres_control.is_running():  # a test stopped it: the next one needs it
        postgres_control.start()


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
