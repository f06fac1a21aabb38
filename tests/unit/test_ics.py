"""The .ics writer, read back with the icalendar package and expanded with dateutil."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr

from iopdesk.domain.recurrence import (
    Occurrence,
    OccurrenceChange,
    WeeklyPattern,
    occurrences,
)
from iopdesk.errors import ValidationError
from iopdesk.reports.ics import PRODID, IcsEvent, calendar_bytes

CHICAGO = "America/Chicago"
ZONE = ZoneInfo(CHICAGO)
STAMP = datetime(2026, 1, 2, 15, 30, tzinfo=timezone.utc)
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

# Mon/Wed/Sun evenings across both 2026 US clock changes (Sun 8 March, Sun 1 November).
PATTERN = WeeklyPattern(
    frozenset({MON, WED, SUN}), time(18), time(21), date(2026, 2, 23), date(2026, 11, 15)
)
CHANGES = {
    date(2026, 3, 9): OccurrenceChange(date(2026, 3, 9), True, "Facilitator ill"),
    date(2026, 3, 11): OccurrenceChange(
        date(2026, 3, 11), False, "", datetime(2026, 3, 12, 17), datetime(2026, 3, 12, 20)
    ),
    # The session on the day the clocks fall back, moved to Saturday morning.
    date(2026, 11, 1): OccurrenceChange(date(2026, 11, 1), False, "", datetime(2026, 10, 31, 10)),
}
CLOSED = {date(2026, 5, 25): "Memorial Day", date(2026, 9, 7): "Labor Day"}


def series_events(uid: str, summary: str, found: list[Occurrence]) -> list[IcsEvent]:
    """What an export does: one series, EXDATE for cancelled sessions, one entry per move."""
    overrides = [
        IcsEvent(
            uid,
            summary,
            item.start,
            item.end,
            recurrence_id=datetime.combine(item.original_date, PATTERN.start_time),
        )
        for item in found
        if item.moved and not item.cancelled
    ]
    series = IcsEvent(
        uid,
        summary,
        datetime.combine(PATTERN.first_date, PATTERN.start_time),
        datetime.combine(PATTERN.first_date, PATTERN.end_time),
        location="Room 2",
        weekdays=PATTERN.weekdays,
        until=PATTERN.last_date,
        exdates=tuple(
            datetime.combine(item.original_date, PATTERN.start_time)
            for item in found
            if item.cancelled
        ),
    )
    return [series, *overrides]


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def expanded(calendar: icalendar.Calendar) -> list[tuple[datetime, datetime]]:
    """Occurrences as a phone computes them: RRULE minus EXDATE, overrides by RECURRENCE-ID."""
    events = calendar.walk("VEVENT")
    series = next(event for event in events if "RRULE" in event)
    start, end = series.decoded("DTSTART"), series.decoded("DTEND")
    rule = rrulestr(series["RRULE"].to_ical().decode(), dtstart=start)
    excluded = {moment.dt for moment in series["EXDATE"].dts}
    moved = {event.decoded("RECURRENCE-ID"): event for event in events if "RECURRENCE-ID" in event}
    found = []
    for moment in rule:
        if moment in excluded:
            continue
        override = moved.pop(moment, None)
        if override is None:
            found.append((moment, moment + (end - start)))
        else:
            found.append((override.decoded("DTSTART"), override.decoded("DTEND")))
    assert not moved, "every RECURRENCE-ID must name a session of the series"
    return sorted(found)


def test_series_reads_back_occurrence_by_occurrence() -> None:
    found = occurrences(PATTERN, PATTERN.first_date, PATTERN.last_date, CHANGES, CLOSED)
    data = calendar_bytes(series_events("evening-iop@clinic", "Evening IOP", found), CHICAGO, "IOP")
    expected = [
        (item.start.replace(tzinfo=ZONE), item.end.replace(tzinfo=ZONE))
        for item in found
        if not item.cancelled
    ]
    actual = expanded(parse(data))
    assert actual == expected
    assert len(actual) == len(found) - 3  # one cancellation and two closed days
    # All but the two moved sessions keep 6-9 pm on the wall clock through both clock changes.
    assert [(start.astimezone(ZONE).time(), end - start) for start, end in actual].count(
        (time(18), timedelta(hours=3))
    ) == len(actual) - 2
    # ...which are different real instants on either side of a change.
    as_utc = {start.astimezone(timezone.utc) for start, _ in actual}
    assert datetime(2026, 3, 2, 0, tzinfo=timezone.utc) in as_utc  # Sun 1 March, 6 pm CST
    assert datetime(2026, 3, 8, 23, tzinfo=timezone.utc) in as_utc  # Sun 8 March, 6 pm CDT
    assert datetime(2026, 10, 26, 23, tzinfo=timezone.utc) in as_utc  # Mon 26 October, 6 pm CDT
    assert datetime(2026, 11, 3, 0, tzinfo=timezone.utc) in as_utc  # Mon 2 November, 6 pm CST


def test_cancelled_moved_and_closed_sessions_in_the_file() -> None:
    found = occurrences(PATTERN, PATTERN.first_date, PATTERN.last_date, CHANGES, CLOSED)
    calendar = parse(
        calendar_bytes(series_events("evening-iop@clinic", "Evening IOP", found), CHICAGO, "IOP")
    )
    series, *overrides = calendar.walk("VEVENT")
    assert sorted(moment.dt for moment in series["EXDATE"].dts) == [
        datetime(2026, 3, 9, 18, tzinfo=ZONE),
        datetime(2026, 5, 25, 18, tzinfo=ZONE),
        datetime(2026, 9, 7, 18, tzinfo=ZONE),
    ]
    assert [(str(event["UID"]), event.decoded("RECURRENCE-ID")) for event in overrides] == [
        ("evening-iop@clinic", datetime(2026, 3, 11, 18, tzinfo=ZONE)),
        ("evening-iop@clinic", datetime(2026, 11, 1, 18, tzinfo=ZONE)),
    ]
    assert overrides[1].decoded("DTSTART") == datetime(2026, 10, 31, 10, tzinfo=ZONE)
    assert overrides[1].decoded("DTEND") == datetime(2026, 10, 31, 13, tzinfo=ZONE)


def test_until_is_the_end_of_the_last_day_in_utc() -> None:
    data = calendar_bytes(
        series_events("u", "Evening IOP", []), CHICAGO, "IOP", stamp=STAMP
    ).decode()
    unfolded = data.replace("\r\n ", "")
    # 15 November 2026, 23:59:59 CST (UTC-6) is 05:59:59 UTC the next morning.
    assert "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,SU;UNTIL=20261116T055959Z\r\n" in unfolded
    assert "DTSTART;TZID=America/Chicago:20260223T180000\r\n" in unfolded
    assert "DTSTAMP:20260102T153000Z\r\n" in unfolded
    assert f"PRODID:{PRODID}\r\n" in unfolded
    assert "EXDATE" not in unfolded


def test_series_without_an_end_has_no_until() -> None:
    event = IcsEvent(
        "u",
        "Morning IOP",
        datetime(2026, 1, 5, 9),
        datetime(2026, 1, 5, 12),
        weekdays=frozenset({TUE}),
    )
    series = parse(calendar_bytes([event], CHICAGO, "IOP")).walk("VEVENT")[0]
    assert series["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU"
    # DTSTART always counts as a session, so it moves to the first Tuesday of the series.
    assert series.decoded("DTSTART") == datetime(2026, 1, 6, 9, tzinfo=ZONE)
    assert series.decoded("DTEND") == datetime(2026, 1, 6, 12, tzinfo=ZONE)


def test_a_single_session_has_no_rule() -> None:
    event = IcsEvent("one", "Family session", datetime(2026, 7, 1, 16), datetime(2026, 7, 1, 17))
    (single,) = parse(calendar_bytes([event], CHICAGO, "IOP")).walk("VEVENT")
    assert "RRULE" not in single
    assert single.decoded("DTSTART") == datetime(2026, 7, 1, 16, tzinfo=ZONE)


def test_text_is_escaped_and_round_trips() -> None:
    summary = "Relapse prevention, Tues; \\ group"
    description = "Bring your workbook.\nRoom 2; back door, after 6 pm.\r\nCall 988 in a crisis."
    event = IcsEvent(
        "id,with;odd\\chars",
        summary,
        datetime(2026, 4, 7, 18),
        datetime(2026, 4, 7, 21),
        location="Annex, 2nd floor",
        description=description,
    )
    data = calendar_bytes([event], CHICAGO, "Évening, IOP; \\ track", stamp=STAMP)
    assert b"SUMMARY:Relapse prevention\\, Tues\\; \\\\ group\r\n" in data
    calendar = parse(data)
    (parsed,) = calendar.walk("VEVENT")
    assert str(parsed["SUMMARY"]) == summary
    assert str(parsed["DESCRIPTION"]) == description.replace("\r\n", "\n")
    assert str(parsed["LOCATION"]) == "Annex, 2nd floor"
    assert str(parsed["UID"]) == "id,with;odd\\chars"
    # icalendar leaves NAME (RFC 7986) unparsed, so check the escaped text itself.
    assert "NAME:Évening\\, IOP\\; \\\\ track\r\n".encode() in data


def test_control_characters_are_dropped() -> None:
    event = IcsEvent(
        "u", "Skills\x00 group\x1b", datetime(2026, 4, 7, 18), datetime(2026, 4, 7, 21)
    )
    data = calendar_bytes([event], CHICAGO, "IOP")
    assert b"\x00" not in data and b"\x1b" not in data
    assert str(parse(data).walk("VEVENT")[0]["SUMMARY"]) == "Skills group"


def test_lines_fold_at_75_octets_and_end_with_crlf() -> None:
    description = "Mindfulness-Based Stress Reduction — ćwiczenia, 練習, práctica. " * 12
    event = IcsEvent(
        "u", "Ω" * 60, datetime(2026, 4, 7, 18), datetime(2026, 4, 7, 21), description=description
    )
    data = calendar_bytes([event], CHICAGO, "IOP")
    lines = physical_lines(data)
    assert all(b"\r" not in line and b"\n" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)
    assert sum(line.startswith(b" ") for line in lines) > 10
    for line in lines:
        line.decode("utf-8")  # no character is cut between two lines
    (parsed,) = parse(data).walk("VEVENT")
    assert str(parsed["DESCRIPTION"]) == description
    assert str(parsed["SUMMARY"]) == "Ω" * 60


def test_timezone_component_matches_zoneinfo_hour_by_hour() -> None:
    found = occurrences(PATTERN, PATTERN.first_date, PATTERN.last_date, CHANGES, CLOSED)
    calendar = parse(calendar_bytes(series_events("u", "IOP", found), CHICAGO, "IOP"))
    (component,) = calendar.walk("VTIMEZONE")
    assert str(component["TZID"]) == CHICAGO
    own = component.to_tz(lookup_tzid=False)  # built from our VTIMEZONE, not the tz database
    moment = datetime(2026, 1, 1, tzinfo=timezone.utc)
    while moment.year < 2027:
        assert moment.astimezone(own).utcoffset() == moment.astimezone(ZONE).utcoffset(), moment
        moment += timedelta(hours=1)


@pytest.mark.parametrize("tz_name", ["America/Chicago", "Europe/Berlin", "Australia/Sydney"])
def test_timezone_rules_carry_an_open_ended_series_into_later_years(tz_name: str) -> None:
    event = IcsEvent(
        "u", "IOP", datetime(2026, 1, 5, 18), datetime(2026, 1, 5, 21), weekdays=frozenset({MON})
    )
    (component,) = parse(calendar_bytes([event], tz_name, "IOP")).walk("VTIMEZONE")
    own, real = component.to_tz(lookup_tzid=False), ZoneInfo(tz_name)
    moment = datetime(2026, 1, 1, 12, tzinfo=timezone.utc)
    while moment.year < 2036:
        assert moment.astimezone(own).utcoffset() == moment.astimezone(real).utcoffset(), moment
        moment += timedelta(days=1)


def test_a_zone_without_clock_changes_has_one_observance() -> None:
    data = calendar_bytes([], "America/Phoenix", "IOP").decode()
    assert data.count("BEGIN:STANDARD") == 1 and "DAYLIGHT" not in data
    assert "TZOFFSETFROM:-0700\r\nTZOFFSETTO:-0700" in data


def test_an_unknown_time_zone_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        calendar_bytes([], "Central Time", "IOP")
    assert "America/Chicago" in caught.value.fields["tz_name"]
