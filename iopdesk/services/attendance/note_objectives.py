"""Plan objectives a progress note addresses: the choices, the rule, and how a link reads.

A note links objectives of the client's plan in force: the signed version of their open
episode. Before the first version is signed there is nothing to link (a draft's objectives
can still be removed). When a new version is signed, the older one is superseded: notes keep
their links to its objectives, which stay readable with the version they came from, while new
links go to the new version. An unsigned note may keep a link it already had to a superseded
version (so saving a draft's text never fails over a plan change), and a signed note's links are
frozen with it.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from iopdesk.db.models.core import Client, Episode
from iopdesk.db.models.plans import Goal, Objective, Problem, TreatmentPlan
from iopdesk.domain import plans as rules
from iopdesk.errors import Collector
from iopdesk.services.attendance.session_facts import client_label, get_client
from iopdesk.services.context import Actor, use_case

FIELD = "objectives"


@dataclass(frozen=True)
class PlanObjective:
    """One objective as a note's picker and a note's reader show it."""

    objective_id: int
    number: str  # "1.2", as the printed plan numbers it
    text: str
    status: str  # open | met | revised | discontinued
    problem: str  # "1. Alcohol use is putting my job at risk"
    goal: str
    plan_id: int
    plan_version: int
    superseded: bool  # its version has since been replaced by a newer signed one
    client_id: int  # whose plan it is

    @property
    def label(self) -> str:
        """ "1.2 Name three triggers" with its status when not open and, on a superseded
        version, the version it belongs to."""
        text = f"{self.number} {self.text}"
        if self.status != "open":
            text += f" ({rules.OBJECTIVE_STATUSES.get(self.status, self.status).lower()})"
        if self.superseded:
            text += f" – plan version {self.plan_version}, since superseded"
        return text


@dataclass(frozen=True)
class NoteObjectiveChoices:
    """What a note for this client can link: the plan in force's objectives, in plan order."""

    plan_version: int | None
    objectives: tuple[PlanObjective, ...]
    #: Why there is nothing to choose ("" when there is).
    message: str


def plan_in_force(client_id: int) -> TreatmentPlan | None:
    """The signed plan of the client's open episode (None before one is signed)."""
    return (
        TreatmentPlan.select()
        .join(Episode, on=(TreatmentPlan.episode == Episode.id))
        .where(
            (TreatmentPlan.client == client_id)
            & (TreatmentPlan.status == rules.SIGNED)
            & Episode.discharge_date.is_null()
        )
        .order_by(Episode.number.desc())
        .first()
    )


def _objectives(where: object) -> list[PlanObjective]:
    """Objectives (of one plan or the given ids) numbered as their plan prints them."""
    query = (
        Objective.select(Objective, Goal, Problem, TreatmentPlan)
        .join(Goal)
        .join(Problem)
        .join(TreatmentPlan)
        .where(where)
        .order_by(TreatmentPlan.id, Problem.position, Goal.position, Objective.position)
    )
    rows = list(query)
    plans = sorted({o.goal.problem.plan_id for o in rows})
    problems = _problem_numbers(plans)
    numbers = _objective_numbers(plans, problems)
    return [
        PlanObjective(
            o.id, numbers[o.id], o.text, o.status,
            f"{problems[o.goal.problem_id]}. {o.goal.problem.statement}", o.goal.text,
            o.goal.problem.plan_id, o.goal.problem.plan.version,
            o.goal.problem.plan.status == rules.SUPERSEDED, o.goal.problem.plan.client_id,
        )
        for o in rows
    ]  # fmt: skip


def _problem_numbers(plans: Sequence[int]) -> dict[int, int]:
    """Problem id -> its printed number within its plan."""
    query = (
        Problem.select(Problem.id, Problem.plan)
        .where(Problem.plan.in_(plans))
        .order_by(Problem.plan, Problem.position)
    )
    numbers: dict[int, int] = {}
    counted: dict[int, int] = {}
    for p in query:
        counted[p.plan_id] = counted.get(p.plan_id, 0) + 1
        numbers[p.id] = counted[p.plan_id]
    return numbers


