"""Unit-test fixtures: a throwaway later migration step."""

from __future__ import annotations

import uuid
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
