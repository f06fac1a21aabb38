"""The calendar's client picker searches like the Clients list: the same word index."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.core import Client
from iopdesk.services import calendar as cal
from iopdesk.services.clients.search import list_clients
from tests.factories.clients import make_client


@pytest.fixture
def people(front_desk):
    rows = {
        "jose": make_client("José", "O'Brien", phone="507-555-0101", status="referred"),
        "lucy": make_client(
            "Ana-Lucía", "Nguyễn", preferred_name="Lucy", dob=dt.date(1992, 1, 3), status="referred"
        ),
        "jordan": make_client("Jordan", "Rivers", dob=dt.date(1990, 5, 17), status="referred"),
        "gone": make_client("Jordan", "Riverton", dob=dt.date(1979, 2, 1), status="referred"),
    }
    Client.update(status="discharged").where(Client.id == rows["gone"]).execute()
    return rows


def _ids(actor, text):
    return {c.id for c in cal.client_choices(actor, text)}


@pytest.mark.parametrize(
    "text", ["jor", "riv", "ivers", "0101", "5550101", "obrien", "lucia", "lucy", "nguyen", "x"]
)
def test_picker_finds_what_the_clients_list_finds_minus_discharged(people, front_desk, text):
    listed = {r.id for r in list_clients(front_desk, text) if r.status != "discharged"}
    assert _ids(front_desk, text) == listed


def test_picker_uses_the_index_words(people, clinician):
    # Phone digits live only in the word index, not in the folded search text.
    assert _ids(clinician, "0101") == {people["jose"]}
    assert _ids(clinician, "riv jor") == {people["jordan"]}  # discharged Riverton left out
    [choice] = cal.client_choices(clinician, "rivers")
    assert (choice.name, choice.status) == ("Jordan Rivers", "referred")
    assert choice.record_number == Client.get_by_id(people["jordan"]).record_number


def test_picker_is_not_crowded_out_by_discharged_clients(front_desk):
    for n in range(30):
        gone = make_client(
            "Maria", f"Aaberg{n:02d}", dob=dt.date(1980, 1, 1 + n % 28), status="referred"
        )
        Client.update(status="discharged").where(Client.id == gone).execute()
    active = make_client("Maria", "Zuniga", dob=dt.date(1991, 3, 3), status="referred")
    choices = cal.client_choices(front_desk, "maria", limit=5)
    assert [c.id for c in choices] == [active]
