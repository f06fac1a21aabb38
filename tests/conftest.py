"""Shared fixtures: every test gets its own clinic data folder; no test touches real data.

The demo clinic is built once per test session (per xdist worker) and each test that wants
it gets its own copy of the folder, so tests may change it freely.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("IOPDESK_DATABASE_URL", None)

from pathlib import Path

import keyring
import pytest

from iopdesk.db.connection import close_database, database_key
from iopdesk.demo import DEMO_PASSWORD, DemoContext, build_demo
from iopdesk.domain import formats
from iopdesk.services.admin import clinic as clinic_service
from iopdesk.services.admin import staff as staff_service
from iopdesk.services.context import Actor
from iopdesk.services.store import ClinicStore, Credential, create_clinic, unlock_clinic
from tests import clinic_files
from tests.memory_keyring import MemoryKeyring
from tests.postgres_server import (  # noqa: F401 (fixtures for every test folder)
    postgres_control,
    postgres_database,
    postgres_server,
    postgres_url,
)

PASSWORD = "correct horse battery"
#: The demo's "today": a plain Wednesday with no holiday in the weeks around it, so what the
#: demo tests see does not depend on the day the suite runs.
DEMO_TODAY = dt.date(2026, 3, 4)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IOPDESK_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.delenv("IOPDESK_PASSWORD", raising=False)
    keyring.set_keyring(MemoryKeyring())  # never the computer's real password store
    yield
    close_database()
    formats.use(formats.DEFAULT.date, formats.DEFAULT.time)  # a test's clinic settings end with it


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoContext]:
    """The small demo clinic, built once per session (per worker); copy it, never change it."""
    folder = tmp_path_factory.mktemp("demo-template") / "clinic"
    ctx = build_demo(folder, "small", today=DEMO_TODAY, log=lambda _message: None)
    close_database()
    return folder, ctx


@pytest.fixture
def demo_dir(demo_template: tuple[Path, DemoContext], tmp_path: Path) -> Path:
    """This test's own copy of the demo clinic's data folder (closed: open it or run the CLI)."""
    folder = tmp_path / "demo"
    shutil.copytree(demo_template[0], folder)
    return folder


@pytest.fixture
def demo(demo_template: tuple[Path, DemoContext], demo_dir: Path) -> DemoContext:
    """The demo clinic unlocked from this test's copy, and what the generator made."""
    unlock_clinic(demo_dir, Credential("admin", DEMO_PASSWORD))
    return copy.deepcopy(demo_template[1])


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
    return set_up_clinic()


def set_up_clinic() -> Actor:
    """Set up the open (empty) clinic as an adult IOP; returns its first administrator."""
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
