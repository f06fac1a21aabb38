"""How a treatment plan reads: one plan version and everything under it, as the
``PlanDocument`` the editor shows and the printer renders (problems, lettered goals, objectives
with their progress, interventions, signatures, reviews)."""

from __future__ import annotations

import datetime as dt
import json

from iopdesk.db.models.core import Client, Staff
from iopdesk.db.models.plans import (
    Goal,
    Intervention,
    Objective,
    PlanReview,
    PlanSignature,
    Problem,
    TreatmentPlan,
)
from iopdesk.domain import plans as rules
from iopdesk.reports.treatment_plan import (
    GoalView,
    InterventionView,
    ObjectiveProgressView,
    ObjectiveView,
    PlanDocument,
    ProblemView,
    ReviewView,
    SignatureView,
)
from iopdesk.services.admin.clinic import clinic_info
from iopdesk.services.context import Actor


def load_document(plan: TreatmentPlan, actor: Actor) -> PlanDocument:
    """Read one plan version and everything under it (a handful of queries, any plan size)."""
    client = Client.get_by_id(plan.client_id)
    staff_names = Staff.display_names()
    problems = list(Problem.select().where(Problem.plan == plan.id).order_by(Problem.position))
    goals = (
        list(
            Goal.select()
            .where(Goal.problem.in_([p.id for p in problems]))
            .order_by(Goal.problem, Goal.position)
        )
        if problems
        else []
    )
    objectives = (
        list(
            Objective.select()
            .where(Objective.goal.in_([g.id for g in goals]))
            .order_by(Objective.goal, Objective.position)
        )
        if goals
        else []
    )
    interventions = (
        list(
            Intervention.select()
            .where(Intervention.objective.in_([o.id for o in objectives]))
            .order_by(Intervention.objective, Intervention.position)
        )
        if objectives
        else []
    )
    by_objective: dict[int, list[InterventionView]] = {}
    for i in interventions:
        by_objective.setdefault(i.objective_id, []).append(
            InterventionView(
                i.id, i.modality, i.approach, i.description, i.frequency, i.responsible_id,
                staff_names.get(i.responsible_id, "") if i.responsible_id else "", i.row_version,
            )
        )  # fmt: skip
    objectives_by_goal: dict[int, list[Objective]] = {}
    for o in objectives:
        objectives_by_goal.setdefault(o.goal_id, []).append(o)
    goals_by_problem: dict[int, list[Goal]] = {}
    for g in goals:
        goals_by_problem.setdefault(g.problem_id, []).append(g)
    problem_views = []
    for p_number, p in enumerate(problems, start=1):
        k = 0
        goal_views = []
        for g_index, g in enumerate(goals_by_problem.get(p.id, [])):
            objective_views = []
            for o in objectives_by_goal.get(g.id, []):
                k += 1
                objective_views.append(
                    ObjectiveView(
                        o.id, rules.objective_number(p_number, k), o.text, o.target_date,
                        o.status, rules.OBJECTIVE_STATUSES.get(o.status, o.status),
                        tuple(by_objective.get(o.id, [])), o.row_version,
                    )
                )  # fmt: skip
            goal_views.append(
                GoalView(g.id, _letter(g_index), g.text, tuple(objective_views), g.row_version)
            )
        problem_views.append(
            ProblemView(
                p.id, p_number, p.statement, p.asam_dimension, tuple(goal_views), p.row_version
            )
        )
    signatures = tuple(
        SignatureView(s.role, s.signer_name, s.signed_on, s.on_paper)
        for s in PlanSignature.select().where(PlanSignature.plan == plan.id)
    )
    reviews = tuple(
        ReviewView(
            r.id, r.review_date, staff_names.get(r.by_id, ""), r.changes,
            tuple(
                ObjectiveProgressView(**{**item, "notes": tuple(item.get("notes", ()))})
                for item in json.loads(r.progress or "[]")
            ),
        )
        for r in PlanReview.select()
        .where(PlanReview.plan == plan.id)
        .order_by(PlanReview.review_date, PlanReview.id)
    )  # fmt: skip
    latest = (
        TreatmentPlan.select(TreatmentPlan.version)
        .where(TreatmentPlan.episode == plan.episode_id)
        .order_by(TreatmentPlan.version.desc())
        .scalar()
    )
    info = clinic_info()
    return PlanDocument(
        plan_id=plan.id,
        client_id=client.id,
        episode_id=plan.episode_id,
        version=plan.version,
        status=plan.status,
        clinic_name=info.name,
        clinic_address=info.address,
        clinic_phone=info.phone,
        program_label=info.program_label,
        client_name=client.full_name,
        preferred_name=client.preferred_name,
        date_of_birth=client.date_of_birth,
        record_number=client.record_number,
        level_of_care=plan.level_of_care,
        diagnosis=plan.diagnosis,
        icd10_code=plan.icd10_code,
        counselor_id=plan.counselor_id,
        counselor_name=staff_names.get(plan.counselor_id, "") if plan.counselor_id else "",
        start_date=plan.start_date,
        next_review_date=plan.next_review_date,
        version_date=plan.created_at.date(),
        latest_version=int(latest or plan.version),
        problems=tuple(problem_views),
        signatures=signatures,
        reviews=reviews,
        printed_on=dt.date.today(),
        printed_by=actor.full_name,
        row_version=plan.row_version,
    )


def _letter(index: int) -> str:
    """Goals are lettered A, B, ... Z, AA... under their problem."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
