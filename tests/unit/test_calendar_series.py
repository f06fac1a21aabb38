"""Weekly series: materialized sessions across boundaries, horizon, edit from a date, ending."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.calendar import Session, SessionClient, SessionSeries
from iopdesk.db.models.core import AuditEvent
from iopdesk.errors import PermissionDenied, ValidationError
from iopdesk.services import calendar as cal
from iopdesk.services.calendar.series import HORIZON_WEEKS
from tests.factories import calendar as f
from tests.factories.calendar import FRI, MON, SAT, SUN, THU, TUE, WED
from tests.factories.clients import make_client


def _days(series_id: int) -> list[dt.date]:
    rows = Session.select().where(Session.series == series_id).order_by(Session.day)
    return [s.day for s in rows]


def test_series_across_month_year_and_dst_is_materialized_in_wall_clock(clinician, admin):
    g = f.group()
    # 2031: US clocks change Sun 9 March and Sun 2 November; the year turns in the middle too.
    form = f.group_series(
        g,
        clinician.staff_id,
        dt.date(2030, 12, 28),
        weekdays=(MON, WED, SUN),
        start=dt.time(18),
        end=dt.time(21),
        last=dt.date(2031, 3, 12),
    )
    series = cal.create_series(clinician, form)
    days = _days(series.id)
    assert days[0] == dt.date(2030, 12, 29)  # the first Sunday on or after the first date
    assert dt.date(2030, 12, 31) not in days and dt.date(2031, 1, 1) in days  # Wed, new year
    assert dt.date(2031, 2, 28) not in days and dt.date(2031, 3, 2) in days  # month boundary
    assert dt.date(2031, 3, 9) in days and dt.date(2031, 3, 10) in days  # DST weekend
    assert days[-1] == dt.date(2031, 3, 12)
    assert all(d.weekday() in (MON, WED, SUN) for d in days)
    rows = Session.select().where(Session.series == series.id)
    assert {(s.start_time, s.end_time) for s in rows} == {(dt.time(18), dt.time(21))}
    assert len(days) == len(set(days))


def test_open_series_materializes_to_horizon_and_extends_on_demand(clinician):
    g = f.group()
    first = f.next_weekday(MON)
    series = cal.create_series(clinician, f.group_series(g, clinician.staff_id, first))
    horizon = SessionSeries.get_by_id(series.id).horizon
    assert horizon == first + dt.timedelta(weeks=HORIZON_WEEKS)
    assert max(_days(series.id)) <= horizon
    far = horizon + dt.timedelta(weeks=10)
    monday = far - dt.timedelta(days=far.weekday())
    views = cal.week(clinician, monday)
    assert [v.day.weekday() for v in views] == [MON, WED, THU]
    assert SessionSeries.get_by_id(series.id).horizon >= monday + dt.timedelta(days=6)
    ids_before = {s.id for s in Session.select()}
    cal.week(clinician, monday)  # paging back to the same week makes nothing new
    assert {s.id for s in Session.select()} == ids_before


def test_closed_day_cancels_occurrence_visibly(clinician, admin):
    first = f.next_weekday(MON)
    holiday = first + dt.timedelta(days=7)
    cal.add_closed_day(admin, holiday, "Memorial Day")
    series = cal.create_series(clinician, f.group_series(f.group(), clinician.staff_id, first))
    row = Session.get((Session.series == series.id) & (Session.day == holiday))
    assert row.status == "cancelled"
    assert row.cancel_reason == "Clinic closed: Memorial Day"
    views = cal.week(clinician, holiday)
    assert views[0].cancelled and views[0].cancel_reason == "Clinic closed: Memorial Day"


def test_individual_series_books_the_client_in_every_session(clinician):
    c = make_client("Jordan", "Rivers")
    series = cal.create_series(
        clinician,
        f.individual_series(
            c,
            clinician.staff_id,
            f.next_weekday(TUE),
            last=f.next_weekday(TUE) + dt.timedelta(weeks=3),
        ),
    )
    assert series.title == "Jordan Rivers"
    sessions = list(Session.select().where(Session.series == series.id))
    assert len(sessions) == 4
    links = SessionClient.select().where(SessionClient.session.in_([s.id for s in sessions]))
    assert {link.client_id for link in links} == {c} and links.count() == 4
    audit = AuditEvent.select().where(AuditEvent.action == "series.create").get()
    assert audit.client_id == c and audit.staff_id == clinician.staff_id


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"weekdays": ()}, "weekdays"),
        ({"weekdays": ["mon"]}, "weekdays"),
        ({"weekdays": "0,2"}, "weekdays"),
        ({"weekdays": (7,)}, "weekdays"),
        ({"weekdays": (-1, 2)}, "weekdays"),
        ({"weekdays": (1.5,)}, "weekdays"),
        ({"weekdays": (True,)}, "weekdays"),
        ({"weekdays": 3}, "weekdays"),
        ({"weekdays": ["mon"], "start_time": None}, "weekdays"),
        ({"end_time": dt.time(8)}, "end_time"),
        ({"end_time": dt.time(9)}, "end_time"),
        ({"end_time": dt.time(21, 30), "start_time": dt.time(9)}, "end_time"),
        ({"last_date": dt.date(2030, 1, 1), "first_date": dt.date(2030, 2, 1)}, "last_date"),
        ({"first_date": dt.date(1850, 1, 1)}, "first_date"),
        ({"first_date": "2030-02-30"}, "first_date"),
        ({"last_date": dt.date(2999, 1, 1)}, "last_date"),
        ({"group_id": None}, "group"),
        ({"counselor_id": None}, "counselor"),
        ({"start_time": None}, "start_time"),
    ],
)
def test_bad_series_input_names_the_field_and_changes_nothing(clinician, changes, field):
    g = f.group()
    values = f.group_series(g, clinician.staff_id, dt.date(2030, 1, 6)).__dict__ | changes
    with pytest.raises(ValidationError) as err:
        cal.create_series(clinician, cal.SeriesForm(**values))
    assert field in err.value.fields
    assert err.value.fields[field].endswith(".")
    assert SessionSeries.select().count() == 0 and Session.select().count() == 0


def test_front_desk_may_book_but_administrator_may_not(admin, front_desk, clinician):
    g = f.group()
    form = f.group_series(g, clinician.staff_id, f.next_weekday(MON))
    cal.create_series(front_desk, form)
    with pytest.raises(PermissionDenied):
        cal.create_series(admin, form)
    assert AuditEvent.select().where(AuditEvent.kind == "denied").count() == 1


def test_edit_from_date_changes_only_the_future_and_keeps_session_ids(clinician, supervisor):
    g = f.group()
    today = f.next_weekday(MON) - dt.timedelta(days=7)  # pretend today is a Monday
    first = today - dt.timedelta(weeks=2)
    series = cal.create_series(
        clinician, f.group_series(g, clinician.staff_id, first, weekdays=(MON, WED))
    )
    before = {s.original_date: s.id for s in Session.select().where(Session.series == series.id)}
    change_from = today + dt.timedelta(weeks=1)
    moved_day = change_from + dt.timedelta(weeks=1)
    cancelled = Session.get((Session.series == series.id) & (Session.day == moved_day))
    cal.cancel_occurrence(clinician, cancelled.id, "Facilitator at training")
    form = f.group_series(
        g,
        supervisor.staff_id,
        change_from,
        weekdays=(MON, FRI),
        start=dt.time(13),
        end=dt.time(16),
    )
    new = cal.edit_series_from(clinician, series.id, change_from, form, today=today)
    old = SessionSeries.get_by_id(series.id)
    assert old.last_date == change_from - dt.timedelta(days=1)
    assert new.previous_id == series.id and new.first_date == change_from
    past = Session.select().where(Session.day < change_from)
    assert all(s.series_id == series.id and s.start_time == dt.time(9) for s in past)
    future = list(Session.select().where(Session.day >= change_from))
    assert future and all(s.series_id == new.id for s in future)
    assert {s.day.weekday() for s in future} == {MON, FRI}
    assert all(
        s.start_time == dt.time(13) and s.counselor_id == supervisor.staff_id for s in future
    )
    # Mondays kept their ids; future Wednesdays are gone; the cancellation survived.
    kept = [s for s in future if s.day.weekday() == MON and s.original_date in before]
    assert len(kept) > 10
    assert all(s.id == before[s.original_date] for s in kept)
    assert Session.get_by_id(cancelled.id).status == "cancelled"
    assert not any(s.day.weekday() == WED for s in future)


def test_edit_from_the_past_is_refused(clinician):
    g = f.group()
    first = f.next_weekday(MON)
    series = cal.create_series(clinician, f.group_series(g, clinician.staff_id, first))
    with pytest.raises(ValidationError) as err:
        cal.edit_series_from(
            clinician,
            series.id,
            first - dt.timedelta(days=1),
            f.group_series(g, clinician.staff_id, first),
            today=first,
        )
    assert "from_date" in err.value.fields


def test_edit_from_start_updates_the_series_in_place(clinician):
    g = f.group()
    first = f.next_weekday(MON)
    series = cal.create_series(clinician, f.group_series(g, clinician.staff_id, first))
    form = f.group_series(g, clinician.staff_id, first, weekdays=(TUE, SAT))
    same = cal.edit_series_from(clinician, series.id, first, form)
    assert same.id == series.id
    assert {d.weekday() for d in _days(series.id)} == {TUE, SAT}
    assert SessionSeries.select().count() == 1


def test_end_series_removes_future_sessions(clinician):
    g = f.group()
    first = f.next_weekday(MON)
    series = cal.create_series(clinician, f.group_series(g, clinician.staff_id, first))
    removed = cal.end_series(clinician, series.id, first + dt.timedelta(days=6))
    assert removed > 0
    assert _days(series.id) == [first, first + dt.timedelta(days=2), first + dt.timedelta(days=3)]
    cal.week(clinician, first + dt.timedelta(weeks=40))  # paging far ahead adds nothing
    assert len(_days(series.id)) == 3
