"""The program's expected length: which week of the program a client is in, and who is past it."""

from __future__ import annotations

import datetime as dt

#: The fewest and most weeks a clinic may set as its program's expected length.
SHORTEST_WEEKS = 4
LONGEST_WEEKS = 52


def program_week(admitted: dt.date, on: dt.date) -> int | None:
    """The week of the program ``on`` falls in: the admission day starts week 1 (None before)."""
    if on < admitted:
        return None
    return (on - admitted).days // 7 + 1


def week_label(admitted: dt.date | None, on: dt.date, expected_weeks: int) -> str:
    """ "Week 3 of 12" for the chart header; "" without an admission or before it."""
    week = program_week(admitted, on) if admitted else None
    return f"Week {week} of {expected_weeks}" if week else ""


def past_expected_length(admitted: dt.date, on: dt.date, expected_weeks: int) -> bool:
    """True once the client is in a week beyond the program's expected length."""
    week = program_week(admitted, on)
    return week is not None and week > expected_weeks


def latest_admission_past_length(on: dt.date, expected_weeks: int) -> dt.date:
    """The latest admission date that is past the expected length ``on`` (for one SQL bound):
    past_expected_length(a, on, n) holds exactly when a <= this date."""
    return on - dt.timedelta(weeks=expected_weeks)
