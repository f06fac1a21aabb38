"""The safety flag cannot be missed: a banner over every chart tab (and in the intake window)
until a follow-up is recorded from it, a pink name in the client list that says what it means,
and nothing on the page moves under the mouse when the banner comes or goes."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from iopdesk.db.models.core import Client
from iopdesk.db.models.intake import SafetyFollowUp
from iopdesk.gui.clients.client_list import ClientList
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.intake.screening_dialog import ScreeningDialog
from iopdesk.gui.intake.window import AssessmentWindow
from iopdesk.services.intake import drafts as intake_drafts
from iopdesk.services.intake import screenings
from tests.factories.clients import make_client
from tests.factories.intake import PHQ9_MODERATE
from tests.gui.fitting import open_chart

LEFT = Qt.MouseButton.LeftButton
ITEM_9_ANSWERED = {**PHQ9_MODERATE, 9: 2}
NOTE = "Assessed risk with the client; safety plan written; no plan or intent."


def _top(widget: QWidget) -> int:
    """Where a widget sits in its window, from the top."""
    return widget.mapTo(widget.window(), QPoint(0, 0)).y()


def test_the_chart_banner_stays_until_the_follow_up_is_recorded_from_it(
    qtbot, store, clinician, answers, clinic_style
):
    client_id = make_client("Dana", "Reyes")
    chart = open_chart(qtbot, clinician, store, client_id)
    tab = chart.tab("intake")
    chart.tabs.setCurrentWidget(tab)
    banner = chart.header.safety
    assert not banner.isVisible()
    tabs_at, table_at = _top(chart.tabs), _top(tab.new_button)

    dialog = ScreeningDialog(tab.ctx, client_id, parent=tab)
    qtbot.addWidget(dialog)
    dialog.show()
    for number, value in ITEM_9_ANSWERED.items():
        qtbot.mouseClick(dialog.forms["PHQ9"].buttons[(number, value)], LEFT)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert banner.isVisible() and banner.title.text() == "⚠ Safety follow-up needed"
    assert banner.detail.text().startswith("PHQ-9 item 9 above zero")
    assert banner.record_button.isVisible()
    assert (_top(chart.tabs), _top(tab.new_button)) == (tabs_at, table_at)  # no jump

    # Over every tab, and still there after the chart is opened again.
    chart.tabs.setCurrentIndex(chart.tab_titles().index("Schedule"))
    assert banner.isVisible()
    again = open_chart(qtbot, clinician, store, client_id)
    assert again.header.safety.isVisible()
    again.close()

    answers.queue("text", None)  # the person thinks again: nothing is recorded
    qtbot.mouseClick(banner.record_button, LEFT)
    assert banner.isVisible() and SafetyFollowUp.select().count() == 0

    answers.queue("text", NOTE)
    qtbot.mouseClick(banner.record_button, LEFT)
    assert answers.titles("text") == ["Record safety follow-up", "Record safety follow-up"]
    assert not banner.isVisible()
    assert Client.get_by_id(client_id).safety_flag == ""
    assert SafetyFollowUp.get().note == NOTE
    assert _top(chart.tabs) == tabs_at


def test_the_front_desk_sees_an_alert_without_the_reason_or_the_button(
    qtbot, store, clinician, front_desk, clinic_style
):
    client_id = make_client("Dana", "Reyes")
    screenings.record_screening(clinician, client_id, "PHQ9", ITEM_9_ANSWERED)
    chart = open_chart(qtbot, front_desk, store, client_id)
    banner = chart.header.safety
    assert banner.isVisible() and banner.title.text() == "⚠ Clinical alert"
    assert "PHQ" not in banner.detail.text() and not banner.record_button.isVisible()


def test_the_intake_window_banner_offers_the_follow_up_without_moving_the_page(
    qtbot, store, clinician, answers, clinic_style
):
    client_id = make_client(status="referred")
    view = intake_drafts.start_assessment(clinician, client_id)
    window = AssessmentWindow(WindowContext(clinician, EventHub(), store), view.id)
    qtbot.addWidget(window)
    window.timer.setInterval(20)
    window.show()
    page = window.show_step("screenings")
    form = page.forms["PHQ9"]
    pages_at, question_at = _top(window.steps), _top(form.buttons[(9, 2)])
    for number, value in ITEM_9_ANSWERED.items():
        qtbot.mouseClick(form.buttons[(number, value)], LEFT)
    qtbot.waitUntil(lambda: not window.dirty)
    assert window.safety.isVisible() and window.safety.record_button.isVisible()
    assert (_top(window.steps), _top(form.buttons[(9, 2)])) == (pages_at, question_at)

    answers.queue("text", NOTE)
    qtbot.mouseClick(window.safety.record_button, LEFT)
    assert not window.safety.isVisible()
    assert Client.get_by_id(client_id).safety_flag == ""
    assert _top(window.steps) == pages_at


def test_the_client_list_explains_a_pink_name(qtbot, store, clinician, front_desk):
    flagged = make_client("Ann", "Lee")
    make_client("Bo", "Moss")
    screenings.record_screening(clinician, flagged, "PHQ9", ITEM_9_ANSWERED)
    tip = Qt.ItemDataRole.ToolTipRole
    for actor, reason, meaning in (
        (clinician, "PHQ-9 item 9 above zero", "a safety follow-up is waiting"),
        (front_desk, "Clinical alert - please see the counselor", "a clinical alert"),
    ):
        view = ClientList(WindowContext(actor, EventHub(), store))
        qtbot.addWidget(view)
        view.show()
        assert view.model.index(0, 1).data(tip).startswith(f"Lee, Ann\n⚠ {reason}")
        assert view.model.index(1, 1).data(tip) == "Moss, Bo"
        assert view.legend.isVisible()
        assert view.legend.text().startswith(f"Pink name: {meaning}")
