"""The Calendar area: going to the clinic's busiest week, whole clinic shown."""

from __future__ import annotations

import datetime as dt

from iopdesk.bench import Case, Step, Trial
from iopdesk.bench.desk import Desk
from iopdesk.gui.calendar.view import CalendarView

#: The Monday of the week with the most sessions in the clinic's history.
_BUSIEST_MONDAY = (
    "SELECT date(day, 'weekday 0', '-6 days') AS monday FROM session "
    "GROUP BY monday ORDER BY COUNT(*) DESC, monday LIMIT 1"
)


def _week_rows(desk: Desk) -> str:
    monday = desk.one(_BUSIEST_MONDAY)
    return (
        "SELECT s.*, c.client_id FROM session s LEFT JOIN session_client c "
        f"ON c.session_id = s.id WHERE s.day BETWEEN '{monday}' AND date('{monday}', '+6 days')"
    )


def _busiest_week(desk: Desk) -> Trial:
    """Go pressed with the busiest week's date -> its sessions painted on the grid."""
    monday = dt.date.fromisoformat(desk.one(_BUSIEST_MONDAY))
    sessions = int(
        desk.one(
            "SELECT COUNT(*) FROM session WHERE day BETWEEN ? AND date(?, '+6 days')",
            monday.isoformat(),
            monday.isoformat(),
        )
    )
    view: CalendarView = desk.main_window().show_area("calendar")  # type: ignore[assignment]

    def before() -> None:
        view.show_combo.setCurrentIndex(view.show_combo.findData("all"))
        view.go_to(monday - dt.timedelta(weeks=1))
        view.go_date.setDate(monday)

    def shown() -> bool:
        return view.grid.days[:1] == [monday] and len(view.grid.placed) == sessions

    return Trial([Step(view.go_button.click, shown, lambda: view.grid)], before)


CASES = [Case("calendar: the busiest week, whole clinic", 100, _busiest_week, _week_rows)]
