"""Weekly session series: a pattern expanded into dated sessions, with cancellations and moves."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from iopdesk.errors import Collector, ValidationError

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
MAX_LENGTH = timedelta(hours=12)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DATE_RANGE = "Choose a date between 2000 and 2100."

_Instant = TypeVar("_Instant", datetime, date, time)


def _length(start: time, end: time) -> timedelta:
    """Wall-clock length of a same-day session (negative when the end comes first)."""
    day = date(2000, 1, 1)
    return datetime.combine(day, end) - datetime.combine(day, start)


def _check_times(errors: Collector, field: str, length: timedelta) -> None:
    """Shared rule for a series and a moved occurrence: positive and at most 12 hours."""
    if length < timedelta(0):
        errors.add(field, "The session must end after it starts: choose a later end time.")
    elif length == timedelta(0):
        errors.add(field, "A session cannot be zero-length: choose an end time after the start.")
    elif length > MAX_LENGTH:
        errors.add(field, "A session cannot be longer than 12 hours.")


@dataclass(frozen=True)
class WeeklyPattern:
    """A group's schedule: the same wall-clock hours on chosen weekdays between two dates."""

    weekdays: frozenset[int]  # 0 = Monday .. 6 = Sunday, as date.weekday()
    start_time: time
    end_time: time
    first_date: date
    last_date: date | None = None  # None: the series runs until someone ends it

    def __post_init__(self) -> None:
        # Forms hand over lists or sets; a frozenset keeps the pattern hashable and comparable.
        object.__setattr__(self, "weekdays", frozenset(self.weekdays))

    @property
    def length(self) -> timedelta:
        """How long one session lasts on the wall clock."""
        return _length(self.start_time, self.end_time)

    def validate(self) -> None:
        """Raise ValidationError naming every field a clinic worker must fix."""
        errors = Collector()
        if not self.weekdays:
            errors.add("weekdays", "Choose at least one weekday.")
        elif not self.weekdays <= frozenset(range(7)):
            errors.add("weekdays", "Choose weekdays from Monday to Sunday.")
        _check_times(errors, "end_time", self.length)
        if not EARLIEST <= self.first_date <= LATEST:
            errors.add("first_date", _DATE_RANGE)
        if self.last_date is not None:
            if self.last_date < self.first_date:
                errors.add(
                    "last_date",
                    "The series cannot end before it starts: choose a last date on or after "
                    "the first date.",
                )
            elif self.last_date > LATEST:
                errors.add("last_date", _DATE_RANGE)
        errors.raise_if_any()


@dataclass(frozen=True)
class OccurrenceChange:
    """One dated session of a series that was cancelled or moved to another time."""

    original_date: date
    cancelled: bool
    reason: str = ""
    new_start: datetime | None = None
    new_end: datetime | None = None  # None keeps the series' usual length

    def validate(self) -> None:
        """Raise ValidationError unless this is a reasoned cancellation or a sensible move."""
        errors = Collector()
        if self.cancelled:
            errors.check(bool(self.reason.strip()), "reason", "Say why this session is cancelled.")
            if self.new_start is not None:
                errors.add("new_start", "A cancelled session cannot also be moved.")
        elif self.new_start is None:
            errors.add("new_start", "Choose the new date and time for this session.")
        else:
            if not EARLIEST <= self.new_start.date() <= LATEST:
                errors.add("new_start", _DATE_RANGE)
            if self.new_end is not None:
                _check_times(errors, "new_end", self.new_end - self.new_start)
        errors.raise_if_any()


@dataclass(frozen=True)
class Occurrence:
    """One session as the calendar shows it: when it happens, or why it does not."""

    original_date: date
    start: datetime
    end: datetime
    cancelled: bool
    cancel_reason: str
    moved: bool
    closed_day: bool


def occurs_on(pattern: WeeklyPattern, day: date) -> bool:
    """True when the series has a session on ``day`` (before any change or closure)."""
    if day < pattern.first_date or (pattern.last_date is not None and day > pattern.last_date):
        return False
    return day.weekday() in pattern.weekdays


