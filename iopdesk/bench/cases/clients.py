"""Clients figures: search per keystroke, the list's first page, opening a chart's header."""

from __future__ import annotations

from iopdesk.bench import BenchCase
from iopdesk.db.models.core import Client
from iopdesk.services.clients import records as clients


def _keystrokes(actors) -> None:
    """A front-desk worker typing "mar" then "mari" (one list query per keystroke, averaged)."""
    desk = actors["front_desk"]
    for typed in ("m", "ma", "mar", "mari"):
        clients.list_clients(desk, typed, limit=100)
        clients.client_count(desk, typed)


def _first_page(actors) -> None:
    desk = actors["front_desk"]
    clients.list_clients(desk, limit=100)
    clients.client_count(desk)


def _open_chart(actors) -> None:
    row = Client.select(Client.id).where(Client.status == "active").order_by(Client.id).first()
    clients.chart_header(actors["clinician"], row.id)


CASES = [
    # Four keystrokes per run: the budget is 4 x 30 ms.
    BenchCase("client search, 4 keystrokes (m, ma, mar, mari)", 120, _keystrokes),
    BenchCase(
        "client list first page",
        100,
        _first_page,
        floor_sql="SELECT id, record_number, legal_last_name FROM client "
        "ORDER BY legal_last_name, legal_first_name LIMIT 100",
    ),
    BenchCase("open chart header (audited)", 100, _open_chart),
]
