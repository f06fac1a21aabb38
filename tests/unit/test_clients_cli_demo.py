"""The ``iopdesk clients`` command and the clients demo step."""

from __future__ import annotations

import pytest

from iopdesk.cli import main
from iopdesk.db.connection import close_database
from iopdesk.db.models.clients import ClientSearchToken, Consent, Disclosure, EmergencyContact
from iopdesk.db.models.core import Client
from iopdesk.demo import DEMO_PASSWORD
from iopdesk.services.admin import auth
from iopdesk.services.clients import consents
from tests.conftest import PASSWORD
from tests.factories.clients import make_client


def test_clients_command_prints_matches(store, front_desk, monkeypatch, capsys):
    make_client("José", "García", status="referred")
    make_client("Ann", "Lee", status="referred")
    close_database()
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)
    args = ["clients", "--data-dir", str(store.data_dir), "--user", "fran"]
    assert main([*args, "--search", "jose"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out == ["IOP-000001\tGarcía, José\treferred"]
    assert main([*args, "--search", "nobody"]) == 1
    assert "No clients match." in capsys.readouterr().err
    assert main([*args, "--status", "active"]) == 1


def test_clients_command_needs_a_sign_in(store, admin, capsys):
    close_database()
    assert main(["clients", "--data-dir", str(store.data_dir)]) == 2
    assert "--user" in capsys.readouterr().err


def test_demo_step_gives_search_words_contacts_and_consents(demo):
    ctx = demo
    clients_total = Client.select().count()
    indexed = ClientSearchToken.select(ClientSearchToken.client).distinct().count()
    assert indexed == clients_total
    assert EmergencyContact.select().count() == clients_total
    assert Consent.select().where(Consent.revoked_on.is_null(False)).count() >= 1
    actor = auth.sign_in("dmiller", DEMO_PASSWORD)
    statuses = set()
    for client_id in ctx.active_clients()[:3]:
        statuses |= {r.status for r in consents.list_consents(actor, client_id, ctx.today)}
    assert {"active", "revoked", "expired", "given"} <= statuses
    assert Disclosure.select().count() == 1


@pytest.fixture(autouse=True)
def _close():
    yield
    close_database()
