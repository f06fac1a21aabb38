"""The rules program reports count by: who is active on a day or for a whole week, what a
billable IOP day is, quartiles of stays, rates, and hiding small counts for a board."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from iopdesk.domain.hours import week_start
from iopdesk.domain.screenings import INSTRUMENTS

#: Counts from 1 to SMALL_CELL - 1 are hidden in copies for a board or funder.
SMALL_CELL = 11
SUPPRESSED = f"<{SMALL_CELL}"
#: A note is overdue for signing once it has waited this long.
UNSIGNED_NOTE_HOURS = 72
#: Program reports cover at most this many days (twenty years and leap days).
MAX_PERIOD_DAYS = 366 * 20

#: Week numbers count Monday-Sunday weeks from this Monday.
WEEK_EPOCH = dt.date(1900, 1, 1)

#: (first, last) day of an episode; ``last`` None while the client is still in care.
Span = tuple[dt.date, dt.date | None]


def is_active(day: dt.date, admitted: dt.date, discharged: dt.date | None) -> bool:
    """Active on ``day``: admitted on or before it and not discharged before it (the day of
    discharge still counts)."""
    return admitted <= day and (discharged is None or discharged >= day)


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """A client's episodes as unbroken stretches of care: an episode starting on or the day
    after the day the previous one ended continues it."""
    merged: list[Span] = []
    for first, last in sorted(spans, key=lambda s: s[0]):
        if merged:
            prev_first, prev_last = merged[-1]
            if prev_last is None:
                continue
            if first <= prev_last + dt.timedelta(days=1):
                merged[-1] = (prev_first, None if last is None else max(last, prev_last))
                continue
        merged.append((first, last))
    return merged


def active_weeks(spans: Iterable[Span], weeks: Sequence[dt.date]) -> list[dt.date]:
    """Of the consecutive Mondays ``weeks`` (as weeks_within gives them), those whose whole
    Monday-Sunday week the client was active: admitted on or before the Monday and not
    discharged before the Sunday (episodes back to back count as one stretch)."""
    if not weeks:
        return []
    origin, found = weeks[0], set[int]()
    for first, last in merge_spans(spans):
        low = max(0, -(-(first - origin).days // 7))  # the first Monday on or after ``first``
        high = len(weeks) - 1 if last is None else ((last - origin).days - 6) // 7
        found.update(range(low, min(high, len(weeks) - 1) + 1))
    return [weeks[i] for i in sorted(found)]


def weeks_within(start: dt.date, end: dt.date) -> list[dt.date]:
    """The Mondays of the Monday-Sunday weeks lying wholly inside ``start`` .. ``end``."""
    monday = week_start(start)
    if monday < start:
        monday += dt.timedelta(days=7)
    weeks = []
    while monday + dt.timedelta(days=6) <= end:
        weeks.append(monday)
        monday += dt.timedelta(days=7)
    return weeks


def week_monday(number: int) -> dt.date:
    """The Monday of week ``number`` counted from WEEK_EPOCH (the week numbers SQL computes)."""
    return WEEK_EPOCH + dt.timedelta(weeks=number)


def daily_census(
    start: dt.date,
    end: dt.date,
    active_at_start: int,
    admitted: Mapping[dt.date, int],
    discharged: Mapping[dt.date, int],
    overlaps: Sequence[tuple[dt.date, dt.date]] = (),
) -> list[tuple[dt.date, int]]:
    """Clients active each day from the count on the first day and the day-by-day changes.

    ``admitted`` counts admissions per day, ``discharged`` discharges per day (a client
    discharged on a day leaves the count the day after); ``overlaps`` are the days a client
    was in two episodes at once (discharged and readmitted the same day), counted once.
    """
    out = []
    count = active_at_start
    day = start
    while day <= end:
        if day > start:
            count += admitted.get(day, 0) - discharged.get(day - dt.timedelta(days=1), 0)
        doubled = sum(1 for first, last in overlaps if first <= day <= last)
        out.append((day, count - doubled))
        day += dt.timedelta(days=1)
    return out


@dataclass(frozen=True)
class Quartiles:
    """First quartile, median and third quartile of a set of whole numbers."""

    count: int
    q1: float
    median: float
    q3: float


def _at(ordered: Sequence[tuple[int, int]], rank: int) -> int:
    """The value at 0-based ``rank`` of the sorted values a (value, count) histogram holds."""
    seen = 0
    for value, count in ordered:
        seen += count
        if rank < seen:
            return value
    raise IndexError(rank)


def quartile(ordered: Sequence[tuple[int, int]], total: int, fraction: float) -> float:
    """The ``fraction`` quantile by linear interpolation between the closest ranks (what
    spreadsheets call QUARTILE.INC): position fraction x (n - 1) in the sorted values."""
    position = fraction * (total - 1)
    low = int(position)
    value = _at(ordered, low)
    if position == low:
        return float(value)
    above = _at(ordered, low + 1)
    return value + (above - value) * (position - low)


def quartiles(histogram: Mapping[int, int]) -> Quartiles | None:
    """Q1, median and Q3 of values given as {value: how many}; None when there are none."""
    ordered = sorted((value, count) for value, count in histogram.items() if count > 0)
    total = sum(count for _, count in ordered)
    if not total:
        return None
    return Quartiles(
        total,
        quartile(ordered, total, 0.25),
        quartile(ordered, total, 0.5),
        quartile(ordered, total, 0.75),
    )


def rate(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` as a percentage with one decimal; None when ``whole`` is 0."""
    return None if whole <= 0 else round(100.0 * part / whole, 1)


def band_rank(code: str, total: int) -> int | None:
    """The position of the severity band holding ``total`` (0 the mildest); None for an
    instrument IOPdesk does not score or a total outside its bands."""
    instrument = INSTRUMENTS.get(code)
    if instrument is None:
        return None
    for rank, band in enumerate(instrument.bands):
        if band.contains(total):
            return rank
    return None


def improved_band(code: str, first_total: int, last_total: int) -> bool | None:
    """Whether the last total lies in a milder band than the first (None when unknown)."""
    first, last = band_rank(code, first_total), band_rank(code, last_total)
    if first is None or last is None:
        return None
    return last < first


def is_small(count: int) -> bool:
    """A count a copy for a board or funder hides: 1 to 10 (0 says nothing about anyone)."""
    return 0 < count < SMALL_CELL


def unsigned_cutoff(as_of: dt.date) -> dt.datetime:
    """Notes written before this moment and still unsigned at the end of ``as_of`` are more
    than 72 hours late."""
    end_of_day = dt.datetime.combine(as_of, dt.time(23, 59, 59))
    return end_of_day - dt.timedelta(hours=UNSIGNED_NOTE_HOURS)


def month_key(day: dt.date) -> str:
    """The month a day falls in, as the reports write it: ``2025-03``."""
    return f"{day.year:04d}-{day.month:02d}"
