"""One schema: a new clinic, every released clinic after its upgrade, and the live models agree.

This is the guard named in the recipe of ``iopdesk/db/migrations``: a model field without a
migration step fails here, and so does a step that builds new and upgraded clinics differently.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import peewee
import pytest

from iopdesk.db import migrations
from iopdesk.db.connection import close_database
from iopdesk.db.models.core import Episode
from iopdesk.services.store import ClinicStore, open_clinic
from tests.schemas import (
    DATA,
    RELEASED_SQLITE,
    WHAT_TO_DO,
    Schema,
    declared_by_models,
    differences,
    disagreements,
    look_at,
    unpack_released,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def new_clinic_schema(store: ClinicStore) -> Schema:
    close_database()
    return look_at(store.db_path)[0]


def test_a_clinic_written_by_the_first_release_is_kept_for_these_tests():
    assert DATA / "clinic-v7.iopdesk.xz" in RELEASED_SQLITE
    assert migrations.BASELINE_VERSION == 7


@pytest.mark.parametrize("archive", RELEASED_SQLITE, ids=lambda p: p.name)
def test_an_upgraded_released_clinic_has_the_schema_of_a_new_one(
    archive, new_clinic_schema, tmp_path
):
    db_path = unpack_released(archive, tmp_path / "released")
    open_clinic(db_path.parent)
    close_database()
    assert differences(new_clinic_schema, look_at(db_path)[0]) == []


@pytest.mark.parametrize("archive", RELEASED_SQLITE, ids=lambda p: p.name)
def test_a_released_clinic_opens_with_every_row_and_passes_the_check(archive, tmp_path):
    db_path = unpack_released(archive, tmp_path / "released")
    before = look_at(db_path)[1]
    assert before["client"] > 0 and before["audit_event"] > 0
    open_clinic(db_path.parent)
    close_database()
    after = look_at(db_path)[1]
    assert {name: after[name] for name in before} == before
    check = subprocess.run(
        [sys.executable, "-m", "iopdesk", "check", "--data-dir", str(db_path.parent)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    assert f"data version {migrations.SCHEMA_VERSION}" in check.stdout


def test_the_migrations_build_exactly_what_the_models_declare(new_clinic_schema):
    declared = declared_by_models(peewee.SqliteDatabase(":memory:"))
    problems = disagreements(declared, new_clinic_schema)
    assert not problems, WHAT_TO_DO + "\n".join(problems)


def test_a_model_field_without_a_step_is_named(new_clinic_schema):
    Episode._meta.add_field("referral_note", peewee.TextField(default=""))
    try:
        declared = declared_by_models(peewee.SqliteDatabase(":memory:"))
    finally:
        Episode._meta.remove_field("referral_note")
    assert disagreements(declared, new_clinic_schema) == [
        "column episode.referral_note (TEXT NOT NULL) is declared by the model, "
        "but no migration step adds it"
    ]
