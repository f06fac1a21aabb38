"""A word most clients have (one typed letter) is listed by walking the clients in name order,
a rarer one by fetching its few clients and sorting them: both give the same page and count."""

from __future__ import annotations

import pytest

from iopdesk.services.clients import records as clients
from iopdesk.services.clients import search
from tests.factories.clients import make_client

NAMES = [
    ("Maria", "Garcia"),
    ("Mario", "Alvarez"),
    ("Marisol", "Zamora"),
    ("Ana", "Martinez"),
    ("Mark", "Martin"),
    ("Lucy", "Mendez"),
    ("Bob", "Stone"),
    ("Amira", "Marsh"),
    ("Zoe", "Adams"),
]


@pytest.fixture
def made(front_desk):
    for first, last in NAMES:
        make_client(first, last)
    make_client("Mary", "Moss", status="referred")
    return front_desk


def _both_ways(monkeypatch, ask):
    """``ask()`` with every word walked by name, then with every word fetched and sorted."""
    monkeypatch.setattr(search, "BROAD", 0)
    walked = ask()
    monkeypatch.setattr(search, "BROAD", 10**9)
    return walked, ask()


@pytest.mark.parametrize("typed", ["m", "mar", "ma", "z", "q"])
def test_walking_names_and_sorting_matches_give_the_same_page(made, monkeypatch, typed):
    def page(**kw):
        return [r.id for r in clients.list_clients(made, typed, **kw)]

    for kw in ({}, {"descending": True}, {"limit": 2, "offset": 1}):
        walked, sorted_ = _both_ways(monkeypatch, lambda kw=kw: page(**kw))
        assert walked == sorted_
    counted = _both_ways(monkeypatch, lambda: clients.client_count(made, typed))
    assert counted[0] == counted[1] == len(page(limit=100))


def test_one_letter_lists_by_name_and_counts_each_client_once(made, monkeypatch):
    monkeypatch.setattr(search, "BROAD", 0)
    found = clients.list_clients(made, "m")
    names = [f"{r.legal_last_name}, {r.legal_first_name}" for r in found]
    assert names == sorted(names)
    # Marisol Zamora, Mario Alvarez... Mark Martin has two words starting with "m": still one.
    assert clients.client_count(made, "m") == len(found) == 8
    assert clients.client_count(made, "m", status="referred") == 1
    assert [r.legal_first_name for r in clients.list_clients(made, "m", status="referred")] == [
        "Mary"
    ]
