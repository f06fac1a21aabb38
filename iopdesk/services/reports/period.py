"""The period (and program) a report covers, checked before any figure is computed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iopdesk.domain import formats
from iopdesk.domain.report_rules import MAX_PERIOD_DAYS
from iopdesk.domain.validators import date_field
from iopdesk.errors import Collector
from iopdesk.services.admin.clinic import PROGRAMS


@dataclass(frozen=True)
class ReportPeriod:
    """From ``start`` to ``end`` inclusive; ``program`` "" for every program."""

    start: dt.date
    end: dt.date
    program: str = ""

    @property
    def label(self) -> str:
        """How a printout names the period, its dates as the clinic shows them:
        ``01/01/2025 to 12/31/2025 · Adult IOP``."""
        program = PROGRAMS.get(self.program, "All programs")
        return f"{formats.show_date(self.start)} to {formats.show_date(self.end)} · {program}"


def report_period(start: object, end: object, program: object = "") -> ReportPeriod:
    """A checked period: real dates, the end not before the start, at most twenty years, and a
    known program (or none for every program)."""
    errors = Collector()
    first = date_field(errors, "start", start, "From date")
    last = date_field(errors, "end", end, "To date")
    chosen = "" if program in (None, "") else str(program).strip().lower()
    if chosen and chosen not in PROGRAMS:
        errors.add("program", f"Choose a program: {' or '.join(PROGRAMS)} (or none for all).")
    if first is not None and last is not None:
        if last < first:
            errors.add("end", "The period must end on or after the day it starts.")
        elif (last - first).days >= MAX_PERIOD_DAYS:
            errors.add("end", "A report covers at most twenty years; choose a shorter period.")
    errors.raise_if_any()
    assert first is not None and last is not None
    return ReportPeriod(first, last, chosen)