def expand(pattern: WeeklyPattern, range_start: date, range_end: date) -> list[date]:
    """The dates in [range_start, range_end] on which the series has a session, in order."""
    low = max(range_start, pattern.first_date)
    high = range_end if pattern.last_date is None else min(range_end, pattern.last_date)
    if high < low:
        return []
    # Jump straight to the first matching day of each weekday: a 20-year-old series costs
    # the same as a new one, which keeps the week calendar fast on a large clinic.
    week = timedelta(days=7)
    dates: list[date] = []
    for weekday in pattern.weekdays:
        if not 0 <= weekday <= 6:
            continue
        day = low + timedelta(days=(weekday - low.weekday()) % 7)
        while day <= high:
            dates.append(day)
            day += week
    dates.sort()
    return dates


def _occurrence(
    pattern: WeeklyPattern,
    day: date,
    change: OccurrenceChange | None,
    closed_days: Mapping[date, str],
) -> Occurrence:
    """Apply one change and the closure calendar to the session originally on ``day``."""
    start = datetime.combine(day, pattern.start_time)
    end = datetime.combine(day, pattern.end_time)
    cancelled, reason, moved = False, "", False
    if change is not None and change.cancelled:
        cancelled, reason = True, change.reason
    elif change is not None and change.new_start is not None:
        moved = True
        end = change.new_end or change.new_start + (end - start)
        start = change.new_start
    # A closure cancels whatever falls on the closed day, so a session moved onto a holiday
    # is cancelled and one moved off a holiday survives.
    closure = closed_days.get(start.date())
    if closure is not None:
        cancelled, reason = True, f"Clinic closed: {closure}"
    return Occurrence(day, start, end, cancelled, reason, moved, closure is not None)


def occurrences(
    pattern: WeeklyPattern,
    range_start: date,
    range_end: date,
    changes: Mapping[date, OccurrenceChange],
    closed_days: Mapping[date, str],
) -> list[Occurrence]:
    """Every session whose (possibly moved) start falls in the range, sorted by start."""
    found: list[Occurrence] = []
    for day in expand(pattern, range_start, range_end):
        item = _occurrence(pattern, day, changes.get(day), closed_days)
        if range_start <= item.start.date() <= range_end:
            found.append(item)
    # Sessions moved into the range from a date outside it; only the changes given are known.
    for day, change in changes.items():
        if range_start <= day <= range_end or change.cancelled or change.new_start is None:
            continue
        if occurs_on(pattern, day) and range_start <= change.new_start.date() <= range_end:
            found.append(_occurrence(pattern, day, change, closed_days))
    found.sort(key=lambda item: (item.start, item.original_date))
    return found


def split_from(
    pattern: WeeklyPattern, from_date: date
) -> tuple[WeeklyPattern | None, WeeklyPattern]:
    """Split for "change the series from this date on": (part before, part from from_date).

    The earlier part ends the day before ``from_date`` and is None when it would hold no
    session. A ``from_date`` before the series starts changes the whole series, so the later
    part never starts earlier than the original did.
    """
    if pattern.last_date is not None and from_date > pattern.last_date:
        raise ValidationError(
            {"from_date": "This series has already ended: choose a date on or before its last day."}
        )
    later = replace(pattern, first_date=max(from_date, pattern.first_date))
    day_before = from_date - timedelta(days=1)
    earlier: WeeklyPattern | None = None
    if day_before >= pattern.first_date:
        # A week always holds every weekday, so looking at most seven days ahead is enough.
        probe_end = min(day_before, pattern.first_date + timedelta(days=6))
        if expand(pattern, pattern.first_date, probe_end):
            earlier = replace(pattern, last_date=day_before)
    return earlier, later


def overlaps(a_start: _Instant, a_end: _Instant, b_start: _Instant, b_end: _Instant) -> bool:
    """True when two half-open periods share time (back-to-back sessions do not overlap)."""
    return a_start < b_end and b_start < a_end
