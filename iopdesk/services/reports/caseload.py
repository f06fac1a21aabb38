"""Caseloads as of the period's last day: active clients, plans due, notes left unsigned."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import peewee as pw

from iopdesk.db.models.attendance import GroupNote, ProgressNote
from iopdesk.db.models.core import Client, Episode, Staff
from iopdesk.db.models.plans import TreatmentPlan
from iopdesk.domain import formats
from iopdesk.domain.report_layout import Chart, Figures, Table, count_text
from iopdesk.domain.report_rules import unsigned_cutoff
from iopdesk.services.context import Actor
from iopdesk.services.permissions import CLINICIAN
from iopdesk.services.reports.access import sees_every_caseload
from iopdesk.services.reports.census import admitted_in
from iopdesk.services.reports.period import ReportPeriod
from iopdesk.services.reports.running import Computed, report_use_cases

NAME = "caseload"
NO_COUNSELOR = "(no counselor assigned)"


@dataclass(frozen=True)
class CaseloadLine:
    """One counselor's caseload."""

    counselor: str
    active_clients: int
    plans_due: int
    notes_unsigned: int


def _active_on(period: ReportPeriod) -> pw.Expression:
    day = period.end
    return (
        admitted_in(period)
        & (Episode.admission_date <= day)
        & (Episode.discharge_date.is_null() | (Episode.discharge_date >= day))
    )


def _per_counselor(query: pw.ModelSelect) -> Counter[int | None]:
    return Counter({counselor: n for counselor, n in query.group_by(Client.counselor).tuples()})


def _unsigned(as_of: dt.date) -> Counter[int]:
    """Notes per author still unsigned at the end of ``as_of``, written over 72 hours before."""
    cutoff = unsigned_cutoff(as_of)
    end = dt.datetime.combine(as_of, dt.time(23, 59, 59))
    counts: Counter[int] = Counter()
    for note in (ProgressNote, GroupNote):
        query = (
            note.select(note.author, pw.fn.COUNT(note.id))
            .where((note.written_at < cutoff) & (note.signed_at.is_null() | (note.signed_at > end)))
            .group_by(note.author)
            .tuples()
        )
        counts.update(dict(query))
    return counts


def caseloads(period: ReportPeriod, actor: Actor) -> list[CaseloadLine]:
    """Every counselor's line (a clinician sees only their own), by name."""
    active = _per_counselor(
        Episode.select(Client.counselor, pw.fn.COUNT(pw.fn.DISTINCT(Episode.client)))
        .join(Client, on=(Episode.client == Client.id))
        .where(_active_on(period))
    )
    plans = _per_counselor(
        TreatmentPlan.select(Client.counselor, pw.fn.COUNT(pw.fn.DISTINCT(TreatmentPlan.episode)))
        .join(Episode, on=(TreatmentPlan.episode == Episode.id))
        .join(Client, on=(Episode.client == Client.id))
        .where(
            _active_on(period)
            & (TreatmentPlan.status != "superseded")
            & (TreatmentPlan.next_review_date <= period.end)
        )
    )
    notes = _unsigned(period.end)
    clinicians = Staff.select().where((Staff.role == CLINICIAN) & Staff.active)
    people = {s.id: s for s in clinicians}
    listed = {sid for sid in (*active, *plans, *notes) if sid is not None} - set(people)
    people.update({s.id: s for s in Staff.select().where(Staff.id.in_(sorted(listed)))})
    lines = [
        CaseloadLine(s.display_name, active[sid], plans[sid], notes[sid])
        for sid, s in people.items()
        if sees_every_caseload(actor) or sid == actor.staff_id
    ]
    lines.sort(key=lambda line: line.counselor.casefold())
    if sees_every_caseload(actor) and (active[None] or plans[None]):
        lines.append(CaseloadLine(NO_COUNSELOR, active[None], plans[None], 0))
    return lines


def _figures(period: ReportPeriod, lines: list[CaseloadLine], board: bool) -> Figures:
    clients = sum(line.active_clients for line in lines)
    plans = sum(line.plans_due for line in lines)
    notes = sum(line.notes_unsigned for line in lines)
    summary = (
        f"As of {formats.show_date(period.end)}: {count_text(clients, board)} active clients, "
        f"{count_text(plans, board)} treatment plans due or overdue for review, "
        f"{count_text(notes, board)} notes unsigned for more than 72 hours.",
    )
    return Figures(
        summary,
        (
            Table(
                "Caseload by counselor",
                ("Counselor", "Active clients", "Plans due or overdue", "Notes unsigned > 72 h"),
                tuple(
                    (line.counselor, line.active_clients, line.plans_due, line.notes_unsigned)
                    for line in lines
                ),
                counts=(1, 2, 3),
            ),
        ),
        (
            Chart(
                "bar",
                "Active clients per counselor",
                tuple(line.counselor.split(",")[0] for line in lines),
                tuple(float(line.active_clients) for line in lines),
                "clients",
            ),
        ),
    )


def _compute(period: ReportPeriod, actor: Actor) -> Computed:
    lines = caseloads(period, actor)
    return Computed(
        lambda board: _figures(period, lines, board),
        [
            (line.counselor, line.active_clients, line.plans_due, line.notes_unsigned)
            for line in lines
        ],
    )


view_caseload, export_caseload = report_use_cases(NAME, _compute)
