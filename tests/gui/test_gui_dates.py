"""Date and time boxes typed into as a person does: US, ISO and long dates, a sentence for text
that is no date, the calendar pop-up, and times typed as 08:30 staying 08:30."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from iopdesk.db.models.calendar import Group, SessionSeries
from iopdesk.domain import formats
from iopdesk.errors import ValidationError
from iopdesk.gui.areas.groups import GroupsArea
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm
from iopdesk.gui.hub import EventHub
from iopdesk.gui.widgets.dates import date_edit, date_of, time_edit, time_of


def _form_with(qtbot, widget):
    form = FieldForm()
    qtbot.addWidget(form)
    form.add("day", "Collection date", widget)
    form.show()
    qtbot.waitExposed(form)
    return form


def _retype(qtbot, box, text: str) -> None:
    """Click into the box (its text is selected, so typing replaces it), type, press Tab."""
    box.clearFocus()  # the person was elsewhere
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.selectedText() == box.text())
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    box.editingFinished.emit()  # offscreen, Tab may not move the focus out


@pytest.mark.parametrize("typed", ["5/5/1990", "05/05/1990", "1990-05-05", "May 5, 1990"])
def test_a_date_typed_any_usual_way_is_that_date_and_shown_the_clinic_way(qtbot, typed):
    box = date_edit()
    form = _form_with(qtbot, box)
    _retype(qtbot, box, typed)
    assert date_of(box) == dt.date(1990, 5, 5)
    assert box.text() == "05/05/1990"  # shown back as a US clinic writes it
    assert form.error_text("day") == ""


def test_text_that_is_no_date_gets_a_sentence_beside_the_field_never_another_date(qtbot):
    box = date_edit(dt.date(2026, 3, 2))
    form = _form_with(qtbot, box)
    _retype(qtbot, box, "13/45/2026")
    sentence = form.error_text("day")
    assert sentence.startswith("“13/45/2026” is not a date") and "12/31/2026" in sentence
    assert box.text() == "13/45/2026"  # left as typed, for the person to correct
    with pytest.raises(ValidationError) as refused:
        date_of(box)
    assert refused.value.fields == {"day": sentence}
    _retype(qtbot, box, "3/4/2026")
    assert form.error_text("day") == "" and date_of(box) == dt.date(2026, 3, 4)


def test_a_date_after_the_allowed_last_day_is_refused_with_a_sentence(qtbot):
    box = date_edit()
    box.setMaximumDate(dt.date(2026, 1, 31))
    form = _form_with(qtbot, box)
    _retype(qtbot, box, "2/1/2026")
    assert form.error_text("day") == "The date cannot be after 01/31/2026."


def test_the_calendar_opens_from_the_keyboard_and_a_click_chooses_the_day(qtbot):
    box = date_edit(dt.date(2026, 3, 2))
    form = _form_with(qtbot, box)  # noqa: F841 (kept alive while the test types)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = box.popup
    assert popup is not None and popup.isVisible()
    assert popup.calendar.selectedDate().toPython() == dt.date(2026, 3, 2)
    popup.calendar.setSelectedDate(popup.calendar.selectedDate().addDays(3))
    qtbot.keyClick(popup.calendar.focusWidget() or popup.calendar, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert date_of(box) == dt.date(2026, 3, 5) and box.text() == "03/05/2026"


def test_dates_show_in_the_style_the_clinic_chose(qtbot):
    formats.use("long", "24h")
    box = date_edit(dt.date(2026, 12, 1))
    assert box.text() == "Dec 1, 2026"
    form = _form_with(qtbot, box)  # noqa: F841 (kept alive while the test types)
    _retype(qtbot, box, "12/2/2026")
    assert box.text() == "Dec 2, 2026"
    assert time_edit(dt.time(14, 30)).text() == "14:30"


@pytest.mark.parametrize("shown", [dt.time(14, 0), dt.time(12, 0), dt.time(9, 0)])
def test_typing_08_30_into_a_time_box_gives_08_30(qtbot, shown):
    # Reported: a QTimeEdit showing 2:00 PM became 14:30 (it kept the hour it had).
    box = time_edit(shown)
    form = _form_with(qtbot, box)  # noqa: F841 (kept alive while the test types)
    _retype(qtbot, box, "08:30")
    assert time_of(box) == dt.time(8, 30)
    assert box.text() == "8:30 AM"
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert time_of(box) == dt.time(8, 45)


def test_a_time_box_says_when_what_was_typed_is_no_time(qtbot):
    box = time_edit(dt.time(9))
    form = _form_with(qtbot, box)
    _retype(qtbot, box, "25:30")
    assert "not a time of day" in form.error_text("day")
    with pytest.raises(ValidationError):
        time_of(box)


def test_a_group_schedule_typed_as_08_30_starts_at_08_30(qtbot, clinician, store, answers):
    area = GroupsArea(WindowContext(clinician, EventHub(), store))
    qtbot.addWidget(area)
    area.show()
    qtbot.mouseClick(area.new_button, Qt.MouseButton.LeftButton)
    editor = area.editor
    qtbot.keyClicks(editor.name, "Early Skills")
    editor.facilitators[clinician.staff_id].setChecked(True)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    editor.weekdays[1].setChecked(True)
    _retype(qtbot, editor.start_time, "08:30")
    _retype(qtbot, editor.end_time, "11:30 am")
    _retype(qtbot, editor.first_date, "not a date")
    qtbot.mouseClick(editor.add_schedule, Qt.MouseButton.LeftButton)
    assert "is not a date" in editor.schedule_form.error_text("first_date")
    assert SessionSeries.select().count() == 0
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    _retype(qtbot, editor.first_date, f"{monday.month}/{monday.day}/{monday.year}")
    qtbot.mouseClick(editor.add_schedule, Qt.MouseButton.LeftButton)
    series = SessionSeries.get(SessionSeries.group == Group.get().id)
    assert (series.start_time, series.end_time) == (dt.time(8, 30), dt.time(11, 30))


def test_a_birth_date_typed_the_us_way_registers_the_client(qtbot, clinician, store, answers):
    from iopdesk.db.models.core import Client
    from iopdesk.gui.clients.client_dialog import ClientDialog

    dialog = ClientDialog(WindowContext(clinician, EventHub(), store))
    qtbot.addWidget(dialog)
    dialog.show()
    fields = dialog.form.fields
    qtbot.keyClicks(fields["legal_first_name"], "Rosa")
    qtbot.keyClicks(fields["legal_last_name"], "Vega")
    qtbot.keyClicks(fields["date_of_birth"], "5/35/1990")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "is not a real date" in dialog.form.error_text("date_of_birth")
    assert not Client.select().exists()
    _retype(qtbot, fields["date_of_birth"], "5/5/1990")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert Client.get().date_of_birth == dt.date(1990, 5, 5)
