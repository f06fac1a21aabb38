"""Re-screening reminders on screen: Today's "Screenings due" list and the chart's line follow
a screening given anywhere, and an administrator sets the weeks and instruments."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from iopdesk.db.models.core import Client
from iopdesk.domain import formats
from iopdesk.gui import operations
from iopdesk.gui.chart_tabs.intake import IntakeTab
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.main_window import MainWindow
from iopdesk.gui.today_panels.screenings_due import ScreeningsDuePanel
from iopdesk.services.admin import clinic
from iopdesk.services.intake import rescreening, screenings
from tests.factories.clients import make_client
from tests.factories.intake import PHQ9_MODERATE

ADMITTED = dt.date.today() - dt.timedelta(days=40)
DUE = formats.show_date(ADMITTED + dt.timedelta(weeks=4))


def _shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_today_and_the_chart_list_what_is_due_until_it_is_given(qtbot, store, clinician):
    client_id = make_client("Rosa", "Vega", counselor=clinician, admitted=ADMITTED)
    ctx = WindowContext(clinician, EventHub(), store)
    panel = ScreeningsDuePanel(ctx)
    panel.refresh()
    _shown(qtbot, panel)
    chart = _shown(qtbot, IntakeTab(ctx, client_id))
    assert panel.summary.text() == "2 screening(s) due for 1 client(s)."
    number = Client.get_by_id(client_id).record_number
    shown = [[panel.table.model().index(r, c).data() for c in range(3)] for r in range(2)]
    assert shown == [[f"Rosa Vega ({number})", name, DUE] for name in ("GAD-7", "PHQ-9")]
    assert chart.due.isVisible()
    assert chart.due.text() == f"GAD-7 due since {DUE}; PHQ-9 due since {DUE}"
    # A PHQ-9 given from another screen takes it off both, at once.
    other = _shown(qtbot, QWidget())
    given = operations.run(
        ctx, other, lambda: screenings.record_screening(clinician, client_id, "PHQ9", PHQ9_MODERATE)
    )
    assert given
    assert panel.summary.text() == "1 screening(s) due for 1 client(s)."
    assert chart.due.text() == f"GAD-7 due since {DUE}"
    where = panel.table.visualRect(panel.table.model().index(0, 0)).center()
    with qtbot.waitSignal(ctx.hub.open_chart_requested) as opened:
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
        qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert opened.args == [client_id]


def test_nothing_due_is_a_sentence_and_no_list(qtbot, store, clinician):
    make_client("Ana", "New", admitted=dt.date.today() - dt.timedelta(days=3))
    panel = ScreeningsDuePanel(WindowContext(clinician, EventHub(), store))
    panel.refresh()
    _shown(qtbot, panel)
    assert panel.summary.text() == "No screenings are due."
    assert not panel.table.isVisible()


def _tick(qtbot, box) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_an_administrator_sets_the_weeks_and_instruments(qtbot, store, admin, clinician, answers):
    make_client("Eve", "Audit", admitted=ADMITTED)
    window = MainWindow(WindowContext(admin, EventHub(), store))
    _shown(qtbot, window)
    settings = window.show_area("administration").settings
    window.show_place("administration", "settings")
    choice = settings.rescreen
    assert choice.weeks.value() == 4 and choice.chosen() == ["PHQ9", "GAD7"]
    choice.weeks.setFocus()
    choice.weeks.selectAll()
    qtbot.keyClicks(choice.weeks, "5")
    _tick(qtbot, choice.boxes["GAD7"])
    _tick(qtbot, choice.boxes["AUDIT"])
    answers.queue("inform")
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert clinic.get_setting("rescreen_weeks") == 5
    assert clinic.get_setting("rescreen_instruments") == ["PHQ9", "AUDIT"]
    due = rescreening.screenings_due(clinician)
    assert [(r.code, r.due_since) for r in due] == [
        ("AUDIT", ADMITTED + dt.timedelta(weeks=5)),
        ("PHQ9", ADMITTED + dt.timedelta(weeks=5)),
    ]
