"""The clinic's server stopped in the middle of a session (a restart, a pulled cable): every
call says so in one sentence, nothing is half-saved, and work carries on once it is back."""

import pytest

from iopdesk.cli import main
from iopdesk.db.models.core import Client
from iopdesk.errors import ServerUnreachable
from iopdesk.services.clients import records as clients
from iopdesk.services.store import open_clinic
from tests.conftest import PASSWORD, make_staff, set_up_clinic

pytestmark = pytest.mark.postgres

ANA = clients.ClientForm("Ana", "Lima", "1980-01-02")


def test_a_stopped_server_is_a_sentence_and_work_resumes_when_it_is_back(
    postgres_url, postgres_control, tmp_path
):
    open_clinic(tmp_path / "ws", database_url=postgres_url)
    casey = make_staff(set_up_clinic(), "casey", "clinician")
    first = clients.register_client(casey, ANA).id

    postgres_control.stop()
    with pytest.raises(ServerUnreachable, match=r"server \(127\.0\.0\.1\) cannot be reached"):
        clients.register_client(casey, clients.ClientForm("Bea", "Souza", "1985-05-06"))
    with pytest.raises(ServerUnreachable, match="reconnects by itself"):
        clients.chart_header(casey, first)  # a read, and again: no stale connection reused

    postgres_control.start()
    second = clients.register_client(casey, clients.ClientForm("Bea", "Souza", "1985-05-06")).id
    assert clients.chart_header(casey, second).legal_name == "Bea Souza"
    assert Client.select().where(Client.legal_first_name == "Bea").count() == 1


def test_a_command_with_the_server_down_says_so_without_a_traceback(
    postgres_url, postgres_control, tmp_path, monkeypatch, capsys
):
    open_clinic(tmp_path / "ws", database_url=postgres_url)
    make_staff(set_up_clinic(), "casey", "clinician")
    monkeypatch.setenv("IOPDESK_DATABASE_URL", postgres_url)
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)
    postgres_control.stop()
    assert main(["clients", "--user", "casey"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("iopdesk: The clinic's server (127.0.0.1) cannot be reached")
    assert "Traceback" not in err and err.count("\n") == 1
