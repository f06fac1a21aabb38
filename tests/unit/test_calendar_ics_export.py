"""The .ics export read back with the icalendar package, compared session by session."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr

from iopdesk.db.models.calendar import Session, SessionSeries
from iopdesk.db.models.core import AuditEvent, Client
from iopdesk.errors import PermissionDenied
from iopdesk.services import calendar as cal
from tests.factories import calendar as f
from tests.factories.calendar import MON, TUE, WED
from tests.factories.clients import make_client

T = dt.time
ZONE = ZoneInfo("America/Chicago")
TODAY = dt.date(2031, 2, 20)
PART2 = "42 CFR part 2 prohibits unauthorized use or disclosure of these records."


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


def _exported_title(view) -> str:
    """What a phone may show: the group's name, or the kind and record numbers, never a name."""
    if view.group_id is not None:
        return view.title
    numbers = ", ".join(sorted(Client.get_by_id(c).record_number for c in view.client_ids))
    return f"{view.kind_label} session - {numbers}"


def _expected(views, low, high):
    return {
        (dt.datetime.combine(v.day, v.start), dt.datetime.combine(v.day, v.end), _exported_title(v))
        for v in views
        if not v.cancelled and low <= v.day <= high
    }


def _unfolded(data: bytes) -> str:
    return data.replace(b"\r\n ", b"").decode("utf-8")


def test_client_ics_matches_the_calendar_across_dst(clinician, admin):
    c = make_client("Rosa", "Díaz")
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
    c = make_client()
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


def test_exports_name_no_client_and_carry_the_part2_notice(clinician):
    rosa, tomas = make_client("Rosa", "Díaz"), make_client("Tomás", "Quintero")
    rosa_number = Client.get_by_id(rosa).record_number
    tomas_number = Client.get_by_id(tomas).record_number
    g = f.group("Coping Skills (Evening)")
    f.member(g, rosa, dt.date(2031, 2, 3))
    cal.create_series(
        clinician,
        f.group_series(g, clinician.staff_id, dt.date(2031, 2, 3), start=T(18), end=T(21)),
    )
    series = cal.create_series(
        clinician, f.individual_series(rosa, clinician.staff_id, dt.date(2031, 2, 18))
    )
    moved = Session.get((Session.series == series.id) & (Session.day == dt.date(2031, 3, 4)))
    cal.move_occurrence(clinician, moved.id, dt.date(2031, 3, 5), T(9), T(10))
    cal.create_appointment(
        clinician,
        cal.AppointmentForm(
            "family", dt.date(2031, 3, 7), T(16), T(17), (rosa, tomas), clinician.staff_id
        ),
    )
    cal.create_appointment(
        clinician,
        cal.AppointmentForm(
            "assessment",
            dt.date(2031, 3, 8),
            T(10),
            T(11),
            (rosa,),
            clinician.staff_id,
            title="Rosa Díaz - relapse check",
        ),
    )
    for data in (
        cal.ics_for_client(clinician, rosa, today=TODAY),
        cal.ics_for_staff(clinician, clinician.staff_id, today=TODAY),
    ):
        text = _unfolded(data)
        for name in ("Rosa", "Díaz", "Tomás", "Quintero"):
            assert name not in text
        events = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
        summaries = [str(e["SUMMARY"]) for e in events]
        assert f"Individual session - {rosa_number}" in summaries
        assert f"Family session - {', '.join(sorted([rosa_number, tomas_number]))}" in summaries
        assert f"Assessment session - {rosa_number}" in summaries
        moves = [e for e in events if "RECURRENCE-ID" in e]
        assert [str(e["SUMMARY"]) for e in moves] == [f"Individual session - {rosa_number}"]
        assert all(PART2 in str(e["DESCRIPTION"]) for e in events)
    client_calendar = icalendar.Calendar.from_ical(cal.ics_for_client(clinician, rosa, today=TODAY))
    assert str(client_calendar["X-WR-CALNAME"]) == f"IOPdesk - {rosa_number}"


def test_staff_calendar_is_exported_by_the_counselor_or_an_administrator(
    admin, clinician, supervisor, front_desk
):
    c = make_client()
    cal.create_series(
        clinician, f.individual_series(c, clinician.staff_id, dt.date(2031, 2, 4), weekdays=(TUE,))
    )
    for outsider in (front_desk, supervisor):
        denied = AuditEvent.select().where(AuditEvent.outcome == "denied")
        before = denied.count()
        with pytest.raises(PermissionDenied, match="Only the counselor themself or an admin"):
            cal.ics_for_staff(outsider, clinician.staff_id, today=TODAY)
        assert denied.count() == before + 1
        last = denied.order_by(AuditEvent.id.desc()).get()
        assert (last.staff_id, last.action) == (outsider.staff_id, "calendar.export_ics_staff")
    assert not cal.may_export_staff_calendar(front_desk, clinician.staff_id)
    assert cal.may_export_staff_calendar(admin, clinician.staff_id)
    for allowed in (clinician, admin):
        assert b"RRULE" in cal.ics_for_staff(allowed, clinician.staff_id, today=TODAY)
    # A client's calendar stays available to whoever may see the schedule.
    assert b"RRULE" in cal.ics_for_client(front_desk, c, today=TODAY)
