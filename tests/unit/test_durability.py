"""Reliability promises: a killed process loses no acknowledged record; concurrent writers land."""

import os
import signal
import subprocess
import sys
import time

from iopdesk.db.connection import close_database
from tests import clinic_files

WRITER = """
import sys
from iopdesk.services.store import open_clinic
from iopdesk.services.admin import clinic
from iopdesk.db.connection import write_transaction
from iopdesk.db.models.core import Setting
open_clinic(sys.argv[1], key=bytes.fromhex(sys.argv[4]))
prefix = sys.argv[2]
for i in range(int(sys.argv[3])):
    with write_transaction():
        Setting.create(key=f"{prefix}{i}", value="1")
    print(f"{prefix}{i}", flush=True)   # acknowledged only after COMMIT returned
"""


def _key(store):
    return clinic_files.key_for(store.db_path).hex()


def _env():
    return {**os.environ, "PYTHONPATH": os.getcwd()}


def test_killed_writer_loses_no_acknowledged_row(store, admin):
    close_database()
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store.data_dir), "k", "100000", _key(store)],
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    acknowledged = []
    deadline = time.monotonic() + 30
    while len(acknowledged) < 150 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line:
            acknowledged.append(line.strip())
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert len(acknowledged) >= 150
    conn = clinic_files.connect(store.db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    keys = {r[0] for r in conn.execute("SELECT key FROM setting")}
    conn.close()
    assert set(acknowledged) <= keys


def test_two_processes_writing_at_once_lose_nothing(store, admin):
    close_database()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(store.data_dir), p, "150", _key(store)],
            stdout=subprocess.DEVNULL,
            env=_env(),
        )
        for p in ("a", "b")
    ]
    for p in procs:
        assert p.wait(timeout=120) == 0
    conn = clinic_files.connect(store.db_path)
    keys = {r[0] for r in conn.execute("SELECT key FROM setting")}
    conn.close()
    assert {f"a{i}" for i in range(150)} | {f"b{i}" for i in range(150)} <= keys
