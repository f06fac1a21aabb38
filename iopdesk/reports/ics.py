"""iCalendar (.ics, RFC 5545) writer for group schedules, so staff can import them on a phone."""

from __future__ import annotations

import calendar
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from iopdesk.errors import ValidationError

PRODID = "-//IOPdesk//IOPdesk//EN"
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
UTC = timezone.utc
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DAY = 86_400
_RULE_CHECK_YEARS = 12  # a yearly time zone rule must predict this many further years exactly
_LINE_OCTETS = 75


@dataclass(frozen=True)
class IcsEvent:
    """One calendar entry in clinic wall-clock time: a single session, a weekly series, or one
    moved session of a series (same ``uid`` as the series, ``recurrence_id`` = original start)."""

    uid: str
    summary: str
    start: datetime
    end: datetime
    location: str = ""
    description: str = ""
    weekdays: frozenset[int] | None = None  # set: repeats weekly on these days (0 = Monday)
    until: date | None = None  # last day of the series, inclusive; None: no end
    exdates: tuple[datetime, ...] = ()  # original starts of cancelled sessions of the series
    recurrence_id: datetime | None = None  # original start of the session this entry moves


@dataclass(frozen=True)
class _Transition:
    """A change of UTC offset; ``onset`` is local time in the offset before, as RFC 5545 says."""

    onset: datetime
    offset_from: timedelta
    offset_to: timedelta
    daylight: bool
    name: str


def _text(value: str) -> str:
    """Escape a TEXT value; control characters other than tab cannot travel in iCalendar."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(
        ch for ch in value if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> bytes:
    """Fold one content line at 75 octets without cutting a UTF-8 character in two."""
    out = bytearray()
    width = 0
    for char in line:
        encoded = char.encode("utf-8")
        if width + len(encoded) > _LINE_OCTETS:
            out += b"\r\n "
            width = 1  # the leading space of a continuation line counts toward its 75 octets
        out += encoded
        width += len(encoded)
    out += b"\r\n"
    return bytes(out)


def _wall(moment: datetime, zone: ZoneInfo) -> datetime:
    """Clinic wall-clock time; aware datetimes are converted, naive ones are taken as local."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(zone).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _local(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _offset(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


def _state(zone: ZoneInfo, seconds: int) -> tuple[timedelta, timedelta, str]:
    """Offset, DST part and abbreviation at a UTC instant (no platform time calls: Windows-safe)."""
    moment = (_EPOCH + timedelta(seconds=seconds)).astimezone(zone)
    return moment.utcoffset() or timedelta(0), moment.dst() or timedelta(0), moment.tzname() or ""


def _year_start(year: int) -> int:
    return int((datetime(year, 1, 1, tzinfo=UTC) - _EPOCH).total_seconds())


def _transitions(zone: ZoneInfo, first_year: int, last_year: int) -> list[_Transition]:
    """Offset changes from zoneinfo in the given years: daily samples, then bisection."""
    found: list[_Transition] = []
    moment, end = _year_start(first_year), _year_start(last_year + 1)
    before = _state(zone, moment)
    while moment < end:
        step = min(moment + _DAY, end)
        after = _state(zone, step)
        if after[0] != before[0]:
            low, high = moment, step
            while high - low > 1:
                middle = (low + high) // 2
                if _state(zone, middle)[0] == before[0]:
                    low = middle
                else:
                    high = middle
            onset = (_EPOCH + timedelta(seconds=high) + before[0]).replace(tzinfo=None)
            found.append(_Transition(onset, before[0], after[0], bool(after[1]), after[2]))
        moment, before = step, after
    return found


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    """The nth (or, for -1, last) given weekday of a month; None when the month has none."""
    if nth < 0:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return day if day.month == month else None


def _candidates(onset: datetime) -> list[int]:
    """BYDAY ordinals that describe this onset's day: the nth, and "last" when it is."""
    nth = (onset.day - 1) // 7 + 1
    found = [nth] if nth <= 4 else []
    if onset.day + 7 > calendar.monthrange(onset.year, onset.month)[1]:
        found.append(-1)
    return found


def _predicted(last: _Transition, nth: int, years: Iterable[int]) -> list[tuple]:
    """Where a yearly rule starting at ``last`` puts the transition in the given years."""
    out: list[tuple] = []
    for year in years:
        day = _nth_weekday(year, last.onset.month, last.onset.weekday(), nth)
        if day is not None:
            out.append((datetime.combine(day, last.onset.time()), last.offset_from, last.offset_to))
    return out


def _yearly_rules(zone: ZoneInfo, found: list[_Transition]) -> dict[int, str]:
    """RRULEs for the final pair of transitions, only when they predict zoneinfo exactly.

    Explicit transitions end with the last year covered; a rule lets a phone place an
    open-ended series correctly in later years too.
    """
    if len(found) < 2:
        return {}
    last_year = found[-1].onset.year
    pair = found[-2:]
    if pair[0].onset.year != last_year or pair[0].daylight == pair[1].daylight:
        return {}
    years = range(last_year + 1, last_year + 1 + _RULE_CHECK_YEARS)
    actual = [
        (item.onset, item.offset_from, item.offset_to)
        for item in _transitions(zone, years.start, years.stop - 1)
    ]
    for first_nth in _candidates(pair[0].onset):
        for second_nth in _candidates(pair[1].onset):
            expected = _predicted(pair[0], first_nth, years)
            expected += _predicted(pair[1], second_nth, years)
            if sorted(expected) == actual:
                return {
                    len(found) - 2: _rule_text(pair[0], first_nth),
                    len(found) - 1: _rule_text(pair[1], second_nth),
                }
    return {}


