"""Every program report by name: where the Reports area and ``iopdesk report`` find them."""

from __future__ import annotations

from iopdesk.domain.report_catalog import REPORTS
from iopdesk.errors import NotFound
from iopdesk.reports.printout import Printout
from iopdesk.services.context import Actor
from iopdesk.services.reports import (
    admissions,
    attendance,
    billing,
    caseload,
    census,
    discharges,
    follow_ups,
    outcomes,
    teds,
)
from iopdesk.services.reports.access import reports_for
from iopdesk.services.reports.period import ReportPeriod
from iopdesk.services.reports.running import Export, ReportView, View

USE_CASES: dict[str, tuple[View, Export]] = {
    "census": (census.view_census, census.export_census),
    "admissions": (admissions.view_admissions, admissions.export_admissions),
    "discharges": (discharges.view_discharges, discharges.export_discharges),
    "length-of-stay": (discharges.view_length_of_stay, discharges.export_length_of_stay),
    "attendance": (attendance.view_attendance, attendance.export_attendance),
    "outcomes": (outcomes.view_outcomes, outcomes.export_outcomes),
    "follow-ups": (follow_ups.view_follow_ups, follow_ups.export_follow_ups),
    "billing": (billing.view_billing, billing.export_billing),
    "teds": (teds.view_teds, teds.export_teds),
    "caseload": (caseload.view_caseload, caseload.export_caseload),
}
assert list(USE_CASES) == list(REPORTS), "every report in the catalog has its use cases"


def _use_cases(name: str) -> tuple[View, Export]:
    if not isinstance(name, str) or name not in USE_CASES:
        raise NotFound(f"There is no report called {name!r}. Choose one of: {', '.join(REPORTS)}.")
    return USE_CASES[name]


def view_report(actor: Actor, name: str, period: ReportPeriod) -> ReportView:
    """Run the report called ``name`` for the screen (its audited view use case)."""
    return _use_cases(name)[0](actor, period)


def export_report(
    actor: Actor, name: str, period: ReportPeriod, file_format: str, *, board: bool = False
) -> Printout[ReportView]:
    """Export the report called ``name`` as a PDF or CSV (its audited document use case)."""
    return _use_cases(name)[1](actor, period, file_format, board=board)


def available_reports(actor: Actor) -> list[str]:
    """The reports ``actor`` may run, in the catalog's order."""
    return reports_for(actor)
