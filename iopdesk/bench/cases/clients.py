"""The Clients area and the chart: typing a search, opening a client's chart."""

from __future__ import annotations

from PySide6.QtTest import QTest

from iopdesk.bench import Case, Step, Trial
from iopdesk.bench.desk import Desk, ModelResets
from iopdesk.gui.clients.chart import ChartWindow
from iopdesk.gui.clients.client_list import ClientList

TYPED = "mari"
#: The active client with the longest attendance history (the chart a long stay gives).
LONG_STAY = (
    "SELECT a.client_id FROM attendance a JOIN client c ON c.id = a.client_id "
    "WHERE c.status = 'active' GROUP BY a.client_id ORDER BY COUNT(*) DESC, a.client_id LIMIT 1"
)


def _search_rows(_desk: Desk) -> str:
    """The first key's page ("m": a fifth of the clinic), the quickest way SQLite finds it."""
    return (
        "SELECT c.* FROM client c WHERE EXISTS (SELECT 1 FROM client_search_token t "
        f"WHERE t.client_id = c.id AND t.token >= '{TYPED[0]}' "
        f"AND t.token < '{TYPED[0]}' || char(1114111)) "
        "ORDER BY c.legal_last_name, c.legal_first_name, c.id LIMIT 100"
    )


def _search(desk: Desk) -> Trial:
    """Each key of "mari" typed into the search box -> the list painted with its matches."""
    page: ClientList = desk.main_window().show_area("clients")  # type: ignore[assignment]
    resets = ModelResets(page.table.rows_model)
    seen: list[int] = []

    def key(char: str) -> Step:
        def act() -> None:
            seen[:] = [resets.count]
            QTest.keyClick(page.search, char)

        return Step(act, lambda: resets.count > seen[0], page.table.viewport)

    def before() -> None:
        page.search.clear()
        page.refresh()
        page.search.setFocus()

    return Trial([key(char) for char in TYPED], before, resets.stop)


def _chart(desk: Desk) -> Trial:
    """Enter on a client in the list -> the chart window with its first tab, painted."""
    client_id = int(desk.one(LONG_STAY))
    window = desk.main_window()

    def chart() -> ChartWindow | None:
        return window.child_windows.get(("chart", client_id))  # type: ignore[return-value]

    def shown() -> bool:
        opened = chart()
        return opened is not None and 0 in opened.built and bool(opened.header.name.text())

    return Trial(
        [Step(lambda: window.open_chart(client_id), shown, lambda: chart().built[0])],
        after=lambda: chart().close(),
    )


def _chart_rows(desk: Desk) -> str:
    client_id = int(desk.one(LONG_STAY))
    return (
        f"SELECT * FROM client c LEFT JOIN episode e ON e.client_id = c.id "
        f"LEFT JOIN emergency_contact k ON k.client_id = c.id WHERE c.id = {client_id}"
    )


CASES = [
    Case("client search: keystroke to painted list (worst key)", 30, _search, _search_rows),
    Case("client chart with its first tab (longest stay)", 100, _chart, _chart_rows),
]
