"""The billing worksheet: IOP days (one H0015 unit each), individual and family sessions with
the clinic's codes, and each client's payer."""

from __future__ import annotations

from collections import Counter, defaultdict

import peewee as pw

from iopdesk.db.models.attendance import Attendance
from iopdesk.db.models.calendar import Session
from iopdesk.db.models.clients import Insurance
from iopdesk.db.models.core import Client
from iopdesk.domain.hours import CORE_KINDS, DAY_MINIMUM_MINUTES
from iopdesk.domain.report_layout import Chart, Figures, Table, count_text
from iopdesk.services.context import Actor
from iopdesk.services.reports.attendance import attended
from iopdesk.services.reports.billing_codes import LABELS, BillingCodes, current_codes
from iopdesk.services.reports.period import ReportPeriod
from iopdesk.services.reports.running import Computed, report_use_cases
from iopdesk.services.reports.sql import as_date, day_text, raw_rows

NAME = "billing"
SESSION_KINDS = ("individual", "family")
IOP_DAY, INDIVIDUAL, FAMILY = "IOP day", "Individual session", "Family session"
SERVICES = {"iop_day": IOP_DAY, "individual": INDIVIDUAL, "family": FAMILY}
NO_PAYER = "none on file"
#: One worksheet line: record number, date (ISO), minutes, code, units, payer (the CSV's
#: columns in order), then the service. A year of a large clinic has some 70,000 of them,
#: so they stay plain tuples.
Line = tuple[str, str, int, str, int, str, str]


def _attendance(period: ReportPeriod, kinds: tuple[str, ...]) -> pw.ModelSelect:
    return (
        Attendance.select(Attendance.client, Client.record_number, day_text(Session.day))
        .join(Session, on=(Attendance.session == Session.id))
        .switch(Attendance)
        .join(Client, on=(Attendance.client == Client.id))
        .where(attended(period) & Session.kind.in_(sorted(kinds)))
    )


def _iop_days(period: ReportPeriod) -> list[tuple[int, str, str, int]]:
    """(client, record number, day, minutes) for each day with at least 180 minutes of core
    services: HCPCS H0015 counts a day of 3 hours (domain/hours.DAY_MINIMUM_MINUTES)."""
    minutes = pw.fn.SUM(Attendance.minutes)
    query = (
        _attendance(period, tuple(CORE_KINDS))
        .select_extend(minutes)
        .group_by(Attendance.client, Client.record_number, Session.day)
        .having(minutes >= DAY_MINIMUM_MINUTES)
    )
    return raw_rows(query)  # type: ignore[return-value]


def _sessions(period: ReportPeriod) -> list[tuple[int, str, str, int, str]]:
    """(client, record number, day, minutes, kind) of each individual or family session
    attended (more than 0 minutes)."""
    query = _attendance(period, SESSION_KINDS).select_extend(Attendance.minutes, Session.kind)
    return raw_rows(query.where(Attendance.minutes > 0))  # type: ignore[return-value]


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


def billing_lines(period: ReportPeriod, codes: BillingCodes) -> list[Line]:
    """The worksheet's lines for the period, by date and record number, the IOP day first."""
    payers = _payers(period)
    lines: list[Line] = [
        (number, day, minutes, codes.iop_day, 1, payers.get(client, NO_PAYER), IOP_DAY)
        for client, number, day, minutes in _iop_days(period)
    ]
    lines += [
        (number, day, minutes, getattr(codes, kind), 1, payers.get(client, NO_PAYER),
         SERVICES[kind])
        for client, number, day, minutes, kind in _sessions(period)
    ]  # fmt: skip
    order = {IOP_DAY: 0, INDIVIDUAL: 1, FAMILY: 2}
    lines.sort(key=lambda line: (line[1], line[0], order[line[6]]))
    return lines


def _figures(lines: list[Line], codes: BillingCodes, board: bool) -> Figures:
    services = Counter(line[6] for line in lines)
    per_month = Counter(line[1][:7] for line in lines if line[6] == IOP_DAY)
    per_payer: dict[str, Counter[str]] = defaultdict(Counter)
    for line in lines:
        per_payer[line[5]][line[6]] += 1
    clients = len({line[0] for line in lines if line[6] == IOP_DAY})
    legend = "; ".join(
        f"{label}: {getattr(codes, key) or 'no code set'}" for key, label in LABELS.items()
    )
    summary = (
        f"{count_text(services[IOP_DAY], board)} IOP days of at least 3 hours "
        f"({codes.iop_day} units) for {count_text(clients, board)} clients; "
        f"{count_text(services[INDIVIDUAL], board)} individual and "
        f"{count_text(services[FAMILY], board)} family sessions.",
        f"Codes: {legend}.",
    )
    return Figures(
        summary,
        (
            Table(
                "Worksheet",
                ("Record number", "Date", "Minutes", "Code", "Units", "Payer", "Service"),
                tuple((line[0], as_date(line[1]), *line[2:]) for line in lines),
                names_clients=True,
            ),
            Table(
                "By payer",
                ("Payer", "IOP days", "Individual sessions", "Family sessions"),
                tuple(
                    (payer, c[IOP_DAY], c[INDIVIDUAL], c[FAMILY])
                    for payer, c in sorted(per_payer.items())
                ),
                counts=(1, 2, 3),
            ),
        ),
        (
            Chart(
                "bar",
                f"IOP days ({codes.iop_day} units) per month",
                tuple(sorted(per_month)),
                tuple(float(per_month[month]) for month in sorted(per_month)),
                "units",
            ),
        ),
    )


def _compute(period: ReportPeriod, actor: Actor) -> Computed:
    codes = current_codes()
    lines = billing_lines(period, codes)
    return Computed(lambda board: _figures(lines, codes, board), [line[:6] for line in lines])


view_billing, export_billing = report_use_cases(NAME, _compute)
