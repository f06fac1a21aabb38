"""Plan reviews (progress per objective, changes, the next review date) and the Today list of
plans due or overdue for review."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from iopdesk.db.models.core import Client, Episode, Staff
from iopdesk.db.models.plans import Goal, Objective, PlanReview, Problem, TreatmentPlan
from iopdesk.domain import plans as rules
from iopdesk.domain.validators import choice_field, date_field, optional_text
from iopdesk.errors import Collector, DomainError
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.plans.document import load_document
from iopdesk.services.plans.records import get_plan, review_interval
from iopdesk.services.plans.review_notes import addressing_notes
from iopdesk.services.plans.signing import start_revision


@dataclass(frozen=True)
class ObjectiveProgress:
    """What the review found for one objective."""

    objective_id: int
    status: str
    note: str = ""


@dataclass(frozen=True)
class ReviewOutcome:
    """What recording a review did."""

    review_id: int
    next_review_date: dt.date
    new_plan_id: int | None


@dataclass(frozen=True)
class DueRow:
    """A plan due (within a week) or overdue for review, for Today."""

    plan_id: int
    client_id: int
    client_name: str
    record_number: str
    counselor_id: int | None
    counselor_name: str
    version: int
    status: str
    next_review_date: dt.date
    review_status: str
    label: str
    mine: bool


@use_case("plan.review", "clinical.write", changes=("clinical",))
def record_review(
    actor: Actor,
    plan_id: int,
    progress: list[ObjectiveProgress],
    changes: str = "",
    *,
    review_date: dt.date | str | None = None,
    revise: bool = False,
) -> ReviewOutcome:
    """Record a review of the signed plan and move its next review date forward; with
    ``revise`` the changes start a new draft version carrying the reviewed statuses."""
    plan = get_plan(plan_id)
    if plan.status != rules.SIGNED:
        raise DomainError(
            "Only the signed plan in force is reviewed; "
            + ("sign this version first." if plan.status in rules.EDITABLE
               else "open the current version.")
        )  # fmt: skip
    today = dt.date.today()
    errors = Collector()
    day = date_field(errors, "review_date", review_date or today, "Review date", latest=today)
    if day is not None and day < plan.start_date:
        errors.add("review_date", "The review date cannot be before the plan start.")
    text = optional_text(errors, "changes", changes, "Changes", max_len=20_000, multiline=True)
    if revise and not text:
        errors.add("changes", "Say what changes the new version will make.")
    document = load_document(plan, actor)
    known = {o.id: o for o in document.objectives}
    # Kept with the review as it stood: the notes that addressed each objective since the last.
    addressed = addressing_notes(plan).by_objective
    items = []
    for entry in progress:
        objective = known.get(entry.objective_id)
        if objective is None:
            errors.add("progress", "Progress was given for an objective that is not on this plan.")
            continue
        status = choice_field(errors, "progress", entry.status, f"Status of {objective.number}",
                              rules.OBJECTIVE_STATUSES)  # fmt: skip
        note = optional_text(errors, "progress", entry.note, f"Note on {objective.number}",
                             max_len=4000, multiline=True)  # fmt: skip
        items.append({"objective_id": objective.id, "number": objective.number,
                      "text": objective.text, "status": status, "note": note,
                      "notes": [n.line for n in addressed.get(objective.id, ())]})  # fmt: skip
    errors.raise_if_any()
    assert day is not None
    review = PlanReview.create(plan=plan.id, review_date=day, progress=json.dumps(items),
                               changes=text, by=actor.staff_id)  # fmt: skip
    next_date = rules.next_review_date(plan.start_date, day, review_interval())
    TreatmentPlan.update(next_review_date=next_date).where(TreatmentPlan.id == plan.id).execute()
    new_id = None
    if revise:
        statuses = {int(i["objective_id"]): str(i["status"]) for i in items}
        plan.next_review_date = next_date
        new_id = start_revision(actor, plan, statuses)
    describe(client_id=plan.client_id, record_type="plan_review", record_id=review.id,
             detail=f"review of version {plan.version} on {day.isoformat()}; next review "
             f"{next_date.isoformat()}" + (" ; new version started" if new_id else ""))  # fmt: skip
    return ReviewOutcome(review.id, next_date, new_id)


@use_case("plan.due", "clinical.read", kind="read", audited=False)
def plans_due(
    actor: Actor, counselor_id: int | None = None, today: dt.date | None = None
) -> list[DueRow]:
    """Plans in force due within a week or overdue, for open episodes; the signed-in
    clinician's own clients first, then by date."""
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=rules.DUE_WINDOW_DAYS)
    names = Staff.display_names()
    # From the open episodes (their index): going from the plans' status would read every
    # signed plan of twenty years, decrypting its pages, on the first sign-in of the day.
    open_episodes = Episode.select(Episode.id).where(Episode.discharge_date.is_null())
    # Only the columns the list shows: each row read is decoded, and a large clinic has many.
    query = (
        TreatmentPlan.select(TreatmentPlan.id, TreatmentPlan.client, TreatmentPlan.counselor,
                             TreatmentPlan.version, TreatmentPlan.status,
                             TreatmentPlan.next_review_date, Client.legal_first_name,
                             Client.legal_last_name, Client.record_number)
        .join(Client, on=(TreatmentPlan.client == Client.id))
        .where(
            (TreatmentPlan.next_review_date <= horizon)
            & TreatmentPlan.episode.in_(open_episodes)
            & (
                (TreatmentPlan.status == rules.SIGNED)
                | (TreatmentPlan.status.in_([rules.DRAFT, rules.PARTIALLY_SIGNED])
                   & TreatmentPlan.previous.is_null())
            )
        )
    )  # fmt: skip
    if counselor_id is not None:
        query = query.where(TreatmentPlan.counselor == counselor_id)
    rows = [
        DueRow(
            plan_id, client_id, f"{first} {last}", record_number, counselor,
            names.get(counselor, "(no counselor)") if counselor else "(no counselor)",
            version, status, due, rules.review_status(due, today),
            rules.review_label(due, today), counselor == actor.staff_id,
        )
        for plan_id, client_id, counselor, version, status, due, first, last, record_number
        in query.tuples()
    ]  # fmt: skip
    rows.sort(key=lambda r: (not r.mine, r.counselor_name, r.next_review_date, r.client_name))
    return rows


def objective_ids(plan_id: int) -> list[int]:
    """The plan's objective ids in printed order (for building a review form)."""
    return [
        o.id
        for o in Objective.select(Objective.id)
        .join(Goal).join(Problem)
        .where(Problem.plan == plan_id)
        .order_by(Problem.position, Goal.position, Objective.position)
    ]  # fmt: skip
