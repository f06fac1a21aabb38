"""Signing a plan (client, counselor, then clinical supervisor) and revising a frozen one."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.base import now
from iopdesk.db.models.core import Client, Staff
from iopdesk.db.models.plans import (
    Goal,
    Intervention,
    Objective,
    PlanSignature,
    Problem,
    TreatmentPlan,
)
from iopdesk.domain import formats
from iopdesk.domain import plans as rules
from iopdesk.domain.validators import date_field
from iopdesk.errors import Collector, DomainError, ValidationError
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.plans.records import get_plan


def signing_gaps(plan: TreatmentPlan) -> list[str]:
    """What must be completed before anyone signs this version."""
    problems = list(Problem.select().where(Problem.plan == plan.id).order_by(Problem.position))
    goals = list(Goal.select().where(Goal.problem.in_([p.id for p in problems])).order_by(
        Goal.position)) if problems else []  # fmt: skip
    objectives = list(Objective.select().where(Objective.goal.in_([g.id for g in goals])).order_by(
        Objective.position)) if goals else []  # fmt: skip
    counts: dict[int, int] = {}
    if objectives:
        for i in Intervention.select(Intervention.objective).where(
            Intervention.objective.in_([o.id for o in objectives])
        ):
            counts[i.objective_id] = counts.get(i.objective_id, 0) + 1
    tree = [
        [
            [counts.get(o.id, 0) for o in objectives if o.goal_id == g.id]
            for g in goals
            if g.problem_id == p.id
        ]
        for p in problems
    ]
    return rules.plan_gaps(tree, bool(plan.diagnosis.strip() or plan.icd10_code.strip()))


@use_case("plan.sign", "clinical.sign", changes=("clinical",))
def sign_plan(
    actor: Actor,
    plan_id: int,
    role: str,
    *,
    signed_on: dt.date | str | None = None,
    on_paper: bool = False,
) -> str:
    """Record one signature; returns the plan's new status ("signed" once all three are on).

    The client's signature is recorded by the clinician present (in person or on paper);
    the counselor and supervisor sign as themselves.
    """
    plan = get_plan(plan_id)
    if plan.status not in rules.EDITABLE:
        raise DomainError(
            f"Version {plan.version} is already {rules.PLAN_STATUSES[plan.status].lower()}; "
            "revise it to make a new version to sign."
        )
    errors = Collector()
    today = dt.date.today()
    day = date_field(errors, "signed_on", signed_on or today, "Signature date",
                     latest=today)  # fmt: skip
    if day is not None and day < plan.start_date:
        errors.add("signed_on", f"The signature date cannot be before the plan start "
                   f"({formats.show_date(plan.start_date)}).")  # fmt: skip
    errors.raise_if_any()
    gaps = signing_gaps(plan)
    if gaps:
        raise DomainError("The plan is not ready to sign: " + " ".join(gaps))
    staff = Staff.get_by_id(actor.staff_id)
    existing = {
        s.role: s.signer_id for s in PlanSignature.select().where(PlanSignature.plan == plan.id)
    }
    refusal = rules.signing_refusal(
        role,
        existing,
        signer_id=staff.id,
        signer_is_clinician=staff.role == "clinician" and staff.active,
        signer_is_supervisor=bool(staff.is_supervisor),
    )
    if refusal:
        raise ValidationError({"role": refusal})
    if role == rules.CLIENT:
        client = Client.get_by_id(plan.client_id)
        signer, name = None, client.full_name
    else:
        signer, name = staff.id, staff.display_name
    PlanSignature.create(
        plan=plan.id, role=role, signer=signer, signer_name=name, signed_on=day,
        on_paper=bool(on_paper) and role == rules.CLIENT, recorded_by=actor.staff_id,
    )  # fmt: skip
    status = rules.status_after_signatures([*existing, role])
    plan.status = status
    if status == rules.SIGNED:
        plan.signed_at = now()
        # The newly frozen version becomes the plan of record; older ones stay readable.
        TreatmentPlan.update(status=rules.SUPERSEDED).where(
            (TreatmentPlan.episode == plan.episode_id)
            & (TreatmentPlan.id != plan.id)
            & (TreatmentPlan.status == rules.SIGNED)
        ).execute()
    plan.save()
    paper = " (on paper)" if on_paper and role == rules.CLIENT else ""
    describe(client_id=plan.client_id, record_type="treatment_plan", record_id=plan.id,
             detail=f"{role} signed version {plan.version}{paper}; now {status}")  # fmt: skip
    return status


def copy_plan(plan: TreatmentPlan, actor: Actor, statuses: dict[int, str] | None = None) -> int:
    """Copy a version's content into a new draft version (objective statuses may change)."""
    statuses = statuses or {}
    newest = (
        TreatmentPlan.select(TreatmentPlan.version)
        .where(TreatmentPlan.episode == plan.episode_id)
        .order_by(TreatmentPlan.version.desc())
        .scalar()
    )
    copy = TreatmentPlan.create(
        client=plan.client_id, episode=plan.episode_id, version=int(newest) + 1,
        status=rules.DRAFT, diagnosis=plan.diagnosis, icd10_code=plan.icd10_code,
        level_of_care=plan.level_of_care, counselor=plan.counselor_id,
        start_date=plan.start_date, next_review_date=plan.next_review_date, previous=plan.id,
        created_by=actor.staff_id,
    )  # fmt: skip
    for p in Problem.select().where(Problem.plan == plan.id).order_by(Problem.position):
        p_new = Problem.create(plan=copy.id, position=p.position, statement=p.statement,
                               asam_dimension=p.asam_dimension)  # fmt: skip
        for g in Goal.select().where(Goal.problem == p.id).order_by(Goal.position):
            g_new = Goal.create(problem=p_new.id, position=g.position, text=g.text)
            for o in Objective.select().where(Objective.goal == g.id).order_by(Objective.position):
                o_new = Objective.create(goal=g_new.id, position=o.position, text=o.text,
                                         target_date=o.target_date,
                                         status=statuses.get(o.id, o.status))  # fmt: skip
                rows = [
                    {"objective": o_new.id, "position": i.position, "modality": i.modality,
                     "approach": i.approach, "description": i.description,
                     "frequency": i.frequency, "responsible": i.responsible_id}
                    for i in Intervention.select().where(Intervention.objective == o.id)
                ]  # fmt: skip
                if rows:
                    Intervention.insert_many(rows).execute()
    return copy.id


