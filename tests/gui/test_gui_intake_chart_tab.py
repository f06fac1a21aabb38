"""The chart's intake tab: new / continue / open assessments, screenings, and the safety
follow-up from the chart's banner."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from iopdesk.db.models.core import Client, Episode
from iopdesk.gui import registry
from iopdesk.gui.chart_tabs.intake import IntakeTab
from iopdesk.gui.clients.chart import ChartWindow
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.intake.screening_dialog import ScreeningDialog
from iopdesk.services.aftercare import readmission
from iopdesk.services.intake import drafts as intake_drafts
from tests.factories.clients import make_client
from tests.factories.intake import PHQ9_MODERATE


def _tab(qtbot, store, actor, client_id) -> tuple[QWidget, IntakeTab]:
    chart = QWidget()  # stands in for the chart window
    tab = IntakeTab(WindowContext(actor, EventHub(), store), client_id)
    QVBoxLayout(chart).addWidget(tab)
    qtbot.addWidget(chart)
    chart.show()
    return chart, tab


def test_registered_as_chart_tab():
    tab = next(t for t in registry.chart_tabs() if t.key == "intake")
    assert (tab.order, tab.permission) == (30, "clinical.read")


def test_new_then_continue_draft(qtbot, store, clinician):
    client_id = make_client(status="referred")
    chart, tab = _tab(qtbot, store, clinician, client_id)
    assert tab.new_button.text() == "New assessment"
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert len(tab.windows) == 1 and tab.assessments.rowCount() == 1
    assert tab.new_button.text() == "Continue draft assessment"
    (window,) = tab.windows.values()
    qtbot.keyClicks(window.pages["housing"].text, "Lives with sister.")
    # The idle lock hides the chart window: the assessment follows, and its typing is saved.
    chart.hide()
    assert not window.isVisible() and not window.dirty
    chart.show()
    assert window.isVisible()
    window.close()
    qtbot.waitUntil(lambda: not tab.windows)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    (again,) = tab.windows.values()
    assert again.pages["housing"].value() == "Lives with sister."
    assert tab.assessments.rowCount() == 1


def test_screening_flag_and_follow_up(qtbot, store, clinician, answers):
    client_id = make_client(status="referred")
    chart = ChartWindow(WindowContext(clinician, EventHub(), store), client_id)
    qtbot.addWidget(chart)
    chart.show()
    tab = chart.tab("intake")
    banner = chart.header.safety
    assert not banner.isVisible()
    dialog = ScreeningDialog(tab.ctx, client_id, parent=tab)
    qtbot.addWidget(dialog)
    for number, value in {**PHQ9_MODERATE, 9: 2}.items():
        dialog.forms["PHQ9"].buttons[(number, value)].click()
    assert dialog.forms["PHQ9"].score_text == "PHQ-9: Total 13 of 27 – moderate"
    assert "safety follow-up required" in dialog.forms["PHQ9"].flags.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None and dialog.saved.needs_follow_up
    assert banner.detail.text().startswith("PHQ-9 item 9 above zero")  # heard through the hub
    assert banner.isVisible() and banner.record_button.isVisible()
    screenings = tab.screening_view.rows_model
    assert screenings.rowCount() == 1 and "13 of 27" in screenings.rows[0].score_text
    answers.queue("text", "Assessed risk with client; safety plan written; no plan or intent.")
    qtbot.mouseClick(banner.record_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    assert Client.get_by_id(client_id).safety_flag == ""


def test_empty_screening_shows_error(qtbot, store, clinician):
    client_id = make_client(status="referred")
    _chart, tab = _tab(qtbot, store, clinician, client_id)
    dialog = ScreeningDialog(tab.ctx, client_id, parent=tab)
    qtbot.addWidget(dialog)
    dialog.instrument.setCurrentIndex(dialog.instrument.findData("DAST10"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Answer at least one DAST-10 item" in dialog.error.text()
    assert dialog.saved is None


def test_a_draft_stranded_by_discharge_is_not_continued(qtbot, store, clinician, answers):
    client_id = make_client(status="referred")
    stale = intake_drafts.start_assessment(clinician, client_id)
    Episode.update(status="discharged", discharge_date=dt.date.today()).execute()
    Client.update(status="discharged").execute()
    _chart, tab = _tab(qtbot, store, clinician, client_id)
    assert tab.new_button.text() == "New assessment"
    answers.queue("error")
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert not tab.windows
    assert answers.kinds() == ["error"] and "Readmit the client first" in answers.shown[0].text
    readmission.readmit(clinician, client_id, readmission.ReadmitForm(dt.date.today()))
    tab.refresh()
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    (window,) = tab.windows.values()
    assert window.view.id != stale.id
    assert Episode.get_by_id(window.view.episode_id).number == 2


def test_the_audit_c_shows_beside_the_audit(qtbot, store, clinician):
    client_id = make_client(status="referred", sex="male")
    _chart, tab = _tab(qtbot, store, clinician, client_id)
    dialog = ScreeningDialog(tab.ctx, client_id, parent=tab)
    qtbot.addWidget(dialog)
    dialog.instrument.setCurrentIndex(dialog.instrument.findData("AUDIT"))
    for number, value in {1: 2, 2: 1, 3: 1, **{n: 0 for n in range(4, 11)}}.items():
        dialog.forms["AUDIT"].buttons[(number, value)].click()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None
    tab.refresh()
    model = tab.screening_view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    shown = model.index(0, headers.index("AUDIT-C")).data()
    assert shown == "4 of 12 – positive (cut-off 4 or more)"
    assert model.index(0, headers.index("Score")).data().startswith("4 of 40")
