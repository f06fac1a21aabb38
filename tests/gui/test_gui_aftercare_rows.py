"""The aftercare plan's tables of rows, typed into as a person does: a new row takes the cursor
in its first field, and a blank row is pointed out next to it instead of vanishing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from iopdesk.db.models.aftercare import AftercareAppointment, AftercarePlan, SupportContact
from iopdesk.gui.aftercare.chart_section import AftercareSection
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from tests.factories.aftercare import TODAY
from tests.factories.clients import make_client

LEFT = Qt.MouseButton.LeftButton


def _plan_dialog(qtbot, store, clinician):
    client_id = make_client(counselor=clinician, admitted=TODAY - dt.timedelta(days=20))
    section = AftercareSection(WindowContext(clinician, EventHub(), store), client_id)
    qtbot.addWidget(section)
    plan = section.open_plan()
    plan.show()
    plan.activateWindow()
    qtbot.waitUntil(plan.isActiveWindow)
    return plan


def type_here(qtbot, text: str) -> None:
    """Type where the cursor is, as a person does (not into a chosen widget)."""
    qtbot.keyClicks(QApplication.focusWidget(), text)


def tab_on(qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def test_a_new_appointment_takes_what_is_typed_next(qtbot, store, clinician, answers):
    plan = _plan_dialog(qtbot, store, clinician)
    qtbot.mouseClick(plan.appointments.add_button, LEFT)
    type_here(qtbot, "Lakeside Counseling")
    tab_on(qtbot)
    type_here(qtbot, "12 Main St")
    tab_on(qtbot)
    type_here(qtbot, "555-201-9911")
    tab_on(qtbot)
    type_here(qtbot, (TODAY + dt.timedelta(days=6)).isoformat())
    tab_on(qtbot)
    type_here(qtbot, "14:30")
    tab_on(qtbot)
    assert plan.appointments.rows() == [
        ["Lakeside Counseling", "12 Main St", "555-201-9911",
         (TODAY + dt.timedelta(days=6)).isoformat(), "14:30"]
    ]  # fmt: skip
    # Nothing went astray into the text boxes under the table.
    assert plan.texts["sober_living"].toPlainText() == ""
    assert plan.texts["mat_follow_up"].toPlainText() == ""
    qtbot.mouseClick(plan.save_button, LEFT)
    saved = AftercareAppointment.get()
    assert saved.provider == "Lakeside Counseling" and saved.phone == "555-201-9911"
    assert saved.time == dt.time(14, 30)


def test_a_new_meeting_row_puts_the_cursor_on_its_first_choice(qtbot, store, clinician):
    plan = _plan_dialog(qtbot, store, clinician)
    plan.tabs.setCurrentIndex(1)
    qtbot.mouseClick(plan.groups.add_button, LEFT)
    focused = QApplication.focusWidget()
    assert isinstance(focused, QComboBox) and focused.accessibleName() == "Kind, row 1"
    plan.dirty = False


def test_blank_rows_are_pointed_out_not_dropped(qtbot, store, clinician, answers):
    plan = _plan_dialog(qtbot, store, clinician)
    plan.tabs.setCurrentIndex(1)
    qtbot.mouseClick(plan.contacts.add_button, LEFT)
    type_here(qtbot, "Ray")
    tab_on(qtbot)
    tab_on(qtbot)
    type_here(qtbot, "555-201-1234")
    tab_on(qtbot)
    qtbot.mouseClick(plan.contacts.add_button, LEFT)  # a second person, never filled in
    plan.tabs.setCurrentIndex(0)
    qtbot.mouseClick(plan.save_button, LEFT)
    assert AftercarePlan.select().count() == 0
    assert plan.tabs.currentIndex() == 1  # the table with the blank row comes forward
    said = plan.contacts.problem
    assert said.isVisible() and said.text() == "Person to call 2 is empty: fill it in or remove it."
    assert plan.contacts.table.currentRow() == 1
    assert plan.contacts.table.item(1, 0).background().color().name() == "#fde2e1"

    # Removing the blank row answers it; then the plan saves with the one person.
    plan.contacts.table.selectRow(1)
    qtbot.mouseClick(plan.contacts.remove_button, LEFT)
    assert not said.isVisible()
    qtbot.mouseClick(plan.save_button, LEFT)
    assert [c.name for c in SupportContact.select()] == ["Ray"]
    assert answers.shown == []
