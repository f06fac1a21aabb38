"""Search as you type, filters, sort and paging of the Clients list, also at scale."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iopdesk.db.connection import database
from iopdesk.db.models.core import Client
from iopdesk.domain.clients import query_words, search_tokens
from iopdesk.domain.records import format_record_number, search_text
from iopdesk.errors import ValidationError
from iopdesk.services.clients import records as clients
from iopdesk.services.clients.search import index_all_clients
from tests.factories.clients import make_client


@pytest.fixture
def three(front_desk, clinician):
    made = [
        make_client(
            "José", "O'Brien", dob=dt.date(1985, 4, 12), phone="507-555-0101", status="referred"
        ),
        make_client(
            "Ana-Lucía",
            "Nguyễn",
            preferred_name="Lucy",
            dob=dt.date(1992, 1, 3),
            counselor=clinician,
            status="referred",
        ),
        make_client("美玲", "王", dob=dt.date(2001, 7, 30), status="referred"),
    ]
    return [Client.get_by_id(client_id) for client_id in made]


def _ids(rows):
    return [r.id for r in rows]


SEARCHES = [
    ("jose", [0]),
    ("JOSÉ o'b", [0]),
    ("obrien", [0]),
    ("brien", [0]),
    ("lucia", [1]),
    ("lucy", [1]),
    ("nguyen", [1]),
    ("ana-l", [1]),
    ("王", [2]),
    ("美", [2]),
    ("1985-04-12", [0]),
    ("04/12/1985", [0]),
    ("4/12/1985", [0]),
    ("0101", [0]),
    ("zzz", []),
    ("jose lucy", []),
]


def test_search_by_name_preferred_name_birth_date_and_phone(front_desk, three):
    for typed, expected in SEARCHES:
        found = _ids(clients.list_clients(front_desk, typed))
        assert found == [three[i].id for i in expected], typed


def test_search_by_record_number_in_any_form(front_desk, three):
    number = three[1].record_number
    for typed in (number, number.lower(), number[-6:], str(three[1].id)):
        assert three[1].id in _ids(clients.list_clients(front_desk, typed))


def test_filters_sort_and_count(front_desk, clinician, three):
    assert _ids(clients.list_clients(front_desk, counselor_id=clinician.staff_id)) == [three[1].id]
    assert clients.client_page(front_desk, status="referred").total == 3
    assert clients.client_page(front_desk, "jose").total == 1
    assert clients.list_clients(front_desk, status="active") == []
    by_name = [r.legal_last_name for r in clients.list_clients(front_desk)]
    assert by_name == sorted(by_name)
    by_dob = clients.list_clients(front_desk, sort="date_of_birth", descending=True)
    assert _ids(by_dob) == [three[2].id, three[1].id, three[0].id]
    by_counselor = clients.list_clients(front_desk, sort="counselor", descending=True)
    assert by_counselor[0].counselor_name.startswith("Casey")
    page = clients.list_clients(front_desk, sort="record_number", limit=2, offset=1)
    assert _ids(page) == [three[1].id, three[2].id]


def test_all_statuses_lists_clients_in_care_before_the_discharged(front_desk):
    made = {
        name: make_client(name, "Client", status=status)
        for name, status in (
            ("Aaron", "discharged"),
            ("Bea", "active"),
            ("Cy", "discharged"),
            ("Zed", "active"),
            ("Mo", "intake"),
        )
    }
    order = ["Bea", "Mo", "Zed", "Aaron", "Cy"]
    listed = [r.legal_first_name for r in clients.list_clients(front_desk)]
    assert listed == order
    pages = [
        [r.legal_first_name for r in clients.list_clients(front_desk, limit=2, offset=start)]
        for start in (0, 2, 4)
    ]
    assert pages == [order[0:2], order[2:4], order[4:]]
    backwards = [r.legal_first_name for r in clients.list_clients(front_desk, descending=True)]
    assert backwards == ["Zed", "Mo", "Bea", "Cy", "Aaron"]
    only_discharged = clients.list_clients(front_desk, status="discharged")
    assert [r.id for r in only_discharged] == [made["Aaron"], made["Cy"]]


def test_bad_filters_are_refused(front_desk):
    with pytest.raises(ValidationError):
        clients.list_clients(front_desk, status="gone")
    with pytest.raises(ValidationError):
        clients.list_clients(front_desk, sort="shoe size")


def test_row_shows_list_name(front_desk, three):
    row = clients.list_clients(front_desk, "lucy")[0]
    assert row.list_name == "Nguyễn, Ana-Lucía (Lucy)"
    assert row.status_label == "Referred"


@given(st.text(min_size=1, max_size=30))
def test_every_word_of_a_name_is_found_by_its_own_prefix(name):
    text = search_text(name, "Doe", "", "IOP-000001", None)
    tokens = search_tokens(text, "IOP-000001")
    for word in query_words(name):
        assert any(t.startswith(word[:3]) for t in tokens)


def test_search_at_scale_stays_index_driven(front_desk):
    """5,000 bulk-inserted clients: the search finds the right ones, a page at a time."""
    rows = []
    for n in range(1, 5001):
        first, last = ("Maria", f"Garcia{n}") if n % 100 == 0 else (f"Pat{n}", "Smith")
        number = format_record_number(n)
        dob = dt.date(1980, 1, 1) + dt.timedelta(days=n)
        rows.append(
            {
                "id": n,
                "record_number": number,
                "legal_first_name": first,
                "legal_last_name": last,
                "date_of_birth": dob,
                "status": "discharged" if n % 3 else "active",
                "search_text": search_text(first, last, "", number, dob),
            }
        )
    with database.atomic():
        for start in range(0, len(rows), 500):
            Client.insert_many(rows[start : start + 500]).execute()
    assert index_all_clients() == 5000
    assert index_all_clients() == 0
    found = clients.list_clients(front_desk, "mar gar")
    assert len(found) == 50 and all(r.legal_first_name == "Maria" for r in found)
    first = clients.client_page(front_desk, "smith", status="active")
    assert (first.total, first.counted_all) == (1000, False)  # "more than 1,000"
    assert clients.client_page(front_desk, "smith", status="active", offset=1000).total == 1650
    page = clients.list_clients(front_desk, "smith", limit=100, offset=4900)
    assert len(page) == 50
    plan = database.execute_sql(
        "EXPLAIN QUERY PLAN SELECT client_id FROM client_search_token "
        "WHERE token >= ? AND token < ?",
        ("mar", "mar\U0010ffff"),
    ).fetchall()
    assert any("USING" in str(step) and "INDEX" in str(step) for step in plan)
