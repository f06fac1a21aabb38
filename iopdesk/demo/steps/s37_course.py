"""Demo step: the course of care of clients in the program: sobriety dates (some reset after a
return to use) and the program phases they moved through, so the chart header, its Intake tab
and Today's milestones have something to show."""

from __future__ import annotations

import datetime as dt
from typing import Any

from iopdesk.db.models.base import BaseModel
from iopdesk.db.models.care import SobrietyDate
from iopdesk.db.models.course import PhaseChange
from iopdesk.demo import DemoContext
from iopdesk.domain.episode_course import DEFAULT_PHASES

ORDER = 37
BATCH = 4000
AT_INTAKE = "Date given at intake."
RESET_NOTE = "Return to use; new date agreed in session."
#: Weeks after admission a client typically moves on to the next phase (the first on admission).
PHASE_WEEKS = (0, 3, 7, 11)
PHASE_REASONS = ("Admitted to the program.", "Engaged in groups; first plan review done.",
                 "Stable attendance and negative tests.", "Preparing for step-down.")  # fmt: skip


def _insert(model: type[BaseModel], fields: list[Any], rows: list[tuple[object, ...]]) -> None:
    for start in range(0, len(rows), BATCH):
        model.insert_many(rows[start : start + BATCH], fields=fields).execute()


def populate(ctx: DemoContext) -> None:
    rng, sober, phases = ctx.rng, [], []
    for client_id, (episode, status, counselor, admitted) in ctx.clients.items():
        if status != "active" or counselor is None or admitted is None:
            continue
        weeks_in = (ctx.today - admitted).days // 7
        for phase, weeks, reason in zip(DEFAULT_PHASES, PHASE_WEEKS, PHASE_REASONS, strict=True):
            if weeks > weeks_in:
                break
            day = admitted + dt.timedelta(weeks=weeks, days=rng.randint(0, 2) if weeks else 0)
            moment = dt.datetime.combine(min(day, ctx.today), dt.time(15))
            phases.append((client_id, episode, phase, moment.date(), reason, counselor, moment))
        if rng.random() < 0.25:
            continue
        first = admitted - dt.timedelta(days=rng.randint(3, 45))
        set_at = dt.datetime.combine(admitted, dt.time(10))
        note = AT_INTAKE
        if rng.random() < 0.15 and (ctx.today - admitted).days > 14:
            sober.append((client_id, first, AT_INTAKE, counselor, set_at))
            first = admitted + dt.timedelta(days=rng.randint(7, (ctx.today - admitted).days))
            set_at, note = dt.datetime.combine(first, dt.time(11)), RESET_NOTE
        sober.append((client_id, first, note, counselor, set_at))
    _insert(SobrietyDate, [SobrietyDate.client, SobrietyDate.sober_since, SobrietyDate.note,
                           SobrietyDate.set_by, SobrietyDate.set_at], sober)  # fmt: skip
    _insert(PhaseChange, [PhaseChange.client, PhaseChange.episode, PhaseChange.phase,
                          PhaseChange.effective_date, PhaseChange.reason, PhaseChange.decided_by,
                          PhaseChange.recorded_at], phases)  # fmt: skip
    ctx.log(f"  {len(sober)} sobriety dates, {len(phases)} phase changes")
