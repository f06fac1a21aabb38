"""The Groups area as a person uses it: the list A to Z, details only for the group chosen
(by click or arrow keys), and adding weekly times in a form apart from the times it has."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt

from iopdesk.db.models.calendar import Session
from iopdesk.gui.areas.groups import GroupsArea
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services.groups import setup as groups
from tests.factories import calendar as f

LEFT = Qt.MouseButton.LeftButton
NAMES = ["Relapse Prevention (Morning)", "Anger Management", "Coping Skills (Evening)"]


def _group(actor, name: str) -> int:
    form = groups.GroupForm(name, "open", "morning", "", 12, None, (actor.staff_id,), True)
    return groups.create_group(actor, form).id


def _area(qtbot, actor, store) -> GroupsArea:
    area = GroupsArea(WindowContext(actor, EventHub(), store))
    qtbot.addWidget(area)
    area.resize(1280, 720)
    area.show()
    return area


def _shown_names(area: GroupsArea) -> list[str]:
    model = area.table.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _click_row(qtbot, area: GroupsArea, name: str, modifier=Qt.KeyboardModifier.NoModifier):
    row = _shown_names(area).index(name)
    view = area.table
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), LEFT, modifier, rect.center())


def test_the_list_is_a_to_z_and_details_follow_the_chosen_group(qtbot, clinician, store, answers):
    ids = {name: _group(clinician, name) for name in NAMES}
    area = _area(qtbot, clinician, store)
    assert _shown_names(area) == sorted(NAMES)
    # Nothing chosen yet: no group's details pretend to be chosen.
    assert area.nothing_chosen.isVisible() and not area.tabs.isVisible()
    assert area.table.selected() is None

    _click_row(qtbot, area, "Coping Skills (Evening)")
    assert area.tabs.isVisible() and area.editor.name.text() == "Coping Skills (Evening)"
    qtbot.keyClick(area.table, Qt.Key.Key_Down)  # the arrow keys choose too
    assert area.editor.group_id == ids["Relapse Prevention (Morning)"]
    assert area.table.selected().id == area.editor.group_id

    # Ctrl+click takes the choice away: the details go with it.
    _click_row(qtbot, area, "Relapse Prevention (Morning)", Qt.KeyboardModifier.ControlModifier)
    assert area.table.selected() is None and area.nothing_chosen.isVisible()

    # New group: no row stays chosen for a group that is not saved yet.
    _click_row(qtbot, area, "Anger Management")
    qtbot.mouseClick(area.new_button, LEFT)
    assert area.table.selected() is None and area.editor.name.text() == ""
    assert area.tabs.isVisible()


def test_unsaved_changes_keep_their_group_chosen_when_the_person_stays(
    qtbot, clinician, store, answers
):
    ids = {name: _group(clinician, name) for name in NAMES}
    area = _area(qtbot, clinician, store)
    _click_row(qtbot, area, "Anger Management")
    qtbot.keyClicks(area.editor.topic, "Skills for anger")
    answers.queue("unsaved", "cancel")
    _click_row(qtbot, area, "Coping Skills (Evening)")
    assert area.editor.group_id == ids["Anger Management"]
    assert area.table.selected().id == ids["Anger Management"]
    assert area.editor.topic.text() == "Skills for anger"


def test_weekly_times_are_added_in_a_form_apart_from_the_current_ones(
    qtbot, clinician, store, answers
):
    group_id = _group(clinician, "Anger Management")
    area = _area(qtbot, clinician, store)
    _click_row(qtbot, area, "Anger Management")
    editor = area.editor
    assert editor.current_schedule.text() == "No weekly sessions yet: add them below."
    assert editor.schedule.title() == "Add weekly sessions"
    for day in (f.MON, f.WED):
        qtbot.mouseClick(editor.weekdays[day], LEFT)
    editor.first_date.setDate(QDate(f.next_weekday(f.MON)))
    qtbot.mouseClick(editor.add_schedule, LEFT)
    assert Session.select().where(Session.group == group_id).count() > 4
    assert editor.current_schedule.text().startswith("• Mon, Wed 9:00 AM – 12:00 PM")
    # The form is empty again, ready for another time; the group stays chosen.
    assert not any(check.isChecked() for check in editor.weekdays)
    assert area.table.selected().id == group_id and area.tabs.isVisible()
