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
    counted = _both_ways(monkeypatch, lambda: clients.client_page(made, typed).total)
    assert counted[0] == counted[1] == len(page(limit=100))


def test_one_letter_lists_by_name_and_counts_each_client_once(made, monkeypatch):
    monkeypatch.setattr(search, "BROAD", 0)
    found = clients.list_clients(made, "m")
    names = [f"{r.legal_last_name}, {r.legal_first_name}" for r in found]
    assert names == sorted(names)
    # Marisol Zamora, Mario Alvarez... Mark Martin has two words starting with "m": still one.
    assert clients.client_page(made, "m").total == len(found) == 8
    assert clients.client_page(made, "m", status="referred").total == 1
    assert [r.legal_first_name for r in clients.list_clients(made, "m", status="referred")] == [
        "Mary"
    ]


def test_the_page_counts_its_matches_only_so_far_past_the_page(made, monkeypatch):
    monkeypatch.setattr(search, "COUNT_UP_TO", 3)
    first = clients.client_page(made, "m", limit=2)
    assert (len(first.rows), first.total, first.counted_all) == (2, 3, False)
    later = clients.client_page(made, "m", limit=2, offset=4)
    assert (len(later.rows), later.total, later.counted_all) == (2, 7, False)
    last = clients.client_page(made, "m", limit=2, offset=6)
    assert (len(last.rows), last.total, last.counted_all) == (2, 8, True)
    rare = clients.client_page(made, "z")  # Zamora, Zoe: under the cap, counted exactly
    assert (rare.total, rare.counted_all) == (2, True)
    everyone = clients.client_page(made, "", limit=2)
    assert (everyone.total, everyone.counted_all) == (3, False)
