"""The chart's tables at 1366 pixels, with the app's style: no date, header, name or status is
cut ("Tue …", "ogram minimu", "Partially …"), and an empty section says so."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from iopdesk.gui.clients.chart import ChartWindow
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services import calendar as cal
from iopdesk.services.admin import staff as staff_service
from iopdesk.services.context import Actor
from iopdesk.services.intake import drafts as intake_drafts
from iopdesk.services.intake import screenings
from iopdesk.services.plans import signing as plans_signing
from tests.factories import calendar as f
from tests.factories.clients import make_client
from tests.factories.intake import GAD7_MILD, PHQ9_MODERATE, complete_data
from tests.factories.plans import write_plan
from tests.gui.fitting import cut_texts, open_chart

LEFT = Qt.MouseButton.LeftButton


def _counselor(admin: Actor) -> Actor:
    """A counselor whose name and credentials are as long as real ones get."""
    row = staff_service.add_staff(
        admin,
        staff_service.StaffForm(
            "mhernandez", "María José Hernández-Castellanos", "clinician", "LCSW, CADC", True
        ),
        "correct horse battery",
    )
    return Actor(row.id, row.username, row.full_name, row.role, row.is_supervisor)


def _client_in_care(counselor: Actor) -> int:
    """A client with a full week of sessions, an intake, screenings and a partly signed plan."""
    client = make_client("Maximiliana", "Quiñones-O'Brien de la Torre", counselor=counselor)
    room = f.room("Group Room 3 (second floor)", 14)
    group = f.group("Mindfulness-Based Stress Reduction (Afternoon)", room)
    monday = f.next_weekday(f.MON)
    f.member(group, client, monday)
    cal.create_series(counselor, f.group_series(group, counselor.staff_id, monday, room_id=room))
    view = intake_drafts.start_assessment(counselor, client)
    intake_drafts.save_draft(counselor, view.id, complete_data())
    screenings.record_screening(counselor, client, "PHQ9", PHQ9_MODERATE)
    screenings.record_screening(counselor, client, "GAD7", GAD7_MILD)
    plan = write_plan(counselor, client, start=dt.date.today() - dt.timedelta(days=3))
    plans_signing.sign_plan(counselor, plan, "client", on_paper=True)
    return client


def _open_tab(qtbot, chart: ChartWindow, title: str):
    """Click the section's tab, as a person does."""
    bar = chart.tabs.tabBar()
    index = chart.tab_titles().index(title)
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
    assert chart.tabs.currentIndex() == index
    return chart.tabs.currentWidget()


def test_nothing_is_cut_in_the_schedule_intake_and_plan_tables(
    qtbot, store, admin, answers, clinic_style
):
    counselor = _counselor(admin)
    chart = open_chart(qtbot, counselor, store, _client_in_care(counselor))
    for title in ("Schedule", "Intake", "Treatment plan"):
        tab = _open_tab(qtbot, chart, title)
        tables = [t for t in tab.findChildren(QTableView) if t.isVisibleTo(tab)]
        assert tables and all(t.model().rowCount() for t in tables), title
        for table in tables:
            assert cut_texts(table) == [], f"{title} · {table.accessibleName()}"
    plan = _open_tab(qtbot, chart, "Treatment plan")
    assert plan.model.row_at(0).status_label == "Partially signed"


def test_an_empty_intake_tab_says_what_to_do(qtbot, store, clinician, answers, clinic_style):
    chart = open_chart(qtbot, clinician, store, make_client("Noor", "Haddad", status="referred"))
    tab = _open_tab(qtbot, chart, "Intake")
    assert tab.assessments_empty.isVisible() and not tab.assessment_view.isVisible()
    assert "No intake assessment yet" in tab.assessments_empty.text()
    assert tab.screenings_empty.isVisible() and not tab.screening_view.isVisible()
    assert "No screenings recorded yet" in tab.screenings_empty.text()


def test_every_section_tab_shows_without_scrolling_the_tab_bar(
    qtbot, store, clinician, clinic_style
):
    chart = ChartWindow(WindowContext(clinician, EventHub(), store), make_client("Kai", "Wilson"))
    qtbot.addWidget(chart)
    chart.show()  # at the size it opens with, on the 1366x728 office screen
    bar = chart.tabs.tabBar()
    hidden = [bar.tabText(i) for i in range(bar.count()) if bar.tabRect(i).right() >= bar.width()]
    assert bar.count() >= 12 and hidden == []
    assert chart.frameGeometry().width() <= 1366
