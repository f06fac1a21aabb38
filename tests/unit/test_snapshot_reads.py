"""Reads take no write lock: they see one committed snapshot while another workstation is in
the middle of a long save, and an audited read is returned only once its audit row is kept."""

import datetime as dt

import peewee
import pytest

from iopdesk.db import connection
from iopdesk.db.connection import close_database, read_transaction
from iopdesk.db.models.calendar import SessionSeries
from iopdesk.db.models.core import AuditEvent, Client, Setting
from iopdesk.errors import DatabaseProblem
from iopdesk.services import calendar as cal
from iopdesk.services.calendar.series import forget_horizon
from iopdesk.services.clients import records as clients
from iopdesk.services.context import BUSY_MESSAGE, Actor, use_case
from iopdesk.services.store import open_clinic
from tests import clinic_files
from tests.factories import calendar as f
from tests.factories.clients import make_client
from tests.processes import another_workstation_writing


@pytest.fixture
def short_wait(store, monkeypatch):
    """The clinic reopened with a one-second busy timeout: a read that waited for the write
    lock would fail at once instead of after fifteen seconds."""
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 1)
    close_database()
    open_clinic(store.data_dir, key=clinic_files.key_for(store.db_path))
    return store


def test_a_long_save_in_another_process_does_not_hold_up_a_read(admin, short_wait):
    dana = make_client("Dana", "Reyes")
    with another_workstation_writing(short_wait.data_dir):
        rows = clients.list_clients(admin, "")
        header = clients.header_summary(admin, dana)
    # The committed snapshot: Dana, and not the other workstation's unfinished save.
    assert [r.record_number for r in rows] == [Client.get_by_id(dana).record_number]
    assert header.legal_name == "Dana Reyes"
    assert Client.select().where(Client.record_number == "IOP-UNSAVED").exists()


def test_an_audited_read_during_a_long_save_is_busy_and_shows_nothing_unlogged(admin, short_wait):
    dana = make_client("Dana", "Reyes")
    before = AuditEvent.select().count()
    with (
        another_workstation_writing(short_wait.data_dir),
        pytest.raises(DatabaseProblem) as refused,
    ):
        clients.chart_header(admin, dana)
    assert refused.value.message == BUSY_MESSAGE
    assert AuditEvent.select().count() == before
    assert clients.chart_header(admin, dana).legal_name == "Dana Reyes"
    opened = list(AuditEvent.select().where(AuditEvent.id > before))
    assert [(e.action, e.kind, e.client_id) for e in opened] == [("client.open", "read", dana)]


def test_a_read_sees_one_snapshot_while_another_connection_commits(store, admin):
    make_client("Dana", "Reyes")
    other = clinic_files.connect(store.db_path)
    other.isolation_level = None
    try:
        with read_transaction():
            first = Client.select().count()
            other.execute(
                "INSERT INTO client (record_number, legal_first_name, legal_last_name, "
                "preferred_name, pronouns, date_of_birth, sex, phone, email, address, status, "
                "search_text, safety_flag, created_at) VALUES ('IOP-X', 'Eli', 'Moss', '', '', "
                "'1990-01-01', '', '', '', '', 'referred', '', '', '2025-01-01 00:00:00')"
            )
            again = Client.select().count()
    finally:
        other.close()
    assert first == again == 1
    assert Client.select().count() == 2


def test_a_read_use_case_cannot_write(store, admin):
    @use_case("test.sneaky_read", None, kind="read", audited=False)
    def sneaky(actor: Actor) -> None:
        Setting.create(key="sneaky", value="1")

    with pytest.raises(peewee.OperationalError, match="readonly"):
        sneaky(admin)
    assert not Setting.select().where(Setting.key == "sneaky").exists()


def test_a_read_past_the_calendar_horizon_makes_the_sessions_it_shows_first(clinician):
    client = make_client("Rosa", "Díaz")
    group = f.group("Coping Skills")
    first = f.next_weekday(f.MON)
    f.member(group, client, first)
    series = cal.create_series(clinician, f.group_series(group, clinician.staff_id, first))
    horizon = SessionSeries.get_by_id(series.id).horizon
    forget_horizon()  # as in a new process
    later = horizon + dt.timedelta(days=120)
    views = cal.sessions_for_client(clinician, client, first, later)
    assert views[-1].day > horizon
    assert SessionSeries.get_by_id(series.id).horizon == later
