"""Calendar figures: open the week, page to the next one, a client's schedule, the week PDF."""

from __future__ import annotations

import datetime as dt

from iopdesk.bench import BenchCase
from iopdesk.db.models.calendar import SessionClient
from iopdesk.services import calendar as cal

_WEEK_SQL = (
    "SELECT s.*, c.client_id FROM session s LEFT JOIN session_client c ON c.session_id = s.id "
    "WHERE s.day BETWEEN date('now', 'weekday 1', '-7 day') AND date('now', 'weekday 1', "
    "'-1 day')"
)


def _monday(weeks: int = 0) -> dt.date:
    today = dt.date.today()
    return today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=weeks)


def _booked_client() -> int:
    row = SessionClient.select(SessionClient.client).order_by(SessionClient.id.desc()).first()
    return row.client_id


def _open_week(actors) -> None:
    """The Calendar area opening on this week for the whole clinic (conflicts computed)."""
    cal.week(actors["front_desk"], _monday())
    cal.closed_days_between(_monday(), _monday() + dt.timedelta(days=6))


def _next_week(actors) -> None:
    cal.week(actors["front_desk"], _monday(1))
    cal.closed_days_between(_monday(1), _monday(1) + dt.timedelta(days=6))


def _my_week(actors) -> None:
    actor = actors["clinician"]
    cal.week(actor, _monday(), cal.CalendarFilter(counselor_id=actor.staff_id))


def _client_schedule(actors) -> None:
    """The chart's Schedule tab: the next 8 weeks and scheduled hours for 4 weeks."""
    client_id = _booked_client()
    today = dt.date.today()
    cal.sessions_for_client(actors["clinician"], client_id, today, today + dt.timedelta(weeks=8))
    cal.scheduled_hours_per_week(actors["clinician"], client_id, _monday(), 4)


def _week_pdf(actors) -> None:
    cal.print_week(actors["clinician"], _monday())


CASES = [
    BenchCase("calendar: open this week (whole clinic)", 100, _open_week, floor_sql=_WEEK_SQL),
    BenchCase("calendar: page to next week", 100, _next_week),
    BenchCase("calendar: my schedule (one counselor)", 100, _my_week),
    BenchCase("chart: client's upcoming sessions + hours", 100, _client_schedule),
    BenchCase("calendar: week PDF (whole clinic)", 500, _week_pdf, repeat=3),
]
