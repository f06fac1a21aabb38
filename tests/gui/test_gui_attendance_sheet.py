"""The attendance sheet driven as a counselor would: a 15-person group, marks, notes, save."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from iopdesk.db.models.attendance import Attendance, GroupNote, ProgressNote
from iopdesk.db.models.core import AuditEvent
from iopdesk.gui.attendance.sheet import AttendanceSheetWindow
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services.attendance import notes
from iopdesk.services.attendance import sheet as attendance
from iopdesk.services.attendance.sheet import AttendanceEntry as E
from iopdesk.services.groups import roster
from tests.conftest import make_staff
from tests.factories.attendance import make_group, make_session
from tests.factories.clients import make_client, make_clients

DAY = dt.date.today() - dt.timedelta(days=1)


@pytest.fixture
def fifteen(clinician):
    group = make_group("Relapse Prevention", capacity=15, facilitator=clinician)
    ids = make_clients(15)
    for cid in ids:
        roster.add_member(clinician, group, cid, DAY - dt.timedelta(days=7))
    return make_session(group, DAY, title="Relapse Prevention"), ids


def _open(qtbot, actor, store, session):
    hub = EventHub()
    window = AttendanceSheetWindow(WindowContext(actor, hub, store), session)
    qtbot.addWidget(window)
    window.show()
    return window, hub


def test_counselor_marks_fifteen_writes_notes_saves_and_signs(
    qtbot, clinician, store, fifteen, answers
):
    session, ids = fifteen
    window, hub = _open(qtbot, clinician, store, session)
    assert len(window.rows) == 15 and "15 on the sheet · 0 marked" in window.count.text()
    first, second, third = (window.rows[i] for i in ids[:3])
    qtbot.mouseClick(first.by_status["late"], Qt.MouseButton.LeftButton)
    first.minutes.setValue(150)
    qtbot.mouseClick(second.by_status["absent_unexcused"], Qt.MouseButton.LeftButton)
    assert second.minutes.value() == 0 and not second.minutes.isEnabled()
    assert not second.note_button.isEnabled()
    # keyboard: focus a button and press space
    third.by_status["left_early"].setFocus()
    qtbot.keyClick(third.by_status["left_early"], Qt.Key.Key_Space)
    assert third.status == "left_early"
    qtbot.keyClicks(third.minutes, "120")
    qtbot.mouseClick(window.all_present, Qt.MouseButton.LeftButton)
    assert "15 marked" in window.count.text()
    qtbot.keyClicks(window.notes_panel.topic, "Coping with cravings")
    qtbot.keyClicks(window.notes_panel.content, "Urge surfing practice and role play.")
    qtbot.mouseClick(first.note_button, Qt.MouseButton.LeftButton)
    assert first.client_name in window.notes_panel.client_box.title()
    qtbot.keyClicks(window.notes_panel.fields["data"], "Arrived 30 minutes late; engaged.")
    with qtbot.waitSignal(hub.attendance_changed):
        qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible() and not window.dirty
    assert Attendance.select().count() == 15
    assert Attendance.get(Attendance.client == ids[0]).minutes == 150
    assert Attendance.get(Attendance.client == ids[2]).minutes == 120
    assert Attendance.get(Attendance.client == ids[1]).status == "absent_unexcused"
    assert GroupNote.get().topic == "Coping with cravings"
    assert ProgressNote.get().client_id == ids[0]
    assert window.rows[ids[0]].note_state.text() == "Note: draft"
    answers.queue("confirm", True)
    qtbot.mouseClick(window.sign_button, Qt.MouseButton.LeftButton)
    assert answers.titles() == ["Sign notes"]
    assert GroupNote.get().signed_at is not None and ProgressNote.get().signed_at is not None
    assert window.notes_panel.topic.isReadOnly()
    assert window.notes_panel.group_addendum.isVisible()


def test_bad_minutes_show_next_to_the_line_and_save_nothing(
    qtbot, clinician, store, fifteen, answers
):
    session, ids = fifteen
    window, _ = _open(qtbot, clinician, store, session)
    window.mark_rest_present()
    # a client not on the roster, added behind the sheet's back, is refused unless a guest
    visitor = make_client("Vera", "Visitor")
    window.guest_search.setText("visitor")
    assert window.guest_choice.count() == 1
    qtbot.mouseClick(window.add_guest_button, Qt.MouseButton.LeftButton)
    assert window.rows[visitor].guest and "(guest)" in window.rows[visitor].name.text()
    window.rows[ids[4]].minutes.setMaximum(500)
    window.rows[ids[4]].minutes.setValue(200)
    assert not window.save_sheet()
    assert "more than the session's 180 minutes" in window.rows[ids[4]].error.text()
    assert Attendance.select().count() == 0
    window.rows[ids[4]].minutes.setValue(180)
    assert window.save_sheet()
    assert Attendance.select().count() == 16
    assert Attendance.get(Attendance.client == visitor).guest


def test_a_wrongly_added_guest_is_taken_off_the_sheet(qtbot, clinician, store, fifteen, answers):
    session, ids = fifteen
    visitor = make_client("Vera", "Visitor")
    attendance.save_sheet(clinician, session, [E(visitor, "present", guest=True)])
    window, hub = _open(qtbot, clinician, store, session)
    line = window.rows[visitor]
    assert line.remove_button.isVisible() and line.remove_button.accessibleName() == "Remove"
    assert not window.rows[ids[0]].remove_button.isVisible()  # members come with the roster
    qtbot.mouseClick(window.rows[ids[0]].by_status["present"], Qt.MouseButton.LeftButton)
    answers.queue("confirm", False)
    qtbot.mouseClick(line.remove_button, Qt.MouseButton.LeftButton)
    assert visitor in window.rows and Attendance.select().count() == 1
    answers.queue("confirm", True)
    with qtbot.waitSignal(hub.attendance_changed):
        qtbot.mouseClick(line.remove_button, Qt.MouseButton.LeftButton)
    assert answers.shown[-1].text == "Take Vera Visitor off this session's sheet?"
    assert visitor not in window.rows and not line.isVisible()
    assert "15 on the sheet · 1 marked" in window.count.text()  # the typed mark stays
    assert Attendance.select().count() == 0
    audit = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert audit.client_id == visitor and audit.detail == "attendance mark removed"


def test_a_guest_added_but_not_saved_just_goes(qtbot, clinician, store, fifteen, answers):
    session, _ = fifteen
    visitor = make_client("Vera", "Visitor")
    window, _ = _open(qtbot, clinician, store, session)
    window.guest_search.setText("visitor")
    qtbot.mouseClick(window.add_guest_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.rows[visitor].remove_button, Qt.MouseButton.LeftButton)
    assert visitor not in window.rows and answers.shown == []
    assert window.save_sheet() and Attendance.select().count() == 0


def test_late_and_left_early_ask_for_the_real_minutes(qtbot, front_desk, store, fifteen, answers):
    session, ids = fifteen
    window, _ = _open(qtbot, front_desk, store, session)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    late, early, switched = (window.rows[i] for i in ids[:3])
    qtbot.mouseClick(late.by_status["late"], Qt.MouseButton.LeftButton)
    # the full 180 minutes is not kept: the field is cleared, says so, and waits for typing
    assert late.minutes.value() == 0 and late.minutes.text() == "Type minutes"
    assert late.minutes.hasFocus()
    qtbot.mouseClick(early.by_status["present"], Qt.MouseButton.LeftButton)
    assert early.minutes.value() == 180
    qtbot.mouseClick(early.by_status["left_early"], Qt.MouseButton.LeftButton)
    assert early.minutes.text() == "Type minutes"
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    for row in (late, early):
        text = row.error.text()
        assert row.error.isVisible() and row.client_name in text
        assert "type the minutes actually attended" in text and "less than" in text
    assert Attendance.select().count() == 0
    qtbot.keyClicks(late.minutes, "150")
    early.minutes.setFocus()
    qtbot.keyClicks(early.minutes, "120")
    # minutes already typed for late stay when the counselor switches to left early
    qtbot.mouseClick(switched.by_status["late"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(switched.minutes, "170")
    qtbot.mouseClick(switched.by_status["left_early"], Qt.MouseButton.LeftButton)
    assert switched.minutes.value() == 170
    assert window.save_sheet()
    saved = {a.client_id: (a.status, a.minutes) for a in Attendance.select()}
    assert saved == {
        ids[0]: ("late", 150),
        ids[1]: ("left_early", 120),
        ids[2]: ("left_early", 170),
    }


def test_a_colleagues_draft_is_shown_read_only_and_says_who_signs(
    qtbot, admin, clinician, store, fifteen, answers
):
    session, ids = fifteen
    robin = make_staff(admin, "robin", "clinician")
    attendance.save_sheet(clinician, session, [E(ids[0], "present"), E(ids[1], "present")])
    notes.save_progress_note(robin, session, ids[0], {"data": "Robin's observation."})
    notes.save_group_note(robin, session, "Cravings", "Robin's summary.")
    window, _ = _open(qtbot, clinician, store, session)
    panel = window.notes_panel
    assert "last changed by Robin Tester" in panel.group_owner.text()
    assert panel.group_owner.isVisible() and not panel.topic.isReadOnly()
    qtbot.mouseClick(window.rows[ids[0]].note_button, Qt.MouseButton.LeftButton)
    assert all(edit.isReadOnly() for edit in panel.fields.values())
    assert "draft by Robin Tester" in panel.client_owner.text()
    assert panel.client_owner.isVisible()
    # Casey's own client's note is open for writing, with no such hint
    qtbot.mouseClick(window.rows[ids[1]].note_button, Qt.MouseButton.LeftButton)
    assert not panel.fields["data"].isReadOnly() and not panel.client_owner.isVisible()


def test_front_desk_records_presence_without_notes(qtbot, front_desk, store, fifteen, answers):
    session, ids = fifteen
    window, _ = _open(qtbot, front_desk, store, session)
    assert not window.notes_panel.isVisibleTo(window)
    assert not window.sign_button.isVisibleTo(window)
    window.rows[ids[0]].set_status("present")
    assert window.save_sheet()
    assert Attendance.select().count() == 1


def test_an_absence_takes_the_reason_where_the_minutes_were(
    qtbot, front_desk, store, fifteen, answers
):
    session, ids = fifteen
    window, _ = _open(qtbot, front_desk, store, session)
    row = window.rows[ids[0]]
    qtbot.mouseClick(row.by_status["absent_excused"], Qt.MouseButton.LeftButton)
    assert row.reason.isVisible() and not row.minutes.isVisible()
    qtbot.keyClicks(row.reason, "Court date")
    qtbot.mouseClick(window.rows[ids[1]].by_status["present"], Qt.MouseButton.LeftButton)
    assert window.rows[ids[1]].minutes.isVisible()
    assert window.save_sheet()
    assert Attendance.get(Attendance.client == ids[0]).absence_reason == "Court date"
    assert Attendance.get(Attendance.client == ids[1]).absence_reason == ""
    again, _ = _open(qtbot, front_desk, store, session)
    assert again.rows[ids[0]].reason.text() == "Court date"
    # Marked present after all: the reason goes with the absence.
    qtbot.mouseClick(again.rows[ids[0]].by_status["present"], Qt.MouseButton.LeftButton)
    assert again.save_sheet()
    assert Attendance.get(Attendance.client == ids[0]).absence_reason == ""


def test_closing_with_unsaved_marks_asks(qtbot, clinician, store, fifteen, answers):
    session, ids = fifteen
    window, _ = _open(qtbot, clinician, store, session)
    window.rows[ids[0]].set_status("present")
    answers.queue("unsaved", "cancel")
    window.close()
    assert window.isVisible() and answers.kinds() == ["unsaved"]
    answers.queue("unsaved", "save")
    window.close()
    assert not window.isVisible() and Attendance.select().count() == 1


def test_print_signin_sheet_from_the_window(qtbot, clinician, store, fifteen, answers, tmp_path):
    session, _ = fifteen
    window, _ = _open(qtbot, clinician, store, session)
    answers.queue("save_file", str(tmp_path / "sheet.pdf"))
    qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")


def test_cancelled_session_cannot_be_recorded(qtbot, clinician, store, answers):
    group = make_group()
    session = make_session(group, DAY, status="cancelled")
    window, _ = _open(qtbot, clinician, store, session)
    assert "cancelled" in window.banner.text() and not window.save_button.isEnabled()
