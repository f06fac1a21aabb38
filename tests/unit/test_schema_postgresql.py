"""One schema on PostgreSQL too: a new clinic, each released one upgraded, and the live models."""

import lzma

import pytest
from playhouse.db_url import connect

from iopdesk.db.connection import close_database
from iopdesk.services.store import open_clinic
from tests.schemas import (
    RELEASED_POSTGRESQL,
    WHAT_TO_DO,
    declared_by_models,
    differences,
    disagreements,
    look_at,
)

pytestmark = pytest.mark.postgres


def new_clinic(url, tmp_path):
    open_clinic(tmp_path / "new", database_url=url)
    close_database()
    return look_at(url)[0]


def upgrade_released(archive, make_database, tmp_path):
    """Load a released clinic, open it (upgrading it); its row counts before, then after."""
    url = make_database(lzma.decompress(archive.read_bytes()).decode())
    before = look_at(url)[1]
    open_clinic(tmp_path / "released", database_url=url)
    close_database()
    schema, after = look_at(url)
    assert before["client"] > 0 and before["audit_event"] > 0
    assert {name: after[name] for name in before} == before
    return schema


def test_a_clinic_written_by_the_first_release_is_kept_for_these_tests():
    assert [p.name for p in RELEASED_POSTGRESQL][:1] == ["clinic-v7-postgresql.sql.xz"]


@pytest.mark.parametrize("archive", RELEASED_POSTGRESQL, ids=lambda p: p.name)
def test_an_upgraded_released_clinic_has_the_schema_of_a_new_one(
    archive, postgres_database, tmp_path
):
    expected = new_clinic(postgres_database(), tmp_path)
    assert differences(expected, upgrade_released(archive, postgres_database, tmp_path)) == []


def test_a_later_step_upgrades_the_released_clinic_to_the_schema_of_a_new_one(
    later_step, postgres_database, tmp_path
):
    expected = new_clinic(postgres_database(), tmp_path)
    archive = RELEASED_POSTGRESQL[0]
    upgraded = upgrade_released(archive, postgres_database, tmp_path)
    assert "referral" in upgraded.tables
    assert differences(expected, upgraded) == []


def test_the_migrations_build_exactly_what_the_models_declare(postgres_database, tmp_path):
    migrated = new_clinic(postgres_database(), tmp_path)
    scratch = connect(postgres_database())
    try:
        declared = declared_by_models(scratch)
    finally:
        scratch.close()
    problems = disagreements(declared, migrated)
    assert not problems, WHAT_TO_DO + "\n".join(problems)