def _objective_numbers(plans: Sequence[int], problems: dict[int, int]) -> dict[int, str]:
    """Objective id -> "1.2" for every objective of these plans: numbers count across all
    goals of a problem, so whole problems are read, not only the objectives asked for."""
    query = (
        Objective.select(Objective.id, Goal.problem)
        .join(Goal)
        .join(Problem)
        .where(Problem.plan.in_(plans))
        .order_by(Problem.plan, Problem.position, Goal.position, Objective.position)
    )
    counted: dict[int, int] = {}
    numbers: dict[int, str] = {}
    for o in query:
        problem = o.goal.problem_id
        counted[problem] = counted.get(problem, 0) + 1
        numbers[o.id] = rules.objective_number(problems[problem], counted[problem])
    return numbers


def plan_objectives(plan_id: int) -> list[PlanObjective]:
    """Every objective of one plan version, numbered (for the plan review)."""
    return _objectives(Problem.plan == plan_id)


def linked_objectives(ids: Iterable[int]) -> dict[int, PlanObjective]:
    """The objectives notes point at, by id, whichever version they belong to."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {o.objective_id: o for o in _objectives(Objective.id.in_(wanted))}


@use_case("notes.objectives", "clinical.read", kind="read", audited=False)
def note_objective_choices(actor: Actor, client_id: int) -> NoteObjectiveChoices:
    """The objectives a note for this client can address (the plan content is read when the
    note is opened, which the session's notes already audit)."""
    client = get_client(client_id)
    plan = plan_in_force(client_id)
    if plan is None:
        return NoteObjectiveChoices(
            None,
            (),
            f"{client_label(client)} has no signed treatment plan yet; objectives can be "
            "linked once the plan is signed.",
        )
    objectives = tuple(_objectives(Problem.plan == plan.id))
    message = "" if objectives else "The plan in force has no objectives."
    return NoteObjectiveChoices(plan.version, objectives, message)


def check_objectives(
    errors: Collector, client: Client, chosen: Sequence[int], kept: Collection[int]
) -> list[int]:
    """The chosen objective ids if each is on the client's plan in force (or already linked
    on this draft, ``kept``); otherwise a sentence under the objectives field."""
    wanted = sorted(set(chosen))
    if any(value <= 0 for value in wanted):
        errors.add(FIELD, "Choose objectives from the client's treatment plan.")
        return []
    new = [value for value in wanted if value not in kept]
    if not new:
        return wanted
    plan = plan_in_force(client.id)
    name = client_label(client)
    if plan is None:
        errors.add(
            FIELD,
            f"{name} has no signed treatment plan yet, so the note cannot address its "
            "objectives; leave them unticked until the plan is signed.",
        )
        return []
    on_plan = {
        o.id
        for o in Objective.select(Objective.id)
        .join(Goal)
        .join(Problem)
        .where((Problem.plan == plan.id) & Objective.id.in_(new))
    }
    strangers = [value for value in new if value not in on_plan]
    if strangers:
        older = (
            Objective.select()
            .join(Goal)
            .join(Problem)
            .join(TreatmentPlan)
            .where(Objective.id.in_(strangers) & (TreatmentPlan.client == client.id))
            .exists()
        )
        errors.add(
            FIELD,
            f"An objective chosen is from an earlier version of {name}'s treatment plan; "
            f"choose from version {plan.version}, the plan in force."
            if older
            else f"An objective chosen is not on {name}'s treatment plan; "
            "choose from the objectives listed.",
        )
        return []
    return wanted


def stored_ids(text: str) -> tuple[int, ...]:
    """A note's stored objective ids (JSON) as a tuple."""
    return tuple(int(value) for value in json.loads(text or "[]"))
