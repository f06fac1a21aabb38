"""The .ics export read back with the icalendar package, compared session by session."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from dateutil.rrule import rrulestr

from iopdesk.db.models.calendar import Session, SessionSeries
from iopdesk.services import calendar as cal
from tests.factories import calendar as f
from tests.factories.calendar import MON, TUE, WED

T = dt.time
ZONE = ZoneInfo("America/Chicago")
TODAY = dt.date(2031, 2, 20)


def _local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(ZONE).replace(tzinfo=None) if value.tzinfo else value


def expand_ics(data: bytes, until: dt.date) -> set[tuple[dt.datetime, dt.datetime, str]]:
    """Every occurrence an independent reader sees up to ``until``, in clinic wall-clock time."""
    cal_ = icalendar.Calendar.from_ical(data)
    found: dict[tuple[str, dt.datetime], tuple[dt.datetime, dt.datetime, str]] = {}
    overrides = []
    limit = dt.datetime.combine(until, T(23, 59), tzinfo=ZONE)
    for event in cal_.walk("VEVENT"):
        uid, summary = str(event["UID"]), str(event["SUMMARY"])
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        if "RECURRENCE-ID" in event:
            overrides.append((uid, _local(event["RECURRENCE-ID"].dt), start, end, summary))
            continue
        if "RRULE" not in event:
            found[(uid, _local(start))] = (_local(start), _local(end), summary)
            continue
        rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
        excluded = set()
        exdates = event.get("EXDATE", [])
        for block in exdates if isinstance(exdates, list) else [exdates]:
            excluded |= {_local(d.dt) for d in block.dts}
        length = end - start
        for moment in rule.between(start - dt.timedelta(seconds=1), limit, inc=True):
            if _local(moment) not in excluded:
                found[(uid, _local(moment))] = (_local(moment), _local(moment + length), summary)
    for uid, original, start, end, summary in overrides:
        found[(uid, original)] = (_local(start), _local(end), summary)
    return set(found.values())


def _expected(views, low, high):
    return {
        (dt.datetime.combine(v.day, v.start), dt.datetime.combine(v.day, v.end), v.title)
        for v in views
        if not v.cancelled and low <= v.day <= high
    }


def test_client_ics_matches_the_calendar_across_dst(clinician, admin):
    c = f.client("Rosa", "Díaz")
    g = f.group("Coping Skills (Evening)")
    first = dt.date(2031, 2, 3)
    cal.add_closed_day(admin, dt.date(2031, 5, 26), "Memorial Day")
    cal.add_closed_day(admin, dt.date(2031, 9, 1), "Labor Day")  # past the horizon
    f.member(g, c, dt.date(2031, 2, 10))
    series = cal.create_series(
        clinician,
        f.group_series(g, clinician.staff_id, first, weekdays=(MON, WED), start=T(18), end=T(21)),
    )
    rows = {s.day: s for s in Session.select().where(Session.series == series.id)}
    cal.cancel_occurrence(clinician, rows[dt.date(2031, 3, 10)].id, "Facilitator ill")
    cal.move_occurrence(
        clinician, rows[dt.date(2031, 3, 12)].id, dt.date(2031, 3, 13), T(17), T(20)
    )
    individual = cal.create_series(
        clinician,
        f.individual_series(c, clinician.staff_id, dt.date(2031, 2, 18), last=dt.date(2031, 4, 29)),
    )
    cal.create_appointment(
        clinician,
        cal.AppointmentForm("family", dt.date(2031, 3, 7), T(16), T(17), (c,), clinician.staff_id),
    )
    data = cal.ics_for_client(clinician, c, today=TODAY)
    horizon = SessionSeries.get_by_id(series.id).horizon
    low = TODAY - dt.timedelta(days=28)
    views = cal.sessions_for_client(clinician, c, low, horizon)
    assert len(views) > 40
    assert expand_ics(data, horizon) == _expected(views, low, horizon)
    parsed = icalendar.Calendar.from_ical(data)
    events = list(parsed.walk("VEVENT"))
    group_event = next(e for e in events if "RRULE" in e and "Coping" in str(e["SUMMARY"]))
    # Her membership starts on 10 February, so the export starts then too.
    assert _local(group_event["DTSTART"].dt) == dt.datetime(2031, 2, 10, 18)
    ex = (
        {_local(d.dt) for block in group_event["EXDATE"] for d in block.dts}
        if isinstance(group_event["EXDATE"], list)
        else {_local(d.dt) for d in group_event["EXDATE"].dts}
    )
    assert dt.datetime(2031, 9, 1, 18) in ex and dt.datetime(2031, 5, 26, 18) in ex
    assert dt.datetime(2031, 3, 10, 18) in ex
    assert any("RECURRENCE-ID" in e for e in events)
    assert individual.id


def test_staff_ics_has_series_and_single_appointments(clinician, supervisor):
    c = f.client()
    cal.create_series(
        clinician, f.individual_series(c, clinician.staff_id, dt.date(2031, 2, 4), weekdays=(TUE,))
    )
    cal.create_appointment(
        clinician,
        cal.AppointmentForm(
            "assessment", dt.date(2031, 2, 21), T(9), T(10, 30), (c,), clinician.staff_id
        ),
    )
    cal.create_appointment(
        supervisor,
        cal.AppointmentForm(
            "individual", dt.date(2031, 2, 21), T(11), T(12), (c,), supervisor.staff_id
        ),
    )
    data = cal.ics_for_staff(clinician, clinician.staff_id, today=TODAY)
    until = dt.date(2031, 6, 30)
    low = TODAY - dt.timedelta(days=28)
    views = [
        v
        for v in cal.sessions_between(
            low, until, cal.CalendarFilter(counselor_id=clinician.staff_id)
        )
    ]
    assert expand_ics(data, until) == _expected(views, low, until)
    assert b"Riverbend" not in data and b"BEGIN:VTIMEZONE" in data
