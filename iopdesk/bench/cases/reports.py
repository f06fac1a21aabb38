"""Program reports: each one computed for the last full year (QUALITY.md: at most 1 s on the
large clinic), as the Reports area's Show does."""

from __future__ import annotations

import datetime as dt

from iopdesk.bench import BenchCase
from iopdesk.domain.report_catalog import REPORTS
from iopdesk.services.reports.period import ReportPeriod
from iopdesk.services.reports.registry import view_report

BUDGET_MS = 1000


def _last_year() -> ReportPeriod:
    today = dt.date.today()
    return ReportPeriod(today - dt.timedelta(days=364), today)


def _case(name: str) -> BenchCase:
    def run(actors) -> None:
        view_report(actors["administrator"], name, _last_year())

    title = f"report: {REPORTS[name].title.lower()} (a year)"
    return BenchCase(title, BUDGET_MS, run, grows_with_data=True)


CASES = [_case(name) for name in REPORTS]
