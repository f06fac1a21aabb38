"""The attendance sheet: members on the date, guests, minutes rules, one transaction."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.attendance import Attendance
from iopdesk.db.models.core import AuditEvent
from iopdesk.errors import DomainError, PermissionDenied, ValidationError
from iopdesk.services.attendance import notes
from iopdesk.services.attendance import sheet as svc
from iopdesk.services.attendance.sheet import AttendanceEntry as E
from iopdesk.services.groups import roster
from tests.factories.attendance import make_group, make_session
from tests.factories.clients import make_client, make_clients

TODAY = dt.date.today()
PAST = TODAY - dt.timedelta(days=3)


@pytest.fixture
def group_session(clinician):
    group = make_group(facilitator=clinician)
    ids = make_clients(4)
    for cid in ids:
        roster.add_member(clinician, group, cid, PAST - dt.timedelta(days=10))
    return group, make_session(group, PAST, title="Relapse Prevention"), ids


def test_sheet_lists_members_that_day_with_minutes_from_the_session(clinician, group_session):
    group, session, ids = group_session
    late = make_client("Zoe", "Later")
    roster.add_member(clinician, group, late, PAST + dt.timedelta(days=1))
    sheet = svc.sheet(clinician, session)
    assert [r.client_id for r in sheet.rows] == ids
    assert all(r.minutes == 180 and r.status is None and r.expected for r in sheet.rows)
    assert sheet.length == 180 and sheet.staff_names == ("Casey Tester",)


def test_save_records_every_row_in_one_transaction_with_one_audit_row(front_desk, group_session):
    _, session, ids = group_session
    before = AuditEvent.select().count()
    sheet = svc.save_sheet(
        front_desk,
        session,
        [
            E(ids[0], "present"),
            E(ids[1], "late", 150),
            E(ids[2], "left_early", 120),
            E(ids[3], "absent_excused"),
        ],
    )
    assert [(r.status, r.minutes) for r in sheet.rows] == [
        ("present", 180),
        ("late", 150),
        ("left_early", 120),
        ("absent_excused", 0),
    ]
    assert AuditEvent.select().count() == before + 1
    # saving again updates in place
    svc.save_sheet(front_desk, session, [E(ids[3], "present", 170)])
    assert Attendance.get(Attendance.client == ids[3]).minutes == 170
    assert Attendance.select().count() == 4


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (lambda i: E(i, "present", 181), "more than the session's 180 minutes"),
        (lambda i: E(i, "late", -5), "cannot be negative"),
        (lambda i: E(i, "absent_unexcused", 60), "absent client attended 0 minutes"),
        (lambda i: E(i, "asleep"), "Choose present"),
        (lambda i: E(i, "late"), "type the minutes"),
        (lambda i: E(i, "late", 180), "less than the session's 180 minutes"),
        (lambda i: E(i, "left_early", 180), "less than the session's 180 minutes"),
        (lambda i: E(i, "left_early", 0), "more than 0"),
    ],
)
def test_a_bad_row_saves_nothing_and_names_the_client(clinician, group_session, entry, message):
    _, session, ids = group_session
    with pytest.raises(ValidationError) as err:
        svc.save_sheet(clinician, session, [E(ids[0], "present"), entry(ids[1])])
    text = err.value.fields[f"client:{ids[1]}"]
    assert message in text and "Tester01" in text
    assert Attendance.select().count() == 0


@pytest.mark.parametrize("minutes", ["abc", 90.7, "180", True])
def test_minutes_that_are_not_a_whole_number_are_refused_by_row(clinician, group_session, minutes):
    _, session, ids = group_session
    with pytest.raises(ValidationError) as err:
        svc.save_sheet(clinician, session, [E(ids[0], "present"), E(ids[1], "late", minutes)])
    assert err.value.fields == {
        "entries.1.minutes": "Entries row 2: minutes must be a whole number or left empty."
    }
    assert Attendance.select().count() == 0


def test_client_not_on_roster_must_be_added_as_guest(clinician, group_session):
    _, session, _ = group_session
    visitor = make_client("Vera", "Visitor")
    with pytest.raises(ValidationError, match="add them as a guest"):
        svc.save_sheet(clinician, session, [E(visitor, "present")])
    sheet = svc.save_sheet(clinician, session, [E(visitor, "present", guest=True)])
    row = next(r for r in sheet.rows if r.client_id == visitor)
    assert row.guest and not row.expected
    # the guest stays a guest when the sheet is saved again without the flag
    svc.save_sheet(clinician, session, [E(visitor, "late", 100)])
    assert Attendance.get(Attendance.client == visitor).guest


def test_membership_ended_before_the_session_is_not_on_the_sheet(clinician, group_session):
    group, session, ids = group_session
    m = roster.roster_on(clinician, group, PAST)[0]
    roster.end_membership(clinician, m.membership_id, PAST - dt.timedelta(days=1), "Moved")
    assert ids[0] not in [r.client_id for r in svc.sheet(clinician, session).rows]


def test_cancelled_and_future_sessions_refuse_attendance(clinician, group_session):
    group, _, ids = group_session
    cancelled = make_session(group, PAST - dt.timedelta(days=1), status="cancelled")
    with pytest.raises(DomainError, match="cancelled"):
        svc.save_sheet(clinician, cancelled, [E(ids[0], "present")])
    future = make_session(group, TODAY + dt.timedelta(days=2))
    with pytest.raises(DomainError, match="not happened yet"):
        svc.save_sheet(clinician, future, [E(ids[0], "present")])
    with pytest.raises(DomainError, match="not on the calendar"):
        svc.save_sheet(clinician, 987654, [E(ids[0], "present")])
    assert Attendance.select().count() == 0


def test_duplicate_row_and_empty_sheet_refused(clinician, group_session):
    _, session, ids = group_session
    with pytest.raises(ValidationError, match="twice"):
        svc.save_sheet(clinician, session, [E(ids[0], "present"), E(ids[0], "late")])
    with pytest.raises(ValidationError, match="at least one"):
        svc.save_sheet(clinician, session, [])


def test_individual_session_uses_booked_clients(clinician):
    client = make_client("Ina", "Solo")
    session = make_session(
        None,
        PAST,
        kind="individual",
        counselor=clinician,
        client_ids=(client,),
        start=dt.time(13),
        end=dt.time(13, 50),
    )
    sheet = svc.sheet(clinician, session)
    assert [r.client_id for r in sheet.rows] == [client] and sheet.length == 50
    svc.save_sheet(clinician, session, [E(client, "present")])
    assert Attendance.get().minutes == 50


def test_administrator_may_look_but_not_record(admin, group_session):
    _, session, ids = group_session
    assert len(svc.sheet(admin, session).rows) == 4
    with pytest.raises(PermissionDenied):
        svc.save_sheet(admin, session, [E(ids[0], "present")])


def test_remove_a_mistaken_guest(clinician, group_session):
    _, session, _ = group_session
    visitor = make_client("Vera", "Visitor")
    svc.save_sheet(clinician, session, [E(visitor, "present", guest=True)])
    sheet = svc.remove_entry(clinician, session, visitor)
    assert visitor not in [r.client_id for r in sheet.rows]
    assert not Attendance.select().where(Attendance.client == visitor).exists()
    audit = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert audit.detail == "attendance mark removed" and audit.client_id == visitor
    with pytest.raises(DomainError, match="not on the session's sheet"):
        svc.remove_entry(clinician, session, visitor)


def test_a_signed_group_note_keeps_the_guest_on_the_sheet(clinician, group_session):
    _, session, _ = group_session
    visitor = make_client("Vera", "Visitor")
    svc.save_sheet(clinician, session, [E(visitor, "present", guest=True)])
    notes.save_group_note(clinician, session, "Triggers", "Mapped high-risk situations.")
    notes.sign_session_notes(clinician, session)
    before = AuditEvent.select().count()
    with pytest.raises(DomainError, match="group note for this session is signed"):
        svc.remove_entry(clinician, session, visitor)
    assert Attendance.select().where(Attendance.client == visitor).exists()
    assert AuditEvent.select().count() == before
