"""The program's expected length on screen: the chart header's "Week N of 12", the setting
changed in the settings panel, and the Today list of clients past the length."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from iopdesk.gui.admin.settings_panel import SettingsPanel
from iopdesk.gui.clients.chart import ChartWindow
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.today import TodayScreen
from iopdesk.gui.today_panels.past_expected_length import PastExpectedLengthPanel
from iopdesk.services.admin import clinic
from tests.factories.clients import make_client

TODAY = dt.date.today()
LEFT = Qt.MouseButton.LeftButton


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def _chart(qtbot, ctx: WindowContext, client_id: int) -> ChartWindow:
    window = ChartWindow(ctx, client_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_header_shows_the_week_and_follows_a_new_length(
    qtbot, store, admin, clinician, answers
):
    hub = EventHub()
    client = make_client("Ana", "Reyes", counselor=clinician, admitted=_ago(30))
    chart = _chart(qtbot, WindowContext(clinician, hub, store), client)
    week = chart.header.week
    assert week.isVisible() and week.text() == "Week 5 of 12"
    assert week.accessibleName() == "Week of the program"
    settings = SettingsPanel(WindowContext(admin, hub, store))
    qtbot.addWidget(settings)
    settings.show()
    assert settings.expected_weeks.value() == 12
    settings.expected_weeks.setValue(8)
    answers.queue("inform")
    qtbot.mouseClick(settings.save_button, LEFT)
    assert answers.titles("inform") == ["Saved"]
    assert clinic.get_setting("expected_weeks") == 8
    assert week.text() == "Week 5 of 8"


def test_a_client_not_in_the_program_shows_no_week(qtbot, store, clinician):
    referred = make_client("Ben", "Okoro", status="referred")
    chart = _chart(qtbot, WindowContext(clinician, EventHub(), store), referred)
    assert not chart.header.week.isVisible()
    assert "Referred" in chart.header.episode.text()


def test_today_lists_clients_past_the_length_and_opens_the_chart(
    qtbot, store, admin, clinician, answers
):
    hub = EventHub()
    long_stay = make_client("Ana", "Reyes", counselor=clinician, admitted=_ago(90))
    make_client("Ben", "Okoro", counselor=clinician, admitted=_ago(60))  # week 9
    make_client("Chloé", "Martin", status="discharged", admitted=_ago(200))
    today = TodayScreen(WindowContext(clinician, hub, store))
    qtbot.addWidget(today)
    today.resize(1000, 700)
    today.show()
    qtbot.waitExposed(today)
    (panel,) = [p for p in today.panels if isinstance(p, PastExpectedLengthPanel)]
    assert panel.summary.text().startswith("1 active client(s) past 12 weeks")
    assert panel.table.isVisible()
    cells = [panel.table.model().index(0, c).data() for c in range(4)]
    assert cells[0].startswith("Ana Reyes") and cells[1] == "Week 13"
    assert cells[3] == "Casey Tester, LADC"
    settings = SettingsPanel(WindowContext(admin, hub, store))
    qtbot.addWidget(settings)
    settings.expected_weeks.setValue(8)
    answers.queue("inform")
    qtbot.mouseClick(settings.save_button, LEFT)  # the list follows the new length at once
    assert panel.summary.text().startswith("2 active client(s) past 8 weeks")
    where = panel.table.visualRect(panel.table.model().index(0, 0)).center()
    with qtbot.waitSignal(hub.open_chart_requested) as opened:
        qtbot.mouseClick(panel.table.viewport(), LEFT, pos=where)
        qtbot.mouseDClick(panel.table.viewport(), LEFT, pos=where)
    assert opened.args == [long_stay]


def test_no_client_past_the_length_is_a_sentence(qtbot, store, clinician):
    make_client(admitted=_ago(83))  # week 12 of 12
    panel = PastExpectedLengthPanel(WindowContext(clinician, EventHub(), store))
    qtbot.addWidget(panel)
    panel.refresh()
    panel.show()
    assert panel.summary.text() == "No active client is past the expected program length."
    assert not panel.table.isVisible()
