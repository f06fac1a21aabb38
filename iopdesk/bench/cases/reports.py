"""Program reports: Show pressed on the Reports screen for the last full year -> the report's
tables filled and painted (QUALITY.md: at most 1 s on the large clinic)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from iopdesk.bench import Case, Step, Trial
from iopdesk.bench.desk import Desk
from iopdesk.domain.report_catalog import REPORTS
from iopdesk.gui.reports.screen import ReportsScreen

BUDGET_MS = 1000


def _case(name: str) -> Case:
    def trial(desk: Desk) -> Trial:
        screen: ReportsScreen = desk.main_window("administrator").show_area("reports")  # type: ignore[assignment]
        today = dt.date.today()
        first = today - dt.timedelta(days=364)

        def before() -> None:
            screen.report.setCurrentIndex(screen.report.findData(name))
            screen.start.setDate(QDate(first.year, first.month, first.day))
            screen.end.setDate(QDate(today.year, today.month, today.day))
            screen._show(None)  # the last run's figures cleared, as a new choice does

        def shown() -> bool:
            return screen.view is not None and screen.view.name == name

        return Trial([Step(screen.show_button.click, shown, lambda: screen.tabs)], before)

    title = f"report: {REPORTS[name].title.lower()} (a year, Show to tables)"
    # A report reads every record of its period: it grows with the clinic (no 1.5x ratio).
    return Case(title, BUDGET_MS, trial, scaled=False)


CASES = [_case(name) for name in REPORTS]
