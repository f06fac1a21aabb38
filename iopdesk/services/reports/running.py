"""What every report shares: its two audited use cases (view on screen, export a PDF or CSV)
made from the report's one computation, the file name, and the audit detail.

A report module computes its figures once (``Computed``) and gets its use cases with
``report_use_cases``: ``view_<name>`` for the Reports area and ``export_<name>``, the report's
document use case, which renders the PDF or CSV and returns the Printout.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from iopdesk.domain.report_catalog import REPORTS
from iopdesk.domain.report_layout import Figures, for_board
from iopdesk.errors import ValidationError
from iopdesk.reports.csv_export import csv_bytes
from iopdesk.reports.printout import Printout, safe_file_name
from iopdesk.services.admin.clinic import clinic_info
from iopdesk.services.context import Actor, current_actor, describe, use_case
from iopdesk.services.reports.access import require_report
from iopdesk.services.reports.period import ReportPeriod, report_period

FORMATS = {"pdf": "PDF", "csv": "CSV"}
R = TypeVar("R")


@dataclass(frozen=True)
class Computed:
    """A report computed for one period: its figures (``board`` True for the copy with small
    counts hidden) and its CSV rows, in the catalog's column order."""

    figures: Callable[[bool], Figures]
    csv_rows: Sequence[Sequence[object]]


@dataclass(frozen=True)
class ReportView:
    """A report as the Reports area shows it."""

    name: str
    title: str
    period: ReportPeriod
    definition: str
    figures: Figures


Compute = Callable[[ReportPeriod, Actor], Computed]
View = Callable[[Actor, ReportPeriod], ReportView]
Export = Callable[..., Printout[ReportView]]


def file_name(name: str, period: ReportPeriod, file_format: str, *, board: bool = False) -> str:
    """The suggested file name: report, period, program, and who the copy is for."""
    parts = [name, period.start.isoformat(), "to", period.end.isoformat()]
    if period.program:
        parts.append(period.program)
    if board:
        parts.append("board")
    elif REPORTS[name].names_clients and file_format == "csv":
        parts.append("internal-use")
    return f"{safe_file_name('-'.join(parts))}.{file_format}"


def _checked(period: object) -> ReportPeriod:
    if not isinstance(period, ReportPeriod):
        raise ValidationError({"start": "Choose the period the report covers."})
    return report_period(period.start, period.end, period.program)


def _format(file_format: object, board: object) -> str:
    chosen = str(file_format or "").strip().lower().lstrip(".")
    if chosen not in FORMATS:
        raise ValidationError({"format": "Choose a PDF or a CSV file."})
    if board is True and chosen != "pdf":
        raise ValidationError(
            {"format": "Counts are hidden for a board or funder in PDFs only; choose a PDF."}
        )
    return chosen


def _view(name: str, period: ReportPeriod, figures: Figures) -> ReportView:
    info = REPORTS[name]
    return ReportView(name, info.title, period, info.definition, figures)


def _pdf(view: ReportView, actor: Actor, board: bool) -> bytes:
    # ReportLab loads only when a PDF is made: the Reports area opens without it.
    from iopdesk.reports.document import Letterhead
    from iopdesk.reports.program_report import ProgramReport, render_program_report

    info = clinic_info()
    return render_program_report(
        ProgramReport(
            Letterhead(info.name, info.address, info.phone, info.program_label),
            view.title,
            view.period.label,
            view.definition,
            view.figures,
            board,
            dt.date.today(),
            actor.full_name,
        )
    )


def report_use_cases(name: str, compute: Compute) -> tuple[View, Export]:
    """The view and export use cases of the report called ``name``."""
    view_action, export_action = f"report.{name}.view", f"report.{name}.export"
    slug = name.replace("-", "_")

    def view(actor: Actor, period: ReportPeriod) -> ReportView:
        checked = _checked(period)
        computed = compute(checked, actor)
        describe(record_type="report", record_id=name, detail=f"viewed {checked.label}")
        return _view(name, checked, computed.figures(False))

    def export(
        actor: Actor, period: ReportPeriod, file_format: str, *, board: bool = False
    ) -> Printout[ReportView]:
        checked, chosen = _checked(period), _format(file_format, board)
        computed = compute(checked, actor)
        figures = for_board(computed.figures(True)) if board is True else computed.figures(False)
        shown = _view(name, checked, figures)
        if chosen == "pdf":
            content = _pdf(shown, actor, board is True)
            names = figures.names_clients
        else:
            content = csv_bytes(list(REPORTS[name].columns), [list(r) for r in computed.csv_rows])
            names = REPORTS[name].names_clients
        who = "for a board or funder" if board is True else "for internal use"
        describe(
            record_type="report",
            record_id=name,
            detail=f"exported {checked.label} as {FORMATS[chosen]} {who}"
            + ("; names clients" if names else ""),
        )
        return Printout(shown, content, file_name(name, checked, chosen, board=board is True))

    view.__name__ = view.__qualname__ = f"view_{slug}"
    export.__name__ = export.__qualname__ = f"export_{slug}"
    view.__doc__ = f"The {REPORTS[name].title.lower()} report for a period, on screen."
    export.__doc__ = f"The {REPORTS[name].title.lower()} report as a PDF or CSV (audited)."
    return (
        _guarded(name, view_action, use_case(view_action, None, kind="read")(view)),
        _guarded(name, export_action, use_case(export_action, None, kind="read")(export)),
    )


def _guarded(name: str, action: str, case: Callable[..., R]) -> Callable[..., R]:
    """The use case, refused (and the refusal audited) before its transaction opens when
    the person may not see the report: a refusal inside it would roll its audit row back."""

    @functools.wraps(case)
    def run(actor: Actor, *args: object, **kwargs: object) -> R:
        if isinstance(actor, Actor):
            require_report(current_actor(actor), name, action)
        return case(actor, *args, **kwargs)

    return run
