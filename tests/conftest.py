"""Shared fixtures: every test gets its own clinic data folder; no test touches real data."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("IOPDESK_DATABASE_URL", None)

from pathlib import Path

import pytest

from iopdesk.db.connection import close_database, database_key
from iopdesk.services.admin import clinic as clinic_service
from iopdesk.services.admin import staff as staff_service
from iopdesk.services.context import Actor
from iopdesk.services.store import ClinicStore, create_clinic
from tests import clinic_files

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IOPDESK_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.delenv("IOPDESK_PASSWORD", raising=False)
    yield
    close_database()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "clinic"


@pytest.fixture
def store(data_dir: Path) -> ClinicStore:
    """An opened, migrated, empty clinic database (not yet set up), encrypted as every new
    clinic is."""
    made = create_clinic(data_dir)
    clinic_files.KEYS[made.db_path] = database_key()
    return made


@pytest.fixture
def admin(store: ClinicStore) -> Actor:
    """The first administrator of a freshly set-up adult IOP clinic."""
    return clinic_service.set_up_clinic(
        clinic_service.ClinicForm("Riverbend Recovery", "12 Main St", "555-201-3344", "adult"),
        staff_service.StaffForm("admin", "Alex Admin", "administrator"),
        PASSWORD,
        PASSWORD,
    )


def make_staff(admin: Actor, username: str, role: str, supervisor: bool = False) -> Actor:
    """Add a colleague and return them as an Actor (password: PASSWORD)."""
    row = staff_service.add_staff(
        admin,
        staff_service.StaffForm(
            username,
            username.title() + " Tester",
            role,
            "LADC" if role == "clinician" else "",
            supervisor,
        ),
        PASSWORD,
    )
    return Actor(row.id, row.username, row.full_name, row.role, row.is_supervisor)


@pytest.fixture
def clinician(admin: Actor) -> Actor:
    return make_staff(admin, "casey", "clinician")


@pytest.fixture
def supervisor(admin: Actor) -> Actor:
    return make_staff(admin, "sam", "clinician", supervisor=True)


@pytest.fixture
def front_desk(admin: Actor) -> Actor:
    return make_staff(admin, "fran", "front_desk")
