"""The sobriety date as a person uses it: "Set sobriety date…" in the chart header, a reset
that keeps the old date in the history, a refused date said under its field, the line hidden
from the front desk, and the week's milestones on Today."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from iopdesk.db.models.care import SobrietyDate
from iopdesk.domain import formats
from iopdesk.gui.clients.sobriety_dialog import SobrietyDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.today_panels.sobriety_milestones import SobrietyMilestonesPanel
from iopdesk.services.clients import sobriety
from tests.factories.clients import make_client
from tests.gui.fitting import cut_texts, open_chart
from tests.gui.test_gui_clients_chart_window import when_shown

LEFT = Qt.MouseButton.LeftButton
TODAY = dt.date.today()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, modal exec()
def test_a_clinician_sets_then_resets_the_date_from_the_chart_header(qtbot, store, clinician):
    client_id = make_client("Ana", "Ruiz")
    sobriety.set_sobriety_date(clinician, client_id, TODAY - dt.timedelta(days=200), "At intake")
    chart = open_chart(qtbot, clinician, store, client_id)
    line = chart.header.sobriety
    assert line.label.text().endswith("· 200 days")

    def future_then_reset(dialog, seen):
        seen["history"] = str(dialog.history.rows_model.rowCount())
        box = dialog.form.fields["sober_since"]
        box.set_day(TODAY + dt.timedelta(days=3))
        qtbot.mouseClick(dialog.save_button, LEFT)
        seen["refused"] = dialog.form.error_text("sober_since")
        box.set_day(TODAY - dt.timedelta(days=92))
        qtbot.keyClicks(dialog.form.fields["note"], "Returned to use at a party")
        qtbot.mouseClick(dialog.save_button, LEFT)

    seen = when_shown(SobrietyDialog, future_then_reset)
    qtbot.mouseClick(line.button, LEFT)
    assert seen.pop("history") == "1"
    assert "must be between" in seen.pop("refused")
    assert seen == {}
    since = formats.show_date(TODAY - dt.timedelta(days=92))
    assert line.label.text() == f"Sober since {since} · 92 days"
    rows = list(SobrietyDate.select().order_by(SobrietyDate.id))
    assert [(r.note, r.set_by_id) for r in rows] == [
        ("At intake", clinician.staff_id),
        ("Returned to use at a party", clinician.staff_id),
    ]

    def look(dialog, seen):
        seen["actions"] = ",".join(e.action for e in dialog.history.rows_model.rows)
        seen["cut"] = str(cut_texts(dialog.history))
        dialog.reject()

    seen = when_shown(SobrietyDialog, look)
    qtbot.mouseClick(line.button, LEFT)
    assert seen == {"actions": "Reset,Set", "cut": "[]"}


def test_the_front_desk_sees_no_sobriety_line(qtbot, store, clinician, front_desk):
    client_id = make_client()
    sobriety.set_sobriety_date(clinician, client_id, TODAY - dt.timedelta(days=10))
    chart = open_chart(qtbot, front_desk, store, client_id)
    assert chart.header.sobriety is None
    assert not [w for w in chart.header.findChildren(QLabel) if "Sober" in w.text()]


def test_today_lists_the_week_s_milestones_and_a_new_date_refreshes_it(qtbot, store, clinician):
    client_id = make_client("Ben", "Ortiz", counselor=clinician)
    hub = EventHub()
    panel = SobrietyMilestonesPanel(WindowContext(clinician, hub, store))
    qtbot.addWidget(panel)
    panel.refresh()
    assert panel.summary.text().startswith("None of your clients")
    dialog = SobrietyDialog(WindowContext(clinician, hub, store), client_id)
    qtbot.addWidget(dialog)
    dialog.form.fields["sober_since"].set_day(TODAY - dt.timedelta(days=30))
    qtbot.mouseClick(dialog.save_button, LEFT)  # announces the change: the panel asks again
    assert panel.summary.text() == "One of your clients reaches a sobriety milestone this week."
    (row,) = panel.table.rows_model.rows
    assert (row.client_id, row.milestone, row.on) == (client_id, "30 days", TODAY)
