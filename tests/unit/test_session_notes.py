"""Session notes: group note once, DAP/BIRP per present client, signing freezes, addenda."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.attendance import GroupNote, ProgressNote
from iopdesk.errors import DomainError, PermissionDenied, ValidationError
from iopdesk.services.admin import clinic
from iopdesk.services.attendance import notes
from iopdesk.services.attendance import sheet as attendance
from iopdesk.services.attendance.sheet import AttendanceEntry as E
from iopdesk.services.groups import roster
from tests.conftest import make_staff
from tests.factories.attendance import make_group, make_session
from tests.factories.clients import make_clients

PAST = dt.date.today() - dt.timedelta(days=2)


@pytest.fixture
def held(clinician):
    group = make_group(facilitator=clinician)
    came, absent = make_clients(2)
    for cid in (came, absent):
        roster.add_member(clinician, group, cid, PAST)
    session = make_session(group, PAST)
    attendance.save_sheet(clinician, session, [E(came, "present"), E(absent, "absent_excused")])
    return session, came, absent


def test_group_note_is_one_per_session_and_editable_until_signed(clinician, held):
    session, _, _ = held
    notes.save_group_note(clinician, session, "Triggers", "Mapped high-risk situations.")
    notes.save_group_note(clinician, session, "Triggers", "Mapped situations; role play.")
    assert GroupNote.select().count() == 1
    assert notes.sign_session_notes(clinician, session) == 1
    with pytest.raises(DomainError, match="addendum"):
        notes.save_group_note(clinician, session, "Triggers", "Changed after signing")
    view = notes.add_addendum(clinician, "group", GroupNote.get().id, "Late arrival noted.")
    assert view.fields["content"] == "Mapped situations; role play."
    assert [a.text for a in view.addenda] == ["Late arrival noted."]


def test_progress_note_follows_clinic_format_and_freezes(admin, clinician, held):
    session, came, _ = held
    view = notes.save_progress_note(
        clinician,
        session,
        came,
        {"data": "Shared a craving episode.", "plan": "Continue."},
    )
    assert view.format == "DAP" and view.objective_ids == ()  # linking: test_note_objectives
    notes.sign_session_notes(clinician, session)
    with pytest.raises(DomainError, match="signed"):
        notes.save_progress_note(clinician, session, came, {"data": "rewritten"})
    with pytest.raises(DomainError, match="signed"):
        notes.delete_progress_note(clinician, view.id)
    with pytest.raises(DomainError, match="not signed yet"):
        other = notes.save_group_note(clinician, session, "T", "C")
        notes.add_addendum(clinician, "group", other.id, "x")
    after = notes.add_addendum(clinician, "progress", view.id, "Client called next day.")
    assert after.fields["data"] == "Shared a craving episode." and len(after.addenda) == 1
    # BIRP once the clinic switches; the existing note keeps its own format
    clinic.change_settings(admin, {"note_format": "BIRP"})
    assert ProgressNote.get().format == "DAP"


def test_birp_fields_and_empty_note(admin, clinician, held):
    session, came, _ = held
    clinic.change_settings(admin, {"note_format": "BIRP"})
    with pytest.raises(ValidationError) as err:
        notes.save_progress_note(clinician, session, came, {"behavior": "  "})
    assert "Behavior" in err.value.fields["behavior"]
    with pytest.raises(ValidationError, match="not part of it"):
        notes.save_progress_note(clinician, session, came, {"data": "DAP field"})
    view = notes.save_progress_note(clinician, session, came, {"behavior": "Engaged", "plan": "x"})
    assert view.format == "BIRP" and set(view.fields) == {
        "behavior",
        "intervention",
        "response",
        "plan",
    }


def test_absent_client_gets_no_note_and_a_noted_client_cannot_turn_absent(clinician, held):
    session, came, absent = held
    with pytest.raises(DomainError, match="absent clients get no note"):
        notes.save_progress_note(clinician, session, absent, {"data": "x"})
    notes.save_progress_note(clinician, session, came, {"data": "x"})
    with pytest.raises(ValidationError, match="individual note"):
        attendance.save_sheet(clinician, session, [E(came, "absent_unexcused")])


def test_front_desk_records_presence_but_writes_no_notes(front_desk, held):
    session, _came, _ = held
    with pytest.raises(PermissionDenied):
        notes.save_group_note(front_desk, session, "Topic", "Text")
    with pytest.raises(PermissionDenied):
        notes.session_notes(front_desk, session)
    sheet = attendance.sheet(front_desk, session)
    assert all(r.note_state == "" for r in sheet.rows)


def test_sign_only_own_notes_and_unsigned_list(admin, clinician, held):
    session, came, _ = held
    colleague = make_staff(admin, "robin", "clinician")
    notes.save_progress_note(colleague, session, came, {"data": "seen"})
    with pytest.raises(DomainError, match="no unsigned notes"):
        notes.sign_session_notes(clinician, session)
    assert [u.kind for u in notes.unsigned_notes(came)] == ["progress"]
    notes.sign_session_notes(colleague, session)
    assert notes.unsigned_notes(came) == []
    seen = notes.session_notes(clinician, session)
    assert seen.progress[came].signed_by_name == "Robin Tester, LADC"


def test_save_session_is_all_or_nothing(clinician, front_desk):
    from iopdesk.db.models.attendance import Attendance
    from iopdesk.services.attendance.session_record import SessionChanges, save_session

    group = make_group(facilitator=clinician)
    (a,) = make_clients(1)
    roster.add_member(clinician, group, a, PAST)
    session = make_session(group, PAST)
    with pytest.raises(ValidationError) as err:
        save_session(
            clinician,
            session,
            SessionChanges(
                (E(a, "present"),), ("Topic", "Covered"), {a: {"data": " ", "plan": ""}}
            ),
        )
    assert f"note:{a}:data" in err.value.fields
    assert Attendance.select().count() == 0 and GroupNote.select().count() == 0
    sheet = save_session(
        clinician,
        session,
        SessionChanges(
            (E(a, "present"),), ("Topic", "Covered"), {a: {"data": "Engaged", "plan": ""}}
        ),
    )
    assert sheet.rows[0].note_state == "draft" and sheet.group_note_state == "draft"
    with pytest.raises(PermissionDenied):
        save_session(front_desk, session, SessionChanges((E(a, "late", 100),), ("T", "C")))


def test_front_desk_sending_notes_with_the_sheet_is_refused_and_audited(clinician, front_desk):
    from iopdesk.db.models.attendance import Attendance
    from iopdesk.db.models.core import AuditEvent
    from iopdesk.services.attendance.session_record import SessionChanges, save_session

    group = make_group(facilitator=clinician)
    (a,) = make_clients(1)
    roster.add_member(clinician, group, a, PAST)
    session = make_session(group, PAST)
    with pytest.raises(PermissionDenied, match="not allowed"):
        save_session(
            front_desk, session, SessionChanges((E(a, "present"),), None, {a: {"data": "x"}})
        )
    denial = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (denial.action, denial.outcome, denial.staff_id, denial.detail) == (
        "session.record",
        "denied",
        front_desk.staff_id,
        "clinical.write",
    )
    assert Attendance.select().count() == 0 and ProgressNote.select().count() == 0


def test_only_the_author_changes_or_deletes_a_draft_individual_note(admin, clinician, held):
    from iopdesk.services.attendance.session_record import SessionChanges, save_session

    session, came, _ = held
    colleague = make_staff(admin, "robin", "clinician")
    draft = notes.save_progress_note(colleague, session, came, {"data": "Robin's words"})
    with pytest.raises(DomainError, match="Robin Tester") as err:
        notes.save_progress_note(clinician, session, came, {"data": "Casey's words"})
    assert "only" in err.value.message
    with pytest.raises(DomainError, match="Robin Tester"):
        notes.delete_progress_note(clinician, draft.id)
    # the sheet's Save says so next to the note, and saves nothing else either
    with pytest.raises(ValidationError) as err:
        save_session(
            clinician, session, SessionChanges((), ("Topic", "Text"), {came: {"data": "mine"}})
        )
    assert "Robin Tester" in err.value.fields[f"note:{came}:"]
    assert GroupNote.select().count() == 0
    assert ProgressNote.get().fields == '{"data": "Robin\'s words", "assessment": "", "plan": ""}'
    # so Casey has nothing to sign, and Robin signs exactly what Robin wrote
    with pytest.raises(DomainError, match="no unsigned notes"):
        notes.sign_session_notes(clinician, session)
    notes.save_progress_note(colleague, session, came, {"data": "Robin, revised"})
    assert notes.sign_session_notes(colleague, session) == 1
    assert ProgressNote.get().signed_by_id == colleague.staff_id


def test_author_may_delete_their_own_draft(clinician, held):
    session, came, _ = held
    draft = notes.save_progress_note(clinician, session, came, {"data": "wrong client"})
    notes.delete_progress_note(clinician, draft.id)
    assert ProgressNote.select().count() == 0


def test_group_note_is_signed_only_by_whoever_wrote_its_current_text(admin, clinician, held):
    session, _, _ = held
    colleague = make_staff(admin, "robin", "clinician")
    notes.save_group_note(clinician, session, "Triggers", "Casey's summary.")
    # a co-facilitator may work on the unsigned group note; the note then records them
    view = notes.save_group_note(colleague, session, "Triggers", "Robin's rewrite.")
    assert view.author_name == "Robin Tester, LADC"
    # Casey did not write the current text, so Casey's signature does not go on it
    with pytest.raises(DomainError, match="Robin Tester") as err:
        notes.sign_session_notes(clinician, session)
    assert "last changed" in err.value.message
    assert GroupNote.get().signed_at is None
    assert notes.sign_session_notes(colleague, session) == 1
    signed = notes.session_notes(clinician, session).group
    assert signed.signed_by_name == "Robin Tester, LADC"
    assert signed.fields["content"] == "Robin's rewrite."


def _statements(fn) -> int:
    """How many SQL statements ``fn`` sends to the clinic database."""
    from iopdesk.db.connection import database

    sent: list[str] = []
    conn = database.connection()
    conn.set_trace_callback(sent.append)
    try:
        fn()
    finally:
        conn.set_trace_callback(None)
    return len(sent)


def _noted_session(admin, clinician, tag, size, day):
    """A held session where two clinicians wrote, signed and added to every note."""
    robin = make_staff(admin, f"robin{tag}", "clinician")
    group = make_group(f"Group {tag}", capacity=20, facilitator=clinician)
    client_ids = make_clients(size, tag)
    for cid in client_ids:
        roster.add_member(clinician, group, cid, day)
    session = make_session(group, day)
    attendance.save_sheet(clinician, session, [E(cid, "present") for cid in client_ids])
    notes.save_group_note(clinician, session, "Topic", "Covered")
    for n, cid in enumerate(client_ids):
        notes.save_progress_note(robin if n % 2 else clinician, session, cid, {"data": "seen"})
    notes.sign_session_notes(clinician, session)
    notes.sign_session_notes(robin, session)
    for n, cid in enumerate(client_ids):
        note_id = ProgressNote.get(ProgressNote.client == cid).id
        notes.add_addendum(robin if n % 2 else clinician, "progress", note_id, "Follow-up.")
    notes.add_addendum(robin, "group", GroupNote.get(GroupNote.session == session).id, "More.")
    return session


def test_opening_notes_costs_the_same_for_two_notes_or_fifteen(admin, clinician):
    small = _noted_session(admin, clinician, "small", 2, PAST)
    large = _noted_session(admin, clinician, "large", 15, PAST - dt.timedelta(days=1))
    opened = notes.session_notes(clinician, large)
    assert len(opened.progress) == 15 and len(opened.group.addenda) == 1
    assert {v.addenda[0].by_name for v in opened.progress.values()} == {
        "Casey Tester, LADC",
        "Robinlarge Tester, LADC",
    }
    assert {v.signed_by_name for v in opened.progress.values()} == {
        "Casey Tester, LADC",
        "Robinlarge Tester, LADC",
    }
    assert _statements(lambda: notes.session_notes(clinician, large)) == _statements(
        lambda: notes.session_notes(clinician, small)
    )


def test_unsigned_note_list_costs_the_same_for_one_note_or_ten(admin, clinician):
    robin = make_staff(admin, "robin", "clinician")
    group = make_group(facilitator=clinician)
    few, many = make_clients(2)
    for cid in (few, many):
        roster.add_member(clinician, group, cid, PAST - dt.timedelta(days=20))
    for n in range(10):
        session = make_session(group, PAST - dt.timedelta(days=n))
        marks = [E(many, "present")] + ([E(few, "present")] if n == 0 else [])
        attendance.save_sheet(clinician, session, marks)
        author = robin if n % 2 else clinician
        notes.save_progress_note(author, session, many, {"data": "seen"})
        if n == 0:
            notes.save_progress_note(author, session, few, {"data": "seen"})
    listed = notes.unsigned_notes(many)
    assert len(listed) == 10
    assert {u.author_name for u in listed} == {"Casey Tester, LADC", "Robin Tester, LADC"}
    assert _statements(lambda: notes.unsigned_notes(many)) == _statements(
        lambda: notes.unsigned_notes(few)
    )
