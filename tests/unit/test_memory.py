"""Freed memory goes back to the system: a sign-in does not keep argon2id's 24 MB resident."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.processes import ROOT

#: Three password checks in a fresh process; prints how much resident memory they left behind.
_SIGN_INS = """
import sys
from pathlib import Path

from iopdesk.memory import return_freed_memory
from iopdesk.services.admin.passwords import hash_password, verify_password

def resident_kb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

if sys.argv[1] == "fixed":
    return_freed_memory()
stored = hash_password("a long enough password")
before = resident_kb()
for _ in range(3):
    assert verify_password(stored, "a long enough password")
print(resident_kb() - before)
"""


def _kept_mb(mode: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_SIGN_INS), mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout) / 1024


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_password_checks_leave_no_memory_behind():
    assert _kept_mb("as glibc starts") > 16  # the waste this guards against, still there
    assert _kept_mb("fixed") < 4
