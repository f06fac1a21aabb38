"""The SAMHSA TEDS extract: admission (A) and discharge (D) records for the period, their
codes derived at export from the raw state reporting answers."""

from __future__ import annotations

from collections.abc import Sequence

import peewee as pw

from iopdesk.db.models.aftercare import Discharge
from iopdesk.db.models.core import Client, Episode
from iopdesk.db.models.intake import IntakeAssessment
from iopdesk.db.models.teds import TedsAdmission, TedsDischarge
from iopdesk.domain import teds
from iopdesk.domain.report_layout import Chart, Figures, Table, count_text, percent_text
from iopdesk.domain.report_rules import rate
from iopdesk.services.context import Actor
from iopdesk.services.reports.census import admitted_in
from iopdesk.services.reports.discharges import discharged_in
from iopdesk.services.reports.period import ReportPeriod
from iopdesk.services.reports.running import Computed, report_use_cases
from iopdesk.services.reports.sql import as_date, raw_rows

NAME = "teds"
Record = dict[str, object]
_ADMISSION_ANSWERS = [getattr(TedsAdmission, q.key) for q in teds.ADMISSION]
_DISCHARGE_ANSWERS = [getattr(TedsDischarge, q.key) for q in teds.DISCHARGE]


def _with_admission_answers(query: pw.ModelSelect) -> pw.ModelSelect:
    """Join the answers of each episode's newest signed intake (none: every answer empty)."""
    newest = (
        IntakeAssessment.select(
            IntakeAssessment.episode.alias("episode_id"),
            pw.fn.MAX(IntakeAssessment.id).alias("assessment_id"),
        )
        .where(IntakeAssessment.status == "signed")
        .group_by(IntakeAssessment.episode)
        .alias("newest")
    )
    return query.join_from(
        Episode, newest, pw.JOIN.LEFT_OUTER, on=(newest.c.episode_id == Episode.id)
    ).join_from(
        Episode,
        TedsAdmission,
        pw.JOIN.LEFT_OUTER,
        on=(TedsAdmission.assessment == newest.c.assessment_id),
    )


def _answers(values: Sequence[object], questions: tuple[teds.Question, ...]) -> dict[str, str]:
    return {q.key: str(v) for q, v in zip(questions, values, strict=True) if v}


def _facts(row: Sequence[object], discharged: bool = False) -> teds.EpisodeFacts:
    """An episode's facts from the first columns of a row: record number, episode number,
    date of birth, admission date, and for a discharge its date and type."""
    number, episode, born, admitted = row[:4]
    return teds.EpisodeFacts(
        str(number),
        int(str(episode)),
        as_date(born),
        as_date(admitted) if admitted else None,
        as_date(row[4]) if discharged and row[4] else None,
        str(row[5] or "") if discharged else "",
    )


def admission_records(period: ReportPeriod) -> list[Record]:
    """A record for each episode admitted in the period."""
    query = _with_admission_answers(
        Episode.select(
            Client.record_number,
            Episode.number,
            Client.date_of_birth,
            Episode.admission_date,
            *_ADMISSION_ANSWERS,
        ).join(Client, on=(Episode.client == Client.id))
    ).where(admitted_in(period) & Episode.admission_date.between(period.start, period.end))
    size = len(_ADMISSION_ANSWERS)
    return [
        teds.record("A", _facts(row), _answers(row[4 : 4 + size], teds.ADMISSION))
        for row in raw_rows(query.order_by(Episode.admission_date, Client.record_number))
    ]


def discharge_records(period: ReportPeriod) -> list[Record]:
    """D record for each signed discharge dated in the period."""
    query = (
        _with_admission_answers(
            Discharge.select(
                Client.record_number,
                Episode.number,
                Client.date_of_birth,
                Episode.admission_date,
                Discharge.discharge_date,
                Discharge.discharge_type,
                *_ADMISSION_ANSWERS,
                *_DISCHARGE_ANSWERS,
            )
            .join(Episode, on=(Discharge.episode == Episode.id))
            .join(Client, on=(Episode.client == Client.id))
        )
        .join_from(
            Discharge,
            TedsDischarge,
            pw.JOIN.LEFT_OUTER,
            on=(TedsDischarge.discharge == Discharge.id),
        )
        .where(discharged_in(period))
    )
    first, size = 6, len(_ADMISSION_ANSWERS)
    return [
        teds.record(
            "D",
            _facts(row, discharged=True),
            _answers(row[first : first + size], teds.ADMISSION),
            _answers(row[first + size :], teds.DISCHARGE),
        )
        for row in raw_rows(query.order_by(Discharge.discharge_date, Client.record_number))
    ]


def _completeness(records: list[Record]) -> list[tuple[str, int, int, int, str]]:
    """Per TEDS field: records carrying it, coded, coded -9, and the -9 share."""
    rows = []
    for field in (*teds.ADMISSION_FIELDS, *teds.DISCHARGE_FIELDS):
        carried = [r[field] for r in records if r[field] != ""]
        missing = sum(1 for value in carried if value == teds.MISSING)
        share = percent_text(rate(missing, len(carried)))
        rows.append((field, len(carried), len(carried) - missing, missing, share))
    return rows


def _figures(records: list[Record], board: bool) -> Figures:
    admissions = sum(1 for r in records if r["RECTYPE"] == "A")
    complete = _completeness(records)
    gaps = [row for row in complete if row[3]]
    summary = (
        f"{count_text(admissions, board)} admission records (A) and "
        f"{count_text(len(records) - admissions, board)} discharge records (D).",
        f"{len(gaps)} of {len(complete)} TEDS fields have records coded -9 (missing, unknown "
        "or not applicable); the table below shows where answers are missing.",
    )
    return Figures(
        summary,
        (
            Table(
                "Records",
                teds.COLUMNS,
                tuple(tuple(r[c] for c in teds.COLUMNS) for r in records),  # type: ignore[misc]
                names_clients=True,
                printed=False,
            ),
            Table(
                "Completeness by TEDS field",
                ("TEDS field", "Records", "Coded", "Coded -9", "Share coded -9"),
                tuple(complete),
                counts=(1, 2, 3),
                derived=(4,),
            ),
        ),
        (
            Chart(
                "bar",
                "Share of records coded -9, by field",
                tuple(row[0] for row in gaps),
                tuple(rate(row[3], row[1]) for row in gaps),
                "%",
                counts=False,
            ),
        ),
    )


def _compute(period: ReportPeriod, actor: Actor) -> Computed:
    records = admission_records(period) + discharge_records(period)
    return Computed(
        lambda board: _figures(records, board),
        [[r[c] for c in teds.COLUMNS] for r in records],
    )


view_teds, export_teds = report_use_cases(NAME, _compute)
