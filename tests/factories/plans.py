"""Test factories for treatment plans (content built through the real plan services)."""

from __future__ import annotations

import datetime as dt

from iopdesk.services.context import Actor
from iopdesk.services.plans import editing as plans_editing
from iopdesk.services.plans import records as plans
from iopdesk.services.plans import signing as plans_signing

TODAY = dt.date.today()


def write_plan(
    actor: Actor,
    client_id: int,
    *,
    problems: int = 1,
    objectives: int = 1,
    start: dt.date | None = None,
) -> int:
    """A complete, unsigned plan: each problem with one goal, ``objectives`` objectives each
    with one intervention. Returns the plan id."""
    plan_id = plans.create_plan(actor, client_id, start_date=start)
    doc = plans.open_plan(actor, plan_id)
    plans.edit_header(
        actor,
        plan_id,
        plans.PlanHeaderForm(
            "Alcohol use disorder, moderate", "F10.20", doc.level_of_care,
            doc.counselor_id, doc.start_date,
        ),
    )  # fmt: skip
    for p in range(1, problems + 1):
        problem = plans_editing.add_problem(actor, plan_id, f"Problem statement {p}", 5)
        goal = plans_editing.add_goal(actor, problem, f"I want to stay sober ({p})")
        for o in range(1, objectives + 1):
            objective = plans_editing.add_objective(
                actor,
                goal,
                plans_editing.ObjectiveForm(
                    f"Objective {p}-{o}: name three triggers", doc.start_date + dt.timedelta(30)
                ),
            )
            plans_editing.add_intervention(
                actor,
                objective,
                plans_editing.InterventionForm("group", "CBT", "3 times a week", actor.staff_id),
            )
    return plan_id


def sign_fully(clinician: Actor, supervisor: Actor, plan_id: int) -> str:
    """Client (recorded by the clinician), counselor, then supervisor sign."""
    plans_signing.sign_plan(clinician, plan_id, "client", on_paper=True)
    plans_signing.sign_plan(clinician, plan_id, "counselor")
    return plans_signing.sign_plan(supervisor, plan_id, "supervisor")
