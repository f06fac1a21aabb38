"""Demo step: screenings repeated during the episode of discharged clients (a month in and
near discharge), so outcome reports have first and last totals to compare."""

from __future__ import annotations

import datetime as dt

from peewee import fn

from iopdesk.db.connection import database
from iopdesk.db.models.core import Episode
from iopdesk.db.models.intake import ScreeningResult
from iopdesk.demo import DemoContext
from iopdesk.demo.steps.s30_intake import BATCH, leaning_answers, screening_row
from iopdesk.domain.screenings import INSTRUMENTS

ORDER = 32
REPEATED = ("PHQ9", "GAD7")


def populate(ctx: DemoContext) -> None:
    rng = ctx.rng
    first_id = (ScreeningResult.select(fn.MAX(ScreeningResult.id)).scalar() or 0) + 1
    intake = (
        ScreeningResult.select(ScreeningResult, Episode.discharge_date)
        .join(Episode, on=(ScreeningResult.episode == Episode.id))
        .where(
            (Episode.status == "discharged")
            & ScreeningResult.code.in_(REPEATED)
            & ScreeningResult.assessment.is_null(False)
            & (ScreeningResult.complete == True)  # noqa: E712
        )
    )
    rows = []
    for first in intake.objects():
        left: dt.date = first.discharge_date
        span = (left - first.administered_on).days
        if span < 21:
            continue  # left too soon to screen again
        severity = first.total / INSTRUMENTS[first.code].max_total
        # Most clients who stay improve; some do not.
        later = severity * rng.choice((0.35, 0.5, 0.6, 0.8, 1.0))
        days = [rng.randint(25, 35)] if span > 50 else []
        days.append(span - rng.randint(0, 6))
        for n, offset in enumerate(days, start=1):
            share = severity + (later - severity) * n / len(days)
            answers = leaning_answers(rng, first.code, share)
            rows.append(
                screening_row(
                    first.code, answers, id=first_id + len(rows), client=first.client_id,
                    episode=first.episode_id, assessment=None,
                    administered_on=first.administered_on + dt.timedelta(days=offset),
                    administered_by=first.administered_by_id,
                )
            )  # fmt: skip
    with database.atomic():
        for start in range(0, len(rows), BATCH):
            ScreeningResult.insert_many(rows[start : start + BATCH]).execute()
    ctx.log(f"demo: {len(rows):,} repeat screenings of discharged clients")
