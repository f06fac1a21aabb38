"""The course of an episode as a person records it from the chart's Intake section: a phase
change (the header shows it at once), a step up with the six dimensions re-rated, a transfer
out signed through the discharge, bad input said under its field with nothing saved, the
front desk's header, and the phases named in Clinic and settings."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from iopdesk.db.models.core import Episode
from iopdesk.db.models.course import LevelOfCareChange, LevelOfCareRating, PhaseChange
from iopdesk.domain import formats
from iopdesk.domain.intake import IOP
from iopdesk.gui.admin.settings_panel import SettingsPanel
from iopdesk.gui.aftercare.discharge_dialog import DischargeDialog
from iopdesk.gui.clients.level_of_care_dialog import LevelOfCareDialog
from iopdesk.gui.clients.phase_dialog import PhaseDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services.admin import clinic
from iopdesk.services.clients import phases
from tests.factories.clients import make_client
from tests.gui.fitting import cut_texts, open_chart
from tests.gui.test_gui_clients_chart_window import when_shown

LEFT = Qt.MouseButton.LeftButton
TODAY = dt.date.today()
PHP = "2.5 Partial hospitalization"
RESIDENTIAL = "3 Residential / inpatient"
#: Down-arrow presses from "Not rated" to each dimension's rating (rating + 1).
RATINGS = {1: 1, 2: 0, 3: 3, 4: 2, 5: 3, 6: 2}


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def pick(qtbot, box: QComboBox, shown: str) -> None:
    """Choose an item with the arrow keys, as a person would from the keyboard."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    while box.currentText() != shown:
        before = box.currentIndex()
        qtbot.keyClick(box, Qt.Key.Key_Down)
        assert box.currentIndex() != before, f"{shown!r} is not in the list"


def type_date(qtbot, box: QLineEdit, day: dt.date) -> None:
    box.clear()
    qtbot.keyClicks(box, formats.show_date(day))


def type_lines(qtbot, box, lines: list[str]) -> None:
    """Type each line and press Enter after all but the last."""
    for number, text in enumerate(lines):
        if number:
            qtbot.keyClick(box, Qt.Key.Key_Return)
        if text:
            qtbot.keyClicks(box, text)


