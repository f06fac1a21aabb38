"""The progress notes that addressed each objective of a plan since its last review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iopdesk.db.models.attendance import ProgressNote
from iopdesk.db.models.calendar import Session
from iopdesk.db.models.core import Staff
from iopdesk.db.models.plans import PlanReview, TreatmentPlan
from iopdesk.domain import formats
from iopdesk.services.attendance.note_objectives import plan_objectives, stored_ids
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.plans.records import get_plan


@dataclass(frozen=True)
class AddressingNote:
    """One individual note that said it addressed an objective."""

    note_id: int
    day: dt.date
    session_title: str
    counselor: str  # the note's author
    signed: bool

    @property
    def line(self) -> str:
        """ "11/24/2026 · Relapse Prevention · Casey Tester" (a draft says so)."""
        text = f"{formats.show_date(self.day)} · {self.session_title} · {self.counselor}"
        return text if self.signed else f"{text} (unsigned draft)"


@dataclass(frozen=True)
class ReviewNotes:
    """Per objective of one plan version, the notes addressing it since the last review."""

    #: The last review of the episode's plan (any version); None: every note so far counts.
    since: dt.date | None
    by_objective: dict[int, tuple[AddressingNote, ...]]

    @property
    def since_text(self) -> str:
        """What the notes column's heading says about the period."""
        if self.since is None:
            return "Notes since the plan began"
        return f"Notes since the last review ({formats.show_date(self.since)})"


def addressing_notes(plan: TreatmentPlan) -> ReviewNotes:
    """The notes linked to this version's objectives, on or after the last review's day (a
    note written after a review on the same day belongs to the next one)."""
    since = (
        PlanReview.select(PlanReview.review_date)
        .join(TreatmentPlan)
        .where(TreatmentPlan.episode == plan.episode_id)
        .order_by(PlanReview.review_date.desc())
        .scalar()
    )
    wanted = {o.objective_id for o in plan_objectives(plan.id)}
    query = (
        ProgressNote.select(ProgressNote, Session)
        .join(Session)
        .where((ProgressNote.client == plan.client_id) & (ProgressNote.objective_ids != "[]"))
        .order_by(Session.day, Session.start_time, ProgressNote.id)
    )
    if since is not None:
        query = query.where(Session.day >= since)
    found: dict[int, list[AddressingNote]] = {}
    names: dict[int, str] = {}
    for note in query:
        linked = wanted.intersection(stored_ids(note.objective_ids))
        if not linked:
            continue
        if note.author_id not in names:
            names[note.author_id] = Staff.get_by_id(note.author_id).display_name
        seen = AddressingNote(
            note.id, note.session.day, note.session.title, names[note.author_id],
            note.signed_at is not None,
        )  # fmt: skip
        for objective_id in linked:
            found.setdefault(objective_id, []).append(seen)
    return ReviewNotes(since, {k: tuple(v) for k, v in found.items()})


@use_case("plan.review_notes", "clinical.read", kind="read")
def notes_since_review(actor: Actor, plan_id: int) -> ReviewNotes:
    """For the plan review: which notes addressed each objective since the last review."""
    plan = get_plan(plan_id)
    describe(client_id=plan.client_id, record_type="treatment_plan", record_id=plan.id,
             detail="notes addressing its objectives, for a review")  # fmt: skip
    return addressing_notes(plan)
