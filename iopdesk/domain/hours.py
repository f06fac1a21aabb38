"""Hours attended: the one home for minutes rules, ISO weeks and the weekly IOP minimum."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

#: Session kinds that count as core IOP services towards the weekly minimum.
CORE_KINDS = frozenset({"group", "individual", "family"})
#: Billing (HCPCS H0015) counts a day only when the client attended at least 3 hours.
DAY_MINIMUM_MINUTES = 180
ABSENT_STATUSES = frozenset({"absent_excused", "absent_unexcused"})
ATTENDED_STATUSES = frozenset({"present", "late", "left_early"})
#: Came but not for the whole session: minutes must be typed, strictly inside the session.
PARTIAL_STATUSES = {"late": "Arrived late", "left_early": "Left early"}


def week_start(day: dt.date) -> dt.date:
    """The Monday of the ISO week (Monday to Sunday) that holds ``day``."""
    return day - dt.timedelta(days=day.weekday())


def week_days(day: dt.date) -> tuple[dt.date, dt.date]:
    """First (Monday) and last (Sunday) day of the ISO week holding ``day``."""
    monday = week_start(day)
    return monday, monday + dt.timedelta(days=6)


def session_minutes(start: dt.time, end: dt.time) -> int:
    """The length of a same-day session in whole minutes (0 when the end is not after start)."""
    span = dt.datetime.combine(dt.date(2000, 1, 1), end) - dt.datetime.combine(
        dt.date(2000, 1, 1), start
    )
    return max(0, int(span.total_seconds() // 60))


def default_minutes(status: str, length: int) -> int | None:
    """What the sheet may fill in by itself: the whole session for present, 0 for the absent.

    Late and left early have no default (None): only the counselor knows how long the client
    stayed, and the full length would inflate weekly hours and the 3-hour billing day.
    """
    if status in ABSENT_STATUSES:
        return 0
    return None if status in PARTIAL_STATUSES else length


def minutes_problem(status: str, minutes: int, length: int) -> str | None:
    """Why ``minutes`` cannot be recorded for this status and session length (None when fine)."""
    if minutes < 0:
        return "Minutes attended cannot be negative."
    if minutes > length:
        return f"Minutes attended cannot be more than the session's {length} minutes."
    if status in ABSENT_STATUSES and minutes != 0:
        return "An absent client attended 0 minutes; choose Present, Late or Left early instead."
    if status in PARTIAL_STATUSES and 0 < minutes < length:
        return None
    if status in PARTIAL_STATUSES:
        return (
            f"{PARTIAL_STATUSES[status]}: type the minutes actually attended, more than 0 and "
            f"less than the session's {length} minutes (or choose Present if they stayed it all)."
        )
    if status in ATTENDED_STATUSES and minutes == 0:
        return "Someone who came attended more than 0 minutes; mark them absent instead."
    return None


def minimum_minutes(minimum_hours: int) -> int:
    """The weekly minimum in minutes (9 hours adults, 6 adolescents)."""
    return minimum_hours * 60


@dataclass(frozen=True)
class WeekHours:
    """One client's core-service minutes in one ISO week, with the flags the clinic needs."""

    week_start: dt.date
    minutes: int
    minimum_minutes: int
    minutes_by_day: tuple[tuple[dt.date, int], ...]

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)

    @property
    def below_minimum(self) -> bool:
        return self.minutes < self.minimum_minutes

    @property
    def short_days(self) -> tuple[dt.date, ...]:
        """Days the client attended something, but under 3 hours in total."""
        return tuple(d for d, m in self.minutes_by_day if 0 < m < DAY_MINIMUM_MINUTES)

    @property
    def days_attended(self) -> int:
        return sum(1 for _, m in self.minutes_by_day if m > 0)

    @property
    def full_days(self) -> int:
        """Days of at least 3 hours (the days billing counts)."""
        return sum(1 for _, m in self.minutes_by_day if m >= DAY_MINIMUM_MINUTES)


def weekly_hours(
    entries: Iterable[tuple[dt.date, int]], minimum_hours: int
) -> dict[dt.date, WeekHours]:
    """Group (day, minutes) attendance entries into ISO weeks keyed by their Monday."""
    by_day: dict[dt.date, int] = defaultdict(int)
    for day, minutes in entries:
        by_day[day] += max(0, int(minutes))
    weeks: dict[dt.date, list[tuple[dt.date, int]]] = defaultdict(list)
    for day in sorted(by_day):
        weeks[week_start(day)].append((day, by_day[day]))
    floor = minimum_minutes(minimum_hours)
    return {
        monday: WeekHours(monday, sum(m for _, m in days), floor, tuple(days))
        for monday, days in sorted(weeks.items())
    }


def hours_text(minutes: int) -> str:
    """Minutes as the clinic says them: ``7 h 30 min``, ``45 min``, ``9 h``."""
    hours, rest = divmod(max(0, minutes), 60)
    if hours and rest:
        return f"{hours} h {rest:02d} min"
    return f"{hours} h" if hours else f"{rest} min"


def attendance_rate(statuses: Iterable[str]) -> float | None:
    """Share of recorded sessions the client came to (present, late or left early)."""
    recorded = attended = 0
    for status in statuses:
        recorded += 1
        attended += status in ATTENDED_STATUSES
    return None if recorded == 0 else attended / recorded