def _rule_text(item: _Transition, nth: int) -> str:
    return f"FREQ=YEARLY;BYMONTH={item.onset.month};BYDAY={nth}{_BYDAY[item.onset.weekday()]}"


def _timezone(tz_name: str, zone: ZoneInfo, first_year: int, last_year: int) -> list[str]:
    """A VTIMEZONE for the years the events touch, built from zoneinfo's own transitions."""
    found = _transitions(zone, first_year, last_year)
    rules = _yearly_rules(zone, found)
    offset, dst, name = _state(zone, _year_start(first_year))
    # The offset in force when the covered years begin, so no event predates every observance.
    opening = _Transition(datetime(1970, 1, 1), offset, offset, bool(dst), name)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tz_name}"]
    for index, item in enumerate([opening, *found], start=-1):
        kind = "DAYLIGHT" if item.daylight else "STANDARD"
        lines += [f"BEGIN:{kind}", f"DTSTART:{_local(item.onset)}"]
        if index in rules:
            lines.append(f"RRULE:{rules[index]}")
        lines.append(f"TZOFFSETFROM:{_offset(item.offset_from)}")
        lines.append(f"TZOFFSETTO:{_offset(item.offset_to)}")
        if item.name:
            lines.append(f"TZNAME:{_text(item.name)}")
        lines.append(f"END:{kind}")
    lines.append("END:VTIMEZONE")
    return lines


def _series_start(event: IcsEvent, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """DTSTART/DTEND, moved to the first matching weekday: RFC 5545 always counts DTSTART as
    an occurrence, so a start off the pattern would add a session that was never planned."""
    start, end = _wall(event.start, zone), _wall(event.end, zone)
    if event.weekdays and event.recurrence_id is None:
        shift = min((day - start.weekday()) % 7 for day in event.weekdays)
        start, end = start + timedelta(days=shift), end + timedelta(days=shift)
    return start, end


def _event(event: IcsEvent, tzid: str, zone: ZoneInfo, stamp: str) -> list[str]:
    """The content lines of one VEVENT."""
    start, end = _series_start(event, zone)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_text(event.uid)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;TZID={tzid}:{_local(start)}",
        f"DTEND;TZID={tzid}:{_local(end)}",
    ]
    if event.recurrence_id is not None:
        lines.append(f"RECURRENCE-ID;TZID={tzid}:{_local(_wall(event.recurrence_id, zone))}")
    elif event.weekdays:
        rule = "FREQ=WEEKLY;BYDAY=" + ",".join(_BYDAY[day] for day in sorted(event.weekdays))
        if event.until is not None:
            # RFC 5545: with a TZID on DTSTART, UNTIL must be UTC; the whole last day counts.
            last_moment = datetime.combine(event.until, time(23, 59, 59), tzinfo=zone)
            rule += f";UNTIL={_utc(last_moment)}"
        lines.append(f"RRULE:{rule}")
        if event.exdates:
            values = ",".join(_local(_wall(moment, zone)) for moment in sorted(event.exdates))
            lines.append(f"EXDATE;TZID={tzid}:{values}")
    lines.append(f"SUMMARY:{_text(event.summary)}")
    if event.location:
        lines.append(f"LOCATION:{_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{_text(event.description)}")
    lines.append("END:VEVENT")
    return lines


def _years(events: list[IcsEvent], fallback: int) -> tuple[int, int]:
    """First and last calendar year any event date touches."""
    years = {fallback} if not events else set()
    for event in events:
        moments = [event.start, event.end, *event.exdates]
        if event.recurrence_id is not None:
            moments.append(event.recurrence_id)
        years.update(moment.year for moment in moments)
        if event.until is not None:
            years.add(event.until.year)
    return max(min(years), 1971), min(max(years), 9000)


def calendar_bytes(
    events: list[IcsEvent], tz_name: str, calendar_name: str, *, stamp: datetime | None = None
) -> bytes:
    """The whole .ics file: VCALENDAR with a VTIMEZONE for ``tz_name`` and one VEVENT each.

    ``stamp`` (default: now) is the DTSTAMP; naive values are read as UTC.
    """
    try:
        zone = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValidationError(
            {"tz_name": "Choose the clinic's time zone by its full name, e.g. America/Chicago."}
        )
    moment = stamp or datetime.now(UTC)
    stamp_text = _utc(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    tzid = tz_name  # IANA names never hold the characters that would need quoting
    first_year, last_year = _years(events, moment.year)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{_text(calendar_name)}",
        f"X-WR-CALNAME:{_text(calendar_name)}",
        f"X-WR-TIMEZONE:{tz_name}",
        *_timezone(tz_name, zone, first_year, last_year),
    ]
    for event in events:
        lines += _event(event, tzid, zone, stamp_text)
    lines.append("END:VCALENDAR")
    return b"".join(_fold(line) for line in lines)
