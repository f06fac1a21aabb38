"""Progress: the Progress tab clicked in a long stay's chart -> its charts painted; the
discharge summary that prints the same charts."""

from __future__ import annotations

from iopdesk.bench import Case, Step, Trial
from iopdesk.bench.desk import Desk
from iopdesk.gui.clients.chart import ChartWindow
from iopdesk.services.aftercare.discharge import print_discharge_summary

#: The active client with the most attendance: the fullest Progress tab there is.
_BUSIEST = (
    "SELECT a.client_id FROM attendance a JOIN client c ON c.id = a.client_id "
    "WHERE c.status = 'active' GROUP BY a.client_id ORDER BY COUNT(*) DESC LIMIT 1"
)
_LATEST_DISCHARGE = "SELECT client_id, episode_id FROM discharge ORDER BY id DESC LIMIT 1"


def _progress_tab(desk: Desk) -> Trial:
    client_id = int(desk.one(_BUSIEST))
    window = desk.main_window()
    chart: list[ChartWindow] = []

    def before() -> None:
        window.open_chart(client_id)
        opened = window.child_windows[("chart", client_id)]
        assert isinstance(opened, ChartWindow)
        chart[:] = [opened]
        desk.settle()

    def index() -> int:
        return next(i for i, s in enumerate(chart[0].tab_specs) if s.key == "progress")

    def shown() -> bool:
        built = chart[0].built.get(index())
        return built is not None and getattr(built.charts, "data", None) is not None

    def after() -> None:
        chart[0].close()
        desk.settle()

    step = Step(
        lambda: chart[0].tabs.setCurrentIndex(index()), shown, lambda: chart[0].built[index()]
    )
    return Trial([step], before, after)


def _discharge_summary(desk: Desk) -> Trial:
    client_id, episode_id = desk.raw.execute(_LATEST_DISCHARGE).fetchone()
    actor = desk.actors["clinician"]
    return Trial([Step(lambda: print_discharge_summary(actor, client_id, episode_id))])


CASES = [
    Case("chart: Progress tab clicked to charts painted", 100, _progress_tab),
    Case("discharge summary PDF with progress charts", 300, _discharge_summary, scaled=False),
]