def open_revision(plan: TreatmentPlan) -> TreatmentPlan | None:
    """A newer draft (or partly signed) version of the same episode already being written."""
    return (
        TreatmentPlan.select()
        .where(
            (TreatmentPlan.episode == plan.episode_id)
            & (TreatmentPlan.version > plan.version)
            & TreatmentPlan.status.in_(list(rules.EDITABLE))
        )
        .first()
    )


def start_revision(actor: Actor, plan: TreatmentPlan, statuses: dict[int, str] | None) -> int:
    """The shared part of revise_plan and a review that makes changes."""
    if plan.status == rules.SUPERSEDED:
        raise DomainError(
            f"Version {plan.version} has been replaced by a newer version; revise the current "
            "version instead."
        )
    if plan.status != rules.SIGNED:
        raise DomainError(
            f"Version {plan.version} is not signed yet, so it can still be changed directly; "
            "there is no need to revise it."
        )
    pending = open_revision(plan)
    if pending is not None:
        raise DomainError(
            f"Version {pending.version} is already being written from this plan; open it and "
            "continue there."
        )
    return copy_plan(plan, actor, statuses)


@use_case("plan.revise", "clinical.write", changes=("clinical",))
def revise_plan(actor: Actor, plan_id: int) -> int:
    """Make a new draft version from a signed one (the signed one stays in force until the new
    version is fully signed); returns the new version's id."""
    plan = get_plan(plan_id)
    new_id = start_revision(actor, plan, None)
    describe(client_id=plan.client_id, record_type="treatment_plan", record_id=new_id,
             detail=f"version {plan.version} revised into a new draft version")  # fmt: skip
    return new_id
