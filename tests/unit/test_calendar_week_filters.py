"""A filtered week (My schedule, a counselor, room, group or client) reads only what it shows
yet marks every clash the whole clinic's week marks, other people's sessions included."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.calendar import GroupFacilitator
from iopdesk.services import calendar as cal
from tests.conftest import make_staff
from tests.factories import calendar as f
from tests.factories.calendar import MON, THU, WED
from tests.factories.clients import make_client

T = dt.time
REASON = "Booked anyway for the test"


def _appt(counselor_id, day, start, end, clients, room=None, kind="individual"):
    return cal.AppointmentForm(kind, day, start, end, tuple(clients), counselor_id, room)


def _clinic(admin, clinician):
    """Casey's week, where each of Casey's sessions clashes with someone else's."""
    riley = make_staff(admin, "riley", "clinician")
    noor = make_staff(admin, "nhaddad", "clinician")
    ana, ben, cy = make_client("Ana", "Ames"), make_client("Ben", "Burr"), make_client("Cy", "Cole")
    room_1, room_2 = f.room("Room 1"), f.room("Room 2")
    monday = f.next_weekday(MON)
    wednesday, thursday = monday + dt.timedelta(days=2), monday + dt.timedelta(days=3)
    # Riley's group has Ana on its roster; Noor's group is co-led by Casey.
    rileys, noors = f.group("Early Recovery"), f.group("Relapse Prevention")
    f.member(rileys, ana, monday)
    GroupFacilitator.create(group=noors, staff=clinician.staff_id)
    cal.create_series(
        clinician,
        f.group_series(rileys, riley.staff_id, monday, weekdays=(MON,), start=T(14), end=T(16)),
    )
    cal.create_series(clinician, f.group_series(noors, noor.staff_id, monday, weekdays=(WED,)))
    book = [
        # the same room as Riley's session
        (clinician, _appt(clinician.staff_id, monday, T(10), T(11), [cy], room_1)),
        (riley, _appt(riley.staff_id, monday, T(10, 30), T(11, 30), [ben], room_1)),
        # Ana, on Riley's group's roster that afternoon
        (clinician, _appt(clinician.staff_id, monday, T(14, 30), T(15), [ana], room_2)),
        # Casey co-leads Noor's group that morning
        (clinician, _appt(clinician.staff_id, wednesday, T(11), T(12), [cy])),
        # Ben, booked with Noor at the same time
        (clinician, _appt(clinician.staff_id, thursday, T(16), T(17), [ben], kind="family")),
        (noor, _appt(noor.staff_id, thursday, T(16, 30), T(17), [ben])),
        # no clash: another room, other people
        (riley, _appt(riley.staff_id, thursday, T(16), T(17), [cy], room_2)),
    ]
    for who, form in book:
        cal.create_appointment(who, form, override_reason=REASON)
    return monday, riley, noor, (ana, ben, cy), (room_1, room_2), (rileys, noors)


def test_my_schedule_shows_clashes_with_other_peoples_sessions(admin, clinician):
    monday, *_ = _clinic(admin, clinician)
    mine = cal.week(clinician, monday, cal.CalendarFilter(counselor_id=clinician.staff_id))
    assert {v.counselor_id for v in mine} == {clinician.staff_id}
    by_start = {(v.day.weekday(), v.start): v.conflicts for v in mine}
    assert by_start[MON, T(10)] == ("Same room as Ben Burr 10:30 AM",)
    assert by_start[MON, T(14, 30)] == ("Same client as Early Recovery 2:00 PM",)
    assert by_start[WED, T(11)] == ("Same counselor as Relapse Prevention 9:00 AM",)
    assert by_start[THU, T(16)] == ("Same client as Ben Burr 4:30 PM",)


def test_every_filter_marks_the_clashes_the_whole_clinic_marks(admin, clinician):
    monday, riley, noor, clients, rooms, groups = _clinic(admin, clinician)
    whole = {v.id: v for v in cal.week(clinician, monday)}
    assert sum(bool(v.conflicts) for v in whole.values()) == 8
    filters = [cal.CalendarFilter(counselor_id=s) for s in (clinician.staff_id, riley.staff_id)]
    filters += [cal.CalendarFilter(counselor_id=noor.staff_id)]
    filters += [cal.CalendarFilter(room_id=r) for r in rooms]
    filters += [cal.CalendarFilter(group_id=g) for g in groups]
    filters += [cal.CalendarFilter(client_id=c) for c in clients]
    for chosen in filters:
        shown = cal.week(clinician, monday, chosen)
        assert shown, chosen
        assert shown == [whole[v.id] for v in shown], chosen
