"""The billing worksheet: IOP days (one H0015 unit each), individual and family sessions with
the clinic's codes, and each client's payer."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

import peewee as pw

from iopdesk.db.models.attendance import Attendance
from iopdesk.db.models.calendar import Session
from iopdesk.db.models.clients import Insurance
from iopdesk.db.models.core import Client
from iopdesk.domain.hours import CORE_KINDS, DAY_MINIMUM_MINUTES
from iopdesk.domain.report_layout import Chart, Figures, Table, count_text
from iopdesk.domain.report_rules import month_key
from iopdesk.services.context import Actor
from iopdesk.services.reports.attendance import attended
from iopdesk.services.reports.billing_codes import LABELS, BillingCodes, current_codes
from iopdesk.services.reports.period import ReportPeriod
from iopdesk.services.reports.running import Computed, report_use_cases
from iopdesk.services.reports.sql import as_date

NAME = "billing"
SESSION_KINDS = ("individual", "family")
SERVICES = {"iop_day": "IOP day", "individual": "Individual session", "family": "Family session"}
NO_PAYER = "none on file"


@dataclass(frozen=True)
class BillingLine:
    """One line of the worksheet: an IOP day, or one individual or family session."""

    record_number: str
    day: dt.date
    minutes: int
    kind: str  # iop_day | individual | family
    code: str
    units: int
    payer: str


def _iop_days(period: ReportPeriod) -> list[tuple[int, str, dt.date, int]]:
    """(client, record number, day, minutes) for each day with at least 180 minutes of core
    services: HCPCS H0015 counts a day of 3 hours (domain/hours.DAY_MINIMUM_MINUTES)."""
    minutes = pw.fn.SUM(Attendance.minutes)
    query = (
        Attendance.select(Attendance.client, Client.record_number, Session.day, minutes)
        .join(Session, on=(Attendance.session == Session.id))
        .switch(Attendance)
        .join(Client, on=(Attendance.client == Client.id))
        .where(attended(period) & Session.kind.in_(sorted(CORE_KINDS)))
        .group_by(Attendance.client, Client.record_number, Session.day)
        .having(minutes >= DAY_MINIMUM_MINUTES)
        .tuples()
    )
    return [(c, number, as_date(day), int(m)) for c, number, day, m in query]


def _sessions(period: ReportPeriod) -> list[tuple[int, str, dt.date, int, str]]:
    """(client, record number, day, minutes, kind) of each individual or family session
    attended (more than 0 minutes)."""
    query = (
        Attendance.select(
            Attendance.client, Client.record_number, Session.day, Attendance.minutes, Session.kind
        )
        .join(Session, on=(Attendance.session == Session.id))
        .switch(Attendance)
        .join(Client, on=(Attendance.client == Client.id))
        .where(attended(period) & Session.kind.in_(SESSION_KINDS) & (Attendance.minutes > 0))
        .tuples()
    )
    return [(c, number, as_date(day), m, kind) for c, number, day, m, kind in query]


def _payers(period: ReportPeriod) -> dict[int, str]:
    """Each client's payer: the newest active insurance, else the newest one on file."""
    clients = (
        Attendance.select(Attendance.client)
        .join(Session, on=(Attendance.session == Session.id))
        .where(attended(period))
    )
    best: dict[int, tuple[bool, int, str]] = {}
    query = Insurance.select(
        Insurance.client, Insurance.active, Insurance.id, Insurance.payer
    ).where(Insurance.client.in_(clients))
    for client, active, row_id, payer in query.tuples():
        candidate = (bool(active), row_id, payer)
        if client not in best or candidate > best[client]:
            best[client] = candidate
    return {client: payer for client, (_, _, payer) in best.items()}


def billing_lines(period: ReportPeriod) -> list[BillingLine]:
    """The worksheet's lines for the period, by date and record number."""
    codes = current_codes()
    payers = _payers(period)
    lines = [
        BillingLine(number, day, minutes, "iop_day", codes.iop_day, 1, payers.get(client, NO_PAYER))
        for client, number, day, minutes in _iop_days(period)
    ]
    lines += [
        BillingLine(
            number, day, minutes, kind, getattr(codes, kind), 1, payers.get(client, NO_PAYER)
        )
        for client, number, day, minutes, kind in _sessions(period)
    ]
    order = {"iop_day": 0, "individual": 1, "family": 2}
    return sorted(lines, key=lambda line: (line.day, line.record_number, order[line.kind]))


def _figures(lines: list[BillingLine], codes: BillingCodes, board: bool) -> Figures:
    kinds = Counter(line.kind for line in lines)
    days = [line for line in lines if line.kind == "iop_day"]
    per_month = Counter(month_key(line.day) for line in days)
    per_payer: dict[str, Counter[str]] = defaultdict(Counter)
    for line in lines:
        per_payer[line.payer][line.kind] += 1
    legend = "; ".join(
        f"{label}: {getattr(codes, key) or 'no code set'}" for key, label in LABELS.items()
    )
    summary = (
        f"{count_text(kinds['iop_day'], board)} IOP days of at least 3 hours "
        f"({codes.iop_day} units) for {count_text(len({d.record_number for d in days}), board)} "
        f"clients; {count_text(kinds['individual'], board)} individual and "
        f"{count_text(kinds['family'], board)} family sessions.",
        f"Codes: {legend}.",
    )
    return Figures(
        summary,
        (
            Table(
                "Worksheet",
                ("Record number", "Date", "Minutes", "Code", "Units", "Service", "Payer"),
                tuple(
                    (
                        line.record_number,
                        line.day,
                        line.minutes,
                        line.code or "(no code)",
                        line.units,
                        SERVICES[line.kind],
                        line.payer,
                    )
                    for line in lines
                ),
                names_clients=True,
            ),
            Table(
                "By payer",
                ("Payer", "IOP days", "Individual sessions", "Family sessions"),
                tuple(
                    (payer, c["iop_day"], c["individual"], c["family"])
                    for payer, c in sorted(per_payer.items())
                ),
                counts=(1, 2, 3),
            ),
        ),
        (
            Chart(
                "bar",
                f"IOP days ({codes.iop_day} units) per month",
                tuple(per_month),
                tuple(float(n) for n in per_month.values()),
                "units",
            ),
        ),
    )


def _compute(period: ReportPeriod, actor: Actor) -> Computed:
    lines, codes = billing_lines(period), current_codes()
    return Computed(
        lambda board: _figures(lines, codes, board),
        [
            (
                line.record_number,
                line.day.isoformat(),
                line.minutes,
                line.code,
                line.units,
                line.payer,
            )
            for line in lines
        ],
    )


view_billing, export_billing = report_use_cases(NAME, _compute)
