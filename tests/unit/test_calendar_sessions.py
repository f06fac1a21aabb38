"""Single appointments, cancel/move, conflicts of each kind, capacity, closed days, hours."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iopdesk.db.models.attendance import Attendance, ProgressNote
from iopdesk.db.models.calendar import (
    ClosedDay,
    GroupFacilitator,
    Room,
    Session,
    SessionClient,
    SessionSeries,
)
from iopdesk.db.models.core import AuditEvent
from iopdesk.domain import formats
from iopdesk.errors import DomainError, NeedsConfirmation, PermissionDenied, ValidationError
from iopdesk.services import calendar as cal
from iopdesk.services.calendar.forms import derived_title
from tests.conftest import make_staff
from tests.factories import calendar as f
from tests.factories.calendar import MON, TUE, WED
from tests.factories.clients import make_client

T = dt.time
TEN, ELEVEN = dt.time(10), dt.time(11)


def _appt(counselor_id, day, start=TEN, end=ELEVEN, clients=(), room=None, kind="individual"):
    return cal.AppointmentForm(kind, day, start, end, tuple(clients), counselor_id, room)


def test_appointment_books_clients_and_appears_in_week(clinician):
    c = make_client("Zoë", "Nakamura-Oyelaran")
    day = f.next_weekday(TUE)
    session = cal.create_appointment(clinician, _appt(clinician.staff_id, day, clients=[c]))
    assert session.series_id is None and session.title == "Zoë Nakamura-Oyelaran"
    assert SessionClient.get(SessionClient.session == session.id).client_id == c
    [view] = cal.week(clinician, day - dt.timedelta(days=day.weekday()))
    assert view.clients == ("Zoë Nakamura-Oyelaran",) and view.counselor == "Casey Tester"
    assert view.time_text == "10:00 AM – 11:00 AM" and not view.conflicts


@pytest.mark.parametrize(
    ("start", "end", "day", "field"),
    [
        (T(11), T(10), None, "end_time"),
        (T(10), T(10), None, "end_time"),
        (T(6), T(19), None, "end_time"),
        (T(10), T(11), "1899-12-31", "day"),
        (T(10), T(11), "2024-13-01", "day"),
        (T(10), T(11), "", "day"),
    ],
)
def test_bad_appointment_input(clinician, start, end, day, field):
    c = make_client()
    when = day if day is not None else f.next_weekday(TUE)
    with pytest.raises(ValidationError) as err:
        cal.create_appointment(clinician, _appt(clinician.staff_id, when, start, end, [c]))
    assert field in err.value.fields
    assert Session.select().count() == 0


def test_individual_needs_exactly_one_client(clinician):
    day = f.next_weekday(TUE)
    with pytest.raises(ValidationError) as err:
        cal.create_appointment(clinician, _appt(clinician.staff_id, day))
    assert "clients" in err.value.fields
    two = [make_client("A", "One"), make_client("B", "Two")]
    with pytest.raises(ValidationError):
        cal.create_appointment(clinician, _appt(clinician.staff_id, day, clients=two))
    cal.create_appointment(clinician, _appt(clinician.staff_id, day, clients=two, kind="family"))


def test_session_on_a_closed_day_is_refused(clinician, admin):
    day = f.next_weekday(TUE)
    cal.add_closed_day(admin, day, "Independence Day")
    with pytest.raises(ValidationError) as err:
        cal.create_appointment(clinician, _appt(clinician.staff_id, day, clients=[make_client()]))
    assert "Independence Day" in err.value.fields["day"]


def test_a_title_made_from_long_names_fits_the_title_column(clinician):
    limit = Session.title.max_length
    assert SessionSeries.title.max_length == limit
    # Names the register accepts (100 + 100 characters): one alone is already 201 long.
    people = [make_client("A" * 100, "L" * 99 + str(n)) for n in range(4)]
    day = f.next_weekday(TUE)
    family = cal.create_appointment(
        clinician, _appt(clinician.staff_id, day, clients=people, kind="family")
    )
    single = cal.create_appointment(
        clinician, _appt(clinician.staff_id, day, T(12), T(13), clients=people[:1])
    )
    series = cal.create_series(clinician, f.individual_series(people[1], clinician.staff_id, day))
    for title in (family.title, single.title, series.title):
        assert 0 < len(title) <= limit and title.startswith("A" * 50)
    assert family.title.endswith("and 3 more")
    assert Session.get_by_id(family.id).title == family.title


#: Names of any length the register allows, in any script (one character repeated).
_NAMES = st.builds(lambda ch, n: ch * n, st.characters(codec="utf-8"), st.integers(1, 201))


@given(st.lists(_NAMES, min_size=1, max_size=12))
def test_derived_titles_never_outgrow_the_column(names):
    title = derived_title(names)
    assert 0 < len(title) <= Session.title.max_length
    joined = ", ".join(names)
    assert title == joined or len(joined) > Session.title.max_length


def test_calendar_text_limits_match_their_columns(clinician, admin):
    day = f.next_weekday(TUE)
    client = make_client()
    title_max = Session.title.max_length
    too_long = cal.AppointmentForm(
        "individual", day, TEN, ELEVEN, (client,), clinician.staff_id, title="T" * (title_max + 1)
    )
    with pytest.raises(ValidationError) as err:
        cal.create_appointment(clinician, too_long)
    assert "title" in err.value.fields
    session = cal.create_appointment(
        clinician, cal.AppointmentForm(**{**too_long.__dict__, "title": "T" * title_max})
    )
    reason_max = Session.cancel_reason.max_length
    with pytest.raises(ValidationError):
        cal.cancel_occurrence(clinician, session.id, "r" * (reason_max + 1))
    assert len(cal.cancel_occurrence(clinician, session.id, "r" * reason_max).cancel_reason) == (
        reason_max
    )
    override_max = Session.conflict_reason.max_length
    clash = _appt(clinician.staff_id, day + dt.timedelta(days=1), clients=[make_client("B", "B")])
    cal.create_appointment(clinician, clash)
    with pytest.raises(ValidationError):
        cal.create_appointment(clinician, clash, override_reason="o" * (override_max + 1))
    cal.create_appointment(clinician, clash, override_reason="o" * override_max)
    room_max = Room.name.max_length
    with pytest.raises(ValidationError):
        cal.add_room(admin, cal.RoomForm("R" * (room_max + 1)))
    assert len(cal.add_room(admin, cal.RoomForm("R" * room_max)).name) == room_max
    closure_max = ClosedDay.name.max_length
    with pytest.raises(ValidationError):
        cal.add_closed_day(admin, day + dt.timedelta(days=7), "C" * (closure_max + 1))
    cal.add_closed_day(admin, day + dt.timedelta(days=7), "C" * closure_max)
    assert len(ClosedDay.get().name) == closure_max


def test_counselor_conflict_asks_and_reason_is_stored(clinician):
    a, b = make_client("Ana", "Ames"), make_client("Ben", "Burr")
    day = f.next_weekday(WED)
    cal.create_appointment(clinician, _appt(clinician.staff_id, day, clients=[a]))
    form = _appt(clinician.staff_id, day, T(10, 30), T(11, 30), clients=[b])
    with pytest.raises(NeedsConfirmation) as err:
        cal.create_appointment(clinician, form)
    assert "Casey Tester is already booked" in err.value.message
    assert Session.select().count() == 1
    second = cal.create_appointment(clinician, form, override_reason="Co-led with intern")
    assert second.conflict_reason == "Co-led with intern"
    views = cal.week(clinician, day - dt.timedelta(days=day.weekday()))
    assert all(v.conflicts and "counselor" in v.conflicts[0] for v in views)


def test_back_to_back_sessions_do_not_conflict(clinician):
    day = f.next_weekday(WED)
    cal.create_appointment(clinician, _appt(clinician.staff_id, day, clients=[make_client()]))
    cal.create_appointment(
        clinician, _appt(clinician.staff_id, day, T(11), T(12), clients=[make_client("B", "B")])
    )


def test_room_conflict(clinician, supervisor):
    r = f.room("Room 2")
    day = f.next_weekday(WED)
    cal.create_appointment(
        clinician, _appt(clinician.staff_id, day, clients=[make_client()], room=r)
    )
    with pytest.raises(NeedsConfirmation) as err:
        cal.create_appointment(
            supervisor, _appt(supervisor.staff_id, day, clients=[make_client("B", "B")], room=r)
        )
    assert "Room Room 2 is already booked" in err.value.message


def test_client_conflict_through_a_group_roster(clinician, supervisor):
    c = make_client("Noor", "Haddad")
    g = f.group()
    first = f.next_weekday(MON)
    f.member(g, c, first)
    cal.create_series(clinician, f.group_series(g, clinician.staff_id, first))
    with pytest.raises(NeedsConfirmation) as err:
        cal.create_appointment(
            supervisor, _appt(supervisor.staff_id, first, T(11), T(12), clients=[c])
        )
    assert "Noor Haddad is already booked" in err.value.message
    # The client is not on the roster before they joined: no clash the week before.
    f.member(g, make_client("X", "Y"), first)
    earlier = cal.create_appointment(
        supervisor,
        _appt(supervisor.staff_id, first - dt.timedelta(days=7), T(11), T(12), clients=[c]),
    )
    assert earlier.conflict_reason == ""


def test_series_conflicting_with_an_appointment_lists_it(clinician):
    c = make_client()
    first = f.next_weekday(TUE)
    cal.create_appointment(
        clinician, _appt(clinician.staff_id, first + dt.timedelta(weeks=2), T(14), T(15), [c])
    )
    form = f.individual_series(make_client("Other", "Client"), clinician.staff_id, first)
    with pytest.raises(NeedsConfirmation) as err:
        cal.create_series(clinician, form)
    assert formats.show_date(first + dt.timedelta(weeks=2)) in err.value.message


def test_room_over_capacity_asks(clinician):
    r = f.room("Small office", capacity=2)
    g = f.group(room_id=r)
    first = f.next_weekday(MON)
    for n in range(3):
        f.member(g, make_client("Member", f"N{n}"), first)
    form = f.group_series(g, clinician.staff_id, first, room_id=r)
    with pytest.raises(NeedsConfirmation) as err:
        cal.create_series(clinician, form)
    assert "holds 2 people; 3 are booked" in err.value.message
    cal.create_series(clinician, form, override_reason="Two members attend online")


def test_cancel_and_restore_one_occurrence(clinician):
    g = f.group()
    first = f.next_weekday(MON)
    series = cal.create_series(clinician, f.group_series(g, clinician.staff_id, first))
    target = Session.get((Session.series == series.id) & (Session.day == first))
    with pytest.raises(ValidationError) as err:
        cal.cancel_occurrence(clinician, target.id, "   ")
    assert "reason" in err.value.fields
    cal.cancel_occurrence(clinician, target.id, "Facilitator ill")
    assert Session.get_by_id(target.id).cancel_reason == "Facilitator ill"
    others = Session.select().where((Session.series == series.id) & (Session.id != target.id))
    assert all(s.status == "scheduled" for s in others)
    with pytest.raises(DomainError):
        cal.move_occurrence(clinician, target.id, first, T(13), T(16))
    cal.restore_occurrence(clinician, target.id)
    assert Session.get_by_id(target.id).status == "scheduled"


def test_move_keeps_identity_and_series(clinician):
    g = f.group()
    first = f.next_weekday(MON)
    series = cal.create_series(clinician, f.group_series(g, clinician.staff_id, first))
    target = Session.get((Session.series == series.id) & (Session.day == first))
    moved = cal.move_occurrence(clinician, target.id, first + dt.timedelta(days=1), T(13), T(16))
    assert moved.id == target.id and moved.series_id == series.id and moved.moved
    assert moved.original_date == first and moved.day == first + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as err:
        cal.move_occurrence(clinician, target.id, first, T(13), T(12))
    assert "end_time" in err.value.fields
    back = cal.move_occurrence(clinician, target.id, first, T(9), T(12))
    assert not back.moved
    actions = [a.action for a in AuditEvent.select().where(AuditEvent.action == "session.move")]
    assert len(actions) == 2


def test_closed_day_added_later_cancels_booked_sessions_after_asking(clinician, admin):
    day = f.next_weekday(WED)
    cal.create_appointment(clinician, _appt(clinician.staff_id, day, clients=[make_client()]))
    with pytest.raises(NeedsConfirmation):
        cal.add_closed_day(admin, day, "Staff training day")
    assert ClosedDay.select().count() == 0
    assert cal.add_closed_day(admin, day, "Staff training day", confirmed=True).cancelled == 1
    row = Session.get(Session.day == day)
    assert row.status == "cancelled" and row.cancel_reason == "Clinic closed: Staff training day"
    cal.remove_closed_day(admin, ClosedDay.get().id)
    assert Session.get(Session.day == day).status == "scheduled"


def test_rooms_and_closed_days_are_for_administrators(admin, clinician):
    with pytest.raises(PermissionDenied):
        cal.add_room(clinician, cal.RoomForm("Room 9"))
    row = cal.add_room(admin, cal.RoomForm("Group room", 14))
    with pytest.raises(ValidationError) as err:
        cal.add_room(admin, cal.RoomForm("Group room", 0))
    assert set(err.value.fields) == {"name", "capacity"}
    cal.edit_room(admin, row.id, cal.RoomForm("Group room 1", 16, active=False))
    assert Room.get_by_id(row.id).capacity == 16
    assert cal.rooms() == [] and len(cal.rooms(include_inactive=True)) == 1
    with pytest.raises(ValidationError):
        cal.add_closed_day(admin, "2150-01-01", "Far future")


def test_cancel_future_for_client_leaves_groups_and_shared_sessions(clinician):
    c, other = make_client("Leaving", "Client"), make_client("Staying", "Relative")
    first = f.next_weekday(TUE)
    series = cal.create_series(clinician, f.individual_series(c, clinician.staff_id, first))
    family = cal.create_appointment(
        clinician, _appt(clinician.staff_id, first, T(16), T(17), [c, other], kind="family")
    )
    count = cal.cancel_future_for_client(c, first - dt.timedelta(days=1), "Client discharged")
    assert count > 1
    mine = Session.select().where(Session.series == series.id)
    assert all(s.status == "cancelled" for s in mine)
    assert Session.get_by_id(family.id).status == "scheduled"
    assert [s.client_id for s in family.clients] == [other]
    before = Session.select().count()
    cal.week(clinician, first + dt.timedelta(weeks=60))
    assert Session.select().where(Session.series == series.id).count() == mine.count()
    assert Session.select().count() == before


def test_cancel_future_for_client_keeps_the_discharge_day_and_recorded_sessions(clinician):
    c = make_client("Leaving", "Client")
    discharged_on = f.next_weekday(TUE)
    series = cal.create_series(clinician, f.individual_series(c, clinician.staff_id, discharged_on))
    rows = list(Session.select().where(Session.series == series.id).order_by(Session.day))
    on_the_day, next_week, recorded = rows[0], rows[1], rows[2]
    Attendance.create(session=recorded.id, client=c, status="present", minutes=60)
    noted = cal.create_appointment(
        clinician, _appt(clinician.staff_id, discharged_on + dt.timedelta(days=1), clients=[c])
    )
    ProgressNote.create(session=noted.id, client=c, author=clinician.staff_id)
    count = cal.cancel_future_for_client(c, discharged_on, "Client discharged")
    status = {s.id: s.status for s in Session.select()}
    # The discharge day itself still happened; sessions with records are never cancelled.
    assert status[on_the_day.id] == "scheduled"
    assert status[recorded.id] == "scheduled" and status[noted.id] == "scheduled"
    assert status[next_week.id] == "cancelled"
    assert count == len(rows) - 2
    assert sum(1 for v in status.values() if v == "cancelled") == count
    assert SessionSeries.get_by_id(series.id).last_date == discharged_on


def test_closing_a_day_keeps_sessions_with_attendance_or_notes_and_says_so(clinician, admin):
    day = f.next_weekday(WED, dt.date.today() - dt.timedelta(days=14))
    attended, noted = make_client("Ana", "Ames"), make_client("Ben", "Burr")
    first = cal.create_appointment(clinician, _appt(clinician.staff_id, day, clients=[attended]))
    second = cal.create_appointment(
        clinician, _appt(clinician.staff_id, day, T(13), T(14), clients=[noted])
    )
    plain = cal.create_appointment(
        clinician, _appt(clinician.staff_id, day, T(15), T(16), clients=[make_client("C", "Cole")])
    )
    Attendance.create(session=first.id, client=attended, status="present", minutes=60)
    ProgressNote.create(session=second.id, client=noted, author=clinician.staff_id)
    with pytest.raises(NeedsConfirmation) as asked:
        cal.add_closed_day(admin, day, "Snow day (entered late)")
    assert "1 session(s)" in asked.value.message
    assert "2 session(s) already have attendance or notes" in asked.value.message
    result = cal.add_closed_day(admin, day, "Snow day (entered late)", confirmed=True)
    assert result.cancelled == 1 and len(result.kept) == 2
    assert "10:00 AM" in result.kept[0] and "1:00 PM" in result.kept[1]
    assert "2 session(s) with attendance or notes were kept" in result.message
    status = {s.id: s.status for s in Session.select()}
    assert status == {first.id: "scheduled", second.id: "scheduled", plain.id: "cancelled"}
    audit = AuditEvent.select().where(AuditEvent.action == "closed_day.add").get()
    assert "2 kept" in audit.detail


def test_scheduled_hours_per_week_against_minimum(clinician):
    c = make_client()
    g = f.group()
    first = f.next_weekday(MON)
    f.member(g, c, first)
    cal.create_series(clinician, f.group_series(g, clinician.staff_id, first))  # 3 x 3 h
    cal.create_series(clinician, f.individual_series(c, clinician.staff_id, first))  # 1 h
    weeks = cal.scheduled_hours_per_week(clinician, c, first, weeks=2)
    assert [w.minutes for w in weeks] == [600, 600]
    assert not weeks[0].below_minimum and weeks[0].minimum_minutes == 540
    target = Session.get((Session.group == g) & (Session.day == first))
    cal.cancel_occurrence(clinician, target.id, "Snow")
    weeks = cal.scheduled_hours_per_week(clinician, c, first, weeks=1)
    assert weeks[0].minutes == 420 and weeks[0].below_minimum
    upcoming = cal.sessions_for_client(clinician, c, first, first + dt.timedelta(days=6))
    assert len(upcoming) == 4


def test_front_desk_cannot_set_up_but_can_view(front_desk, admin):
    other = make_staff(admin, "riley", "clinician")
    assert cal.week(front_desk, dt.date(2030, 1, 7)) == []
    with pytest.raises(PermissionDenied):
        cal.add_closed_day(front_desk, "2030-01-01", "New Year")
    assert other.role == "clinician"


def test_a_co_facilitator_is_checked_for_conflicts_like_the_counselor(admin, clinician):
    noor = make_staff(admin, "nhaddad", "clinician")
    ben = make_client("Ben", "Burr")
    g = f.group()
    GroupFacilitator.create(group=g, staff=noor.staff_id)  # co-leads Casey's group
    first = f.next_weekday(MON)
    cal.create_series(clinician, f.group_series(g, clinician.staff_id, first))
    clash = _appt(noor.staff_id, first, T(11), T(12), clients=[make_client("Ana", "Ames")])
    with pytest.raises(NeedsConfirmation) as err:
        cal.create_appointment(noor, clash)
    assert f"{noor.full_name} is already booked" in err.value.message
    cal.create_appointment(noor, clash, override_reason="Steps out of group for an intake")
    views = cal.week(noor, first - dt.timedelta(days=first.weekday()))
    [mine] = [v for v in views if v.kind == "individual"]
    assert mine.conflicts and "Same counselor" in mine.conflicts[0]
    # not co-leading: the same hour is free
    GroupFacilitator.delete().execute()
    later = _appt(noor.staff_id, first + dt.timedelta(days=2), T(11), T(12), clients=[ben])
    assert cal.create_appointment(noor, later).conflict_reason == ""


def test_a_single_appointment_is_changed_not_only_moved(admin, clinician):
    ana, ben = make_client("Ana", "Ames"), make_client("Ben", "Burr")
    noor = make_staff(admin, "nhaddad", "clinician")
    room = f.room("Room 2")
    day = f.next_weekday(TUE)
    session = cal.create_appointment(clinician, _appt(clinician.staff_id, day, clients=[ana]))
    later = day + dt.timedelta(days=1)
    form = cal.AppointmentForm(
        "family", later, T(13), T(14), (ana, ben), noor.staff_id, room, title="Family meeting"
    )
    changed = cal.edit_appointment(clinician, session.id, form)
    [view] = [v for v in cal.week(clinician, later - dt.timedelta(days=later.weekday()))]
    assert (view.id, view.day, view.time_text) == (session.id, later, "1:00 PM – 2:00 PM")
    assert (view.counselor, view.room, view.title) == (noor.full_name, "Room 2", "Family meeting")
    assert set(view.clients) == {"Ana Ames", "Ben Burr"} and changed.kind == "family"
    audit = AuditEvent.select().where(AuditEvent.action == "session.edit").get()
    assert "family" in audit.detail.lower() and later.isoformat() in audit.detail


def test_changing_an_appointment_checks_like_booking_and_keeps_series_whole(clinician):
    ana = make_client("Ana", "Ames")
    day = f.next_weekday(WED)
    first = cal.create_appointment(clinician, _appt(clinician.staff_id, day, clients=[ana]))
    other = cal.create_appointment(
        clinician, _appt(clinician.staff_id, day, T(14), T(15), clients=[make_client()])
    )
    onto_first = _appt(clinician.staff_id, day, T(10, 30), T(11, 30), clients=[ana])
    with pytest.raises(NeedsConfirmation, match="Casey Tester is already booked"):
        cal.edit_appointment(clinician, other.id, onto_first)
    assert Session.get_by_id(other.id).start_time == T(14)
    # its own old time is no conflict
    cal.edit_appointment(clinician, first.id, _appt(clinician.staff_id, day, T(10), T(12), [ana]))
    with pytest.raises(ValidationError):
        cal.edit_appointment(clinician, first.id, _appt(clinician.staff_id, day, T(12), T(11)))
    assert Session.get_by_id(first.id).end_time == T(12)
    g = f.group()
    monday = f.next_weekday(MON)
    cal.create_series(clinician, f.group_series(g, clinician.staff_id, monday))
    in_series = Session.select().where(Session.group == g).first()
    with pytest.raises(DomainError, match="weekly series"):
        cal.edit_appointment(clinician, in_series.id, _appt(clinician.staff_id, monday))
