"""The Reports area driven as a person would: choose a report, a period and a program, press
Show, read the figures and the definition, export a PDF and a CSV; each role sees only its
reports; an administrator edits the billing codes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from iopdesk.db.models.core import AuditEvent
from iopdesk.domain.report_catalog import REPORTS
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.main_window import MainWindow
from iopdesk.gui.reports.screen import ReportsScreen
from iopdesk.services.reports.billing_codes import current_codes
from tests.factories.reports import D, admit, attend
from tests.unit.report_helpers import csv_lines, pdf_pages


def _screen(qtbot, store, actor) -> ReportsScreen:
    screen = ReportsScreen(WindowContext(actor, EventHub(), store))
    qtbot.addWidget(screen)
    screen.resize(1200, 760)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _choose(screen: ReportsScreen, name: str, start: dt.date, end: dt.date, program: str = ""):
    screen.report.setCurrentIndex(screen.report.findData(name))
    screen.start.setDate(QDate(start))
    screen.end.setDate(QDate(end))
    screen.program.setCurrentIndex(screen.program.findData(program))


def _march(clinician):
    for n, program in enumerate(("adult", "adult", "adolescent")):
        client_id, _ = admit(clinician, D(2025, 3, 3), program=program, name=f"Client{n}")
        attend(client_id, D(2025, 3, 4), 180)


def test_choose_show_and_export(qtbot, store, admin, clinician, answers, tmp_path):
    _march(clinician)
    screen = _screen(qtbot, store, admin)
    assert [screen.report.itemData(i) for i in range(screen.report.count())] == list(REPORTS)
    _choose(screen, "census", D(2025, 3, 1), D(2025, 3, 31), "adult")
    assert screen.definition.text() == f"Definition: {REPORTS['census'].definition}"
    qtbot.mouseClick(screen.show_button, Qt.MouseButton.LeftButton)
    daily = screen.tables[0]
    assert daily.accessibleName() == "Clients active each day"
    assert daily.rows_model.rowCount() == 31
    assert daily.model().index(2, 1).data() == "2"  # 3 March: the two adults
    assert daily.model().index(2, 0).data() == "03/03/2025"  # the clinic's date style
    assert "Highest: 2 on 03/03/2025" in screen.summary.text()
    assert screen.chart.shown is not None and screen.chart.shown.kind == "line"
    assert screen.tabs.count() == 2

    pdf = tmp_path / "census.pdf"
    answers.queue("save_file", str(pdf))
    answers.queue("inform")
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    assert answers.shown[0].text == "census-2025-03-01-to-2025-03-31-adult.pdf"
    assert "Daily census" in pdf_pages(pdf.read_bytes())[0]
    assert "for internal use only" in answers.texts("inform")[0]

    _choose(screen, "billing", D(2025, 3, 1), D(2025, 3, 31))
    assert screen.tabs.count() == 0  # the previous report's figures are gone
    qtbot.mouseClick(screen.show_button, Qt.MouseButton.LeftButton)
    assert screen.tables[0].rows_model.rowCount() == 3
    csv = tmp_path / "billing.csv"
    answers.queue("save_file", str(csv))
    answers.queue("inform")
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    assert csv_lines(csv.read_bytes())[0] == "record_number,date,minutes,code,units,payer"
    exports = AuditEvent.select().where(AuditEvent.action.endswith(".export"))
    assert [e.action for e in exports] == ["report.census.export", "report.billing.export"]


def test_a_refused_request_is_said_on_the_screen(qtbot, store, admin, answers, tmp_path):
    screen = _screen(qtbot, store, admin)
    _choose(screen, "census", D(2025, 3, 31), D(2025, 3, 1))
    qtbot.mouseClick(screen.show_button, Qt.MouseButton.LeftButton)
    assert "end on or after" in screen.problem.text() and screen.problem.isVisible()
    _choose(screen, "census", D(2025, 3, 1), D(2025, 3, 31))
    screen.board.setChecked(True)
    answers.queue("save_file", str(tmp_path / "census.csv"))
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    assert "PDFs only" in screen.problem.text()
    assert not (tmp_path / "census.csv").exists()


def test_the_front_desk_sees_the_census_and_the_billing_worksheet_only(qtbot, store, front_desk):
    screen = _screen(qtbot, store, front_desk)
    names = [screen.report.itemData(i) for i in range(screen.report.count())]
    assert names == ["census", "billing"]
    _choose(screen, "billing", D(2025, 3, 1), D(2025, 3, 31))
    assert not screen.codes_button.isVisible()


def test_every_role_finds_the_reports_area(qtbot, store, front_desk, clinician):
    for actor in (front_desk, clinician):
        window = MainWindow(WindowContext(actor, EventHub(), store))
        qtbot.addWidget(window)
        assert isinstance(window.show_area("reports"), ReportsScreen)


def test_an_administrator_edits_the_billing_codes(qtbot, store, admin, answers):
    screen = _screen(qtbot, store, admin)
    _choose(screen, "billing", D(2025, 3, 1), D(2025, 3, 31))
    assert screen.codes_button.isVisible()
    dialogs = []

    def fill_in() -> None:
        from iopdesk.gui.reports.billing_codes import BillingCodesDialog

        dialog = next(w for w in screen.findChildren(BillingCodesDialog) if w.isVisible())
        dialogs.append(dialog)
        dialog.boxes["iop_day"].setText("")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and "a code is needed" in dialog.form.error_text("iop_day")
        dialog.boxes["iop_day"].setText("H0015")
        dialog.boxes["individual"].setText("ind-60")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, fill_in)
    qtbot.mouseClick(screen.codes_button, Qt.MouseButton.LeftButton)
    assert dialogs and current_codes().individual == "IND-60"


def test_show_pressed_again_keeps_only_the_figures_shown(qtbot, store, admin, clinician):
    """A day of Show presses must not keep every earlier report's rows and chart alive."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from shiboken6 import isValid

    from iopdesk.gui.widgets.row_table import RowTable

    _march(clinician)
    screen = _screen(qtbot, store, admin)
    _choose(screen, "census", D(2025, 3, 1), D(2025, 3, 31))
    qtbot.mouseClick(screen.show_button, Qt.MouseButton.LeftButton)
    earlier_chart = screen.chart.chart()
    for _ in range(2):
        qtbot.mouseClick(screen.show_button, Qt.MouseButton.LeftButton)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(screen.findChildren(RowTable)) == len(screen.tables) == screen.tabs.count() == 2
    assert not isValid(earlier_chart)
    assert screen.tables[0].rows_model.rowCount() == 31
