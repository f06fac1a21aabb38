"""What discharge needs from the other areas: attendance, screenings, drug tests, objectives.

Plain helpers (no permission check, no transaction of their own): the discharge use cases
call them inside their transaction. Each reads another area's tables read-only; changes to
other areas go through that area's own helper (calendar.cancel_future_for_client).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

import peewee as pw

from iopdesk.db.models.attendance import Attendance, DrugTest, DrugTestResult
from iopdesk.db.models.calendar import Session
from iopdesk.db.models.core import Episode
from iopdesk.db.models.intake import ScreeningResult
from iopdesk.db.models.plans import Goal, Objective, Problem, TreatmentPlan
from iopdesk.domain import formats
from iopdesk.domain.aftercare import (
    ATTENDED,
    DrugTestSummary,
    ObjectiveSummary,
    ScreeningChange,
    drug_test_outcome,
    screening_change,
)
from iopdesk.services.attendance.notes import unsigned_notes
from iopdesk.services.calendar import cancel_future_for_client


def latest_episode(client_id: int) -> Episode | None:
    """The client's current (highest-numbered) episode of care."""
    return (
        Episode.select().where(Episode.client == client_id).order_by(Episode.number.desc()).first()
    )


@dataclass(frozen=True)
class AttendanceTotals:
    """Recorded sessions, attended sessions and minutes over a date range."""

    recorded: int = 0
    attended: int = 0
    minutes: int = 0


def attendance_totals(client_id: int, start: dt.date, end: dt.date) -> AttendanceTotals:
    """Attendance recorded for the client at sessions (not cancelled) between two dates."""
    att = Attendance
    attended = pw.Case(None, [(att.status.in_(sorted(ATTENDED)), 1)], 0)
    minutes = pw.Case(None, [(att.status.in_(sorted(ATTENDED)), att.minutes)], 0)
    row = (
        att.select(
            pw.fn.COUNT(att.id).alias("recorded"),
            pw.fn.SUM(attended).alias("attended"),
            pw.fn.SUM(minutes).alias("minutes"),
        )
        .join(Session, on=(att.session == Session.id))
        .where(
            (att.client == client_id)
            & (Session.day >= start)
            & (Session.day <= end)
            & (Session.status != "cancelled")
        )
        .dicts()
        .get()
    )
    return AttendanceTotals(
        int(row["recorded"] or 0), int(row["attended"] or 0), int(row["minutes"] or 0)
    )


def screening_changes(
    client_id: int, episode_id: int, start: dt.date | None, end: dt.date
) -> tuple[ScreeningChange, ...]:
    """First and last complete score per instrument given during the episode."""
    sr = ScreeningResult
    query = sr.select().where(
        (sr.client == client_id)
        & (sr.administered_on <= end)
        & (sr.complete == True)  # noqa: E712 - Peewee expression
        & ((sr.episode == episode_id) | sr.episode.is_null())
    )
    # Screenings given at intake belong to the episode even though they precede admission.
    if start is not None:
        query = query.where((sr.episode == episode_id) | (sr.administered_on >= start))
    by_code: dict[str, list[tuple[dt.date, int, str]]] = defaultdict(list)
    for row in query.order_by(sr.administered_on, sr.id):
        if row.total is None:
            continue
        by_code[row.code].append((row.administered_on, int(row.total), row.band or ""))
    changes = [screening_change(code, scores) for code, scores in sorted(by_code.items())]
    return tuple(c for c in changes if c is not None)


def drug_test_summary(client_id: int, start: dt.date | None, end: dt.date) -> DrugTestSummary:
    """Tests collected during the episode, by outcome (an explained positive is not a relapse)."""
    test, result = DrugTest, DrugTestResult
    query = test.select().where((test.client == client_id) & (test.collected_on <= end))
    if start is not None:
        query = query.where(test.collected_on >= start)
    tests = list(query.order_by(test.collected_on, test.id))
    if not tests:
        return DrugTestSummary()
    results: dict[int, list] = defaultdict(list)
    for r in result.select().where(result.test.in_([t.id for t in tests])):
        results[r.test_id].append(r)
    outcomes: Counter[str] = Counter()
    substances: list[str] = []
    last_unexplained = ""
    for t in tests:
        rows = results[t.id]
        bad = [r for r in rows if r.result == "positive" and not r.explained_by_prescription]
        explained = sum(1 for r in rows if r.result == "positive" and r.explained_by_prescription)
        invalid = sum(1 for r in rows if r.result == "invalid")
        outcomes[drug_test_outcome(len(bad), explained, invalid)] += 1
        if bad:
            last_unexplained = t.collected_on.isoformat()
            substances += [r.substance for r in bad if r.substance not in substances]
    return DrugTestSummary(
        tests=len(tests),
        negative=outcomes["negative"],
        unexplained_positive=outcomes["unexplained"],
        explained_positive=outcomes["explained"],
        invalid=outcomes["invalid"],
        positive_substances=tuple(substances),
        last_test_on=tests[-1].collected_on.isoformat(),
        last_unexplained_positive_on=last_unexplained,
    )


def objective_summary(episode_id: int) -> ObjectiveSummary:
    """Objectives of the episode's latest treatment-plan version, grouped by status."""
    plan_model, problem, goal, objective = TreatmentPlan, Problem, Goal, Objective
    plan = (
        plan_model.select()
        .where(plan_model.episode == episode_id)
        .order_by(plan_model.version.desc())
        .first()
    )
    if plan is None:
        return ObjectiveSummary()
    rows = (
        objective.select(objective, goal, problem)
        .join(goal, on=(objective.goal == goal.id))
        .join(problem, on=(goal.problem == problem.id))
        .where(problem.plan == plan.id)
        .order_by(problem.position, goal.position, objective.position)
    )
    met, not_met, discontinued = [], [], []
    for obj in rows:
        status = (obj.status or "").lower()
        target = met if status == "met" else discontinued if status == "discontinued" else not_met
        target.append(obj.text)
    return ObjectiveSummary(tuple(met), tuple(not_met), tuple(discontinued))


def unsigned_notes_for(client_id: int) -> list[str]:
    """A line per unsigned note about the client (the notes service decides which)."""
    return [_describe_note(n) for n in unsigned_notes(client_id)]


def _describe_note(note: object) -> str:
    if isinstance(note, str):
        return note
    kind = "Group note" if getattr(note, "kind", "") == "group" else "Progress note"
    title = getattr(note, "title", "") or "session"
    day = formats.show_date(getattr(note, "day", None))
    author = getattr(note, "author_name", "")
    return f"{kind}, {title} on {day}" + (f" (by {author})" if author else "")


def cancel_future_sessions(client_id: int, from_date: dt.date, reason: str) -> int:
    """Cancel the client's individual/family bookings from ``from_date``; returns how many."""
    return int(cancel_future_for_client(client_id, from_date, reason) or 0)