def intake_tab(qtbot, actor, store, client_id):
    chart = open_chart(qtbot, actor, store, client_id)
    chart.tabs.setCurrentIndex([s.key for s in chart.tab_specs].index("intake"))
    return chart, chart.tab("intake").course


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, modal exec()
def test_a_clinician_changes_the_phase_and_the_header_shows_it(qtbot, store, clinician):
    client_id = make_client("Ana", "Ruiz", admitted=ago(20))
    phases.record_phase_change(clinician, client_id, "Engagement", ago(20))
    chart, course = intake_tab(qtbot, clinician, store, client_id)
    assert chart.header.phase.text() == "· Engagement"
    assert course.now.text().startswith("Phase: Engagement · Level of care: 2.1")

    def future_then_fixed(dialog, seen):
        seen["history"] = str(dialog.history.rows_model.rowCount())
        pick(qtbot, dialog.form.fields["phase"], "Early recovery")
        type_date(qtbot, dialog.form.fields["effective_date"], TODAY + dt.timedelta(days=2))
        qtbot.mouseClick(dialog.save_button, LEFT)
        seen["refused"] = dialog.form.error_text("effective_date")
        seen["saved"] = str(PhaseChange.select().count())
        type_date(qtbot, dialog.form.fields["effective_date"], ago(1))
        qtbot.keyClicks(dialog.form.fields["reason"], "Two weeks without use")
        qtbot.mouseClick(dialog.save_button, LEFT)

    seen = when_shown(PhaseDialog, future_then_fixed)
    qtbot.mouseClick(course.phase_button, LEFT)
    assert seen == {"history": "1", "refused": "Effective date cannot be in the future.",
                    "saved": "1"}  # fmt: skip
    newest = PhaseChange.select().order_by(PhaseChange.id.desc()).first()
    assert (newest.phase, newest.effective_date, newest.reason, newest.decided_by_id) == (
        "Early recovery", ago(1), "Two weeks without use", clinician.staff_id,
    )  # fmt: skip
    assert chart.header.week.text() == "Week 3 of 12"
    assert chart.header.phase.text() == "· Early recovery"
    changes = [r.change for r in course.table.rows_model.rows]
    assert changes == ["Phase: Early recovery", "Phase: Engagement"]
    assert cut_texts(course.table) == []


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_step_up_needs_a_justification_and_keeps_the_re_ratings(qtbot, store, clinician):
    client_id = make_client("Ben", "Ortiz", admitted=ago(30))
    chart, course = intake_tab(qtbot, clinician, store, client_id)

    def without_then_with_a_justification(dialog, seen):
        pick(qtbot, dialog.form.fields["new_level"], PHP)
        for dim, rating in RATINGS.items():
            pick(qtbot, dialog.ratings[dim], dialog.ratings[dim].itemText(rating + 1))
        qtbot.keyClicks(dialog.narratives[3], "Panic attacks daily")
        pick(qtbot, dialog.ratings[5], "Not rated")
        qtbot.mouseClick(dialog.save_button, LEFT)
        seen["justification"] = dialog.form.error_text("justification")
        seen["dimension 5"] = dialog.form.error_text("asam.5.rating")
        seen["saved"] = str(LevelOfCareChange.select().count())
        qtbot.keyClicks(dialog.form.fields["justification"], "Used daily despite IOP")
        pick(qtbot, dialog.ratings[5], "3 – significant")
        qtbot.mouseClick(dialog.save_button, LEFT)

    seen = when_shown(LevelOfCareDialog, without_then_with_a_justification)
    qtbot.mouseClick(course.level_button, LEFT)
    assert seen == {
        "justification": "Justification is required.",
        "dimension 5": "Rate dimension 5 from 0 to 4.",
        "saved": "0",
    }
    change = LevelOfCareChange.get()
    assert (change.from_level, change.to_level, change.justification) == (
        IOP, PHP, "Used daily despite IOP",
    )  # fmt: skip
    ratings = {r.dimension: (r.rating, r.narrative) for r in LevelOfCareRating.select()}
    assert ratings[3] == (3, "Panic attacks daily")
    assert {d: r for d, (r, _) in ratings.items()} == RATINGS
    assert Episode.get(Episode.client == client_id).level_of_care == PHP
    assert PHP in chart.header.episode.text()
    (row,) = course.table.rows_model.rows
    assert row.change == f"Step up: {IOP} to {PHP}"
    assert "D1 1 · D2 0 · D3 3 · D4 2 · D5 3 · D6 2" in row.details


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_transfer_out_is_signed_through_the_discharge(qtbot, store, clinician, answers):
    client_id = make_client("Cal", "Reyes", admitted=ago(30), counselor=clinician)
    chart, course = intake_tab(qtbot, clinician, store, client_id)

    def sign_transfer(discharge, seen):
        seen["type"] = discharge.type_box.currentData()
        seen["locked"] = str(not discharge.type_box.isEnabled())
        seen["step down"] = discharge.step_box.currentText()
        qtbot.keyClicks(discharge.condition_box.lineEdit(), "Unstable, needs 24-hour care")
        answers.queue("confirm", True)  # signing asks once
        qtbot.mouseClick(discharge.sign_button, LEFT)

    def transfer(dialog, seen):
        type_date(qtbot, dialog.form.fields["effective_date"], ago(2))
        pick(qtbot, dialog.form.fields["new_level"], RESIDENTIAL)
        qtbot.keyClicks(dialog.form.fields["justification"], "Withdrawal risk at home")
        for dim, rating in RATINGS.items():
            pick(qtbot, dialog.ratings[dim], dialog.ratings[dim].itemText(rating + 1))
        dialog.transfer.setFocus()
        qtbot.keyClick(dialog.transfer, Qt.Key.Key_Space)
        seen["button"] = dialog.save_button.text()
        signing = when_shown(DischargeDialog, sign_transfer)
        qtbot.mouseClick(dialog.save_button, LEFT)
        seen.update({f"discharge {key}": value for key, value in signing.items()})

    seen = when_shown(LevelOfCareDialog, transfer)
    qtbot.mouseClick(course.level_button, LEFT)
    assert seen == {
        "button": "Go to discharge…",
        "discharge type": "transferred",
        "discharge locked": "True",
        "discharge step down": RESIDENTIAL,
    }
    episode = Episode.get(Episode.client == client_id)
    assert (episode.status, episode.discharge_date, episode.level_of_care) == (
        "discharged", ago(2), IOP,
    )  # fmt: skip
    change = LevelOfCareChange.get()
    assert change.discharge_id is not None and change.to_level == RESIDENTIAL
    assert not course.level_button.isEnabled()  # the episode is closed
    assert chart.header.week.text() == "" and chart.header.phase.text() == ""
    assert course.table.rows_model.rows[0].change == f"Transfer out: {IOP} to {RESIDENTIAL}"


def test_the_front_desk_sees_the_phase_but_no_course(qtbot, store, clinician, front_desk):
    client_id = make_client(admitted=ago(10))
    phases.record_phase_change(clinician, client_id, "Engagement", ago(10), "Ambivalent")
    chart = open_chart(qtbot, front_desk, store, client_id)
    assert chart.header.phase.text() == "· Engagement"
    assert "intake" not in [s.key for s in chart.tab_specs]


def test_the_administrator_names_the_phases_in_settings(qtbot, store, admin, answers):
    panel = SettingsPanel(WindowContext(admin, EventHub(), store))
    qtbot.addWidget(panel)
    assert panel.phases.toPlainText().splitlines()[0] == "Engagement"
    panel.phases.clear()
    type_lines(qtbot, panel.phases, ["Orientation", "", " Recovery ", "Recovery"])
    qtbot.mouseClick(panel.save_button, LEFT)
    assert panel.form.error_text("program_phases") == "Name each phase once."
    assert clinic.get_setting("program_phases")[0] == "Engagement"
    panel.phases.clear()
    type_lines(qtbot, panel.phases, ["Orientation", "", " Recovery "])
    answers.queue("inform")
    qtbot.mouseClick(panel.save_button, LEFT)
    assert clinic.get_setting("program_phases") == ["Orientation", "Recovery"]
