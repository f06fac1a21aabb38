"""Sobriety dates: days sober, and the milestones a clinic celebrates (30, 60, 90 and 180 days,
then every anniversary)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: The day counts celebrated in the first year; after it, every anniversary of the date.
DAY_MILESTONES = (30, 60, 90, 180)


@dataclass(frozen=True)
class Milestone:
    """A milestone and the day it falls on."""

    label: str
    on: dt.date


def days_sober(since: dt.date, on: dt.date) -> int:
    """Whole days since the sobriety date (0 on the date itself)."""
    return max((on - since).days, 0)


def sober_line(since: dt.date, on: dt.date, shown_since: str) -> str:
    """ "Sober since 03/02/2026 · 92 days" (``shown_since`` is the date as the clinic writes it)."""
    days = days_sober(since, on)
    return f"Sober since {shown_since} · {days} day{'' if days == 1 else 's'}"


def anniversary(since: dt.date, years: int) -> dt.date:
    """The date ``years`` after ``since`` (a 29 February date is kept on 28 February)."""
    try:
        return since.replace(year=since.year + years)
    except ValueError:
        return since.replace(year=since.year + years, day=28)


def milestone_between(since: dt.date, first: dt.date, last: dt.date) -> Milestone | None:
    """The milestone falling between ``first`` and ``last`` (both included), if any."""
    for days in DAY_MILESTONES:
        day = since + dt.timedelta(days=days)
        if first <= day <= last:
            return Milestone(f"{days} days", day)
    years = max(last.year - since.year, 1)
    for n in (years - 1, years):
        if n < 1:
            continue
        yearly = anniversary(since, n)
        if first <= yearly <= last:
            return Milestone("1 year" if n == 1 else f"{n} years", yearly)
    return None
