"""Dates and times as the clinic writes them: one home for reading what was typed and for
showing a date or a time the way the clinic chose (screens, printouts and sentences alike).

Reading accepts every way a date is commonly typed here (US ``5/5/1990``, ISO ``1990-05-05``
and the long ``May 5, 1990``) whatever the clinic shows; showing follows the clinic setting
that the services put in place when the clinic opens or the setting changes (``use``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

#: The ways a clinic may choose to show dates (setting ``date_format``): value -> label.
DATE_STYLES = {
    "us": "US (12/01/2026)",
    "iso": "ISO (2026-12-01)",
    "long": "Long (Dec 1, 2026)",
}
#: The ways a clinic may choose to show times (setting ``time_format``).
TIME_STYLES = {"12h": "12-hour (2:30 PM)", "24h": "24-hour (14:30)"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LONG = re.compile(r"([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})")
_TIME = re.compile(r"(\d{1,2})(?::?(\d{2}))?\s*([ap])?\.?\s*m?\.?")


@dataclass(frozen=True)
class Styles:
    """How dates and times are shown: one of DATE_STYLES and one of TIME_STYLES."""

    date: str = "us"
    time: str = "12h"


DEFAULT = Styles()
_current = DEFAULT


def use(date_style: str, time_style: str) -> None:
    """Show dates and times this way from now on (unknown values fall back to the default)."""
    global _current
    _current = Styles(
        date_style if date_style in DATE_STYLES else DEFAULT.date,
        time_style if time_style in TIME_STYLES else DEFAULT.time,
    )


def current() -> Styles:
    """The styles in use."""
    return _current


# --- reading what was typed -------------------------------------------------------------------
def read_date(text: str) -> dt.date | None:
    """The date typed as ``M/D/YYYY``, ``YYYY-MM-DD`` or ``Mon D, YYYY``; None when ``text``
    is not one of those or names a day that does not exist (2/30/2026)."""
    cleaned = " ".join(str(text).split()).lower()
    if match := _US.fullmatch(cleaned):
        month, day, year = (int(g) for g in match.groups())
    elif match := _ISO.fullmatch(cleaned):
        year, month, day = (int(g) for g in match.groups())
    elif (match := _LONG.fullmatch(cleaned)) and match.group(1).title() in MONTHS:
        month = MONTHS.index(match.group(1).title()) + 1
        day, year = int(match.group(2)), int(match.group(3))
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def read_time(text: str) -> dt.time | None:
    """The time typed as ``8:30``, ``08:30``, ``14:30``, ``830``, ``2:30 PM`` or ``2pm``; None
    when it is not a time of day. Without AM/PM the hours are read on a 24-hour clock, and a
    bare number ("7") is not taken for a time: morning or evening cannot be told."""
    cleaned = str(text).strip().lower()
    match = _TIME.fullmatch(cleaned)
    if match is None or not cleaned[0].isdigit():
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if match.group(2) is None and not half:
        return None
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


#: A date stored as text the ISO way (2026-07-25).
_ISO_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- showing --------------------------------------------------------------------------------
def format_date(day: dt.date, style: str) -> str:
    """``day`` in a given style (see DATE_STYLES)."""
    if style == "iso":
        return day.isoformat()
    if style == "long":
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    return f"{day.month:02d}/{day.day:02d}/{day.year:04d}"


def format_time(moment: dt.time, style: str) -> str:
    """``moment`` in a given style (see TIME_STYLES)."""
    if style == "24h":
        return f"{moment.hour:02d}:{moment.minute:02d}"
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def show_date(day: dt.date | str | None) -> str:
    """A date as the clinic shows it ("" for none); a date kept as ISO text (frozen facts of a
    signed record) is shown the same way, and other text as it is."""
    if isinstance(day, str):
        text = day
        if not _ISO_TEXT.fullmatch(text):
            return text
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return text
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        day = day.date()
    return format_date(day, _current.date)


def show_time(moment: dt.time | None) -> str:
    """A time of day as the clinic shows it ("" for none)."""
    return "" if moment is None else format_time(moment, _current.time)


def show_hour(hour: int) -> str:
    """An hour mark on a timetable ("9 AM", or "09:00" on a 24-hour clock)."""
    if _current.time == "24h":
        return f"{hour:02d}:00"
    return f"{hour % 12 or 12} {'AM' if hour % 24 < 12 else 'PM'}"


def show_times(start: dt.time, end: dt.time) -> str:
    """A span of time as the clinic shows it ("9:00 AM – 12:00 PM")."""
    return f"{show_time(start)} – {show_time(end)}"


def show_moment(moment: dt.datetime | None) -> str:
    """A date and time of day as the clinic shows them ("" for none)."""
    if moment is None:
        return ""
    return f"{show_date(moment.date())} {show_time(moment.time())}"


def show_day_and_time(moment: dt.datetime) -> str:
    """A moment in words for a confirmation ("Tuesday, 12/01/2026 at 2:30 PM")."""
    return f"{moment:%A}, {show_date(moment.date())} at {show_time(moment.time())}"


def show_weekday_date(day: dt.date) -> str:
    """A date with its day of the week ("Tue 12/01/2026")."""
    return f"{day:%a} {show_date(day)}"


def date_example() -> str:
    """How to type a date, for hints and refusals ("12/31/2026 or 2026-12-31")."""
    sample = dt.date(2026, 12, 31)
    us, iso = format_date(sample, "us"), format_date(sample, "iso")
    return f"{iso} or {us}" if _current.date == "iso" else f"{us} or {iso}"
