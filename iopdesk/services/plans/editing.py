"""Writing a plan: add, edit, move and remove problems, goals, objectives and interventions.

Every change goes through ``require_editable``: a signed version is frozen (the person is told
to revise it), and a partly signed version loses its signatures when its content changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import peewee as pw

from iopdesk.db.models.core import Staff
from iopdesk.db.models.plans import Goal, Intervention, Objective, Problem, TreatmentPlan
from iopdesk.domain import plans as rules
from iopdesk.domain.validators import (
    MAX_SHORT,
    choice_field,
    date_field,
    optional_text,
    required_text,
)
from iopdesk.errors import Collector, DomainError, NotFound, ValidationError
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.plans.records import get_plan, require_editable, staff_name
from iopdesk.services.versions import claim

MAX_STATEMENT = 2000
KINDS = ("problem", "goal", "objective", "intervention")


@dataclass(frozen=True)
class ObjectiveForm:
    """A measurable objective: what, by when, and where it stands."""

    text: str
    target_date: dt.date | str | None
    status: str = "open"
    #: The objective's version when read (``ObjectiveView.row_version``); None when new.
    row_version: int | None = None


@dataclass(frozen=True)
class InterventionForm:
    """What staff will do: modality, approach, how often, who is responsible."""

    modality: str
    approach: str
    frequency: str
    responsible_id: int | None = None
    description: str = ""
    #: The intervention's version when read (``InterventionView.row_version``); None when new.
    row_version: int | None = None


_MODELS: dict[str, type[pw.Model]] = {
    "problem": Problem,
    "goal": Goal,
    "objective": Objective,
    "intervention": Intervention,
}
_PARENT_FIELD = {"problem": "plan", "goal": "problem", "objective": "goal",
                 "intervention": "objective"}  # fmt: skip


def _node(kind: str, item_id: int) -> pw.Model:
    if not isinstance(kind, str) or kind not in _MODELS:
        raise DomainError(
            f"A plan item is a problem, goal, objective or intervention; {kind!r} is none of "
            "these, so nothing was changed."
        )
    row = _MODELS[kind].get_or_none(_MODELS[kind].id == item_id)
    if row is None:
        raise NotFound(f"That {kind} is no longer on the plan; it may have been removed.")
    return row


def plan_of(kind: str, row: pw.Model) -> TreatmentPlan:
    """The plan version a problem, goal, objective or intervention belongs to."""
    while kind != "problem":
        parent_kind = KINDS[KINDS.index(kind) - 1]
        row = _node(parent_kind, getattr(row, f"{_PARENT_FIELD[kind]}_id"))
        kind = parent_kind
    return get_plan(row.plan_id)


def _next_position(kind: str, parent_id: int) -> int:
    model = _MODELS[kind]
    parent = getattr(model, _PARENT_FIELD[kind])
    top = model.select(pw.fn.MAX(model.position)).where(parent == parent_id).scalar()
    return int(top or 0) + 1


def _done(plan: TreatmentPlan, kind: str, item_id: int, verb: str, note: str) -> None:
    describe(client_id=plan.client_id, record_type=f"plan_{kind}", record_id=item_id,
             detail=f"{kind} {verb} in plan {plan.id} version {plan.version}{note}")  # fmt: skip


def _claim(
    actor: Actor,
    plan: TreatmentPlan,
    kind: str,
    row: pw.Model,
    expected: int | None,
    values: dict[str, object],
    fields: Callable[[dict[str, object]], dict[str, str]],
) -> None:
    """The version check of an item edit: both sides shown through ``fields``."""
    claim(
        row,
        expected,
        actor,
        what=kind,
        mine=fields(values),
        # The stored values as saved (a foreign key as its id, like the form's).
        shown=lambda stored: fields({name: stored.__data__.get(name) for name in values}),
        client_id=plan.client_id,
    )


def _problem_values(statement: str, asam_dimension: int | None) -> dict[str, object]:
    errors = Collector()
    text = required_text(errors, "statement", statement, "Problem statement",
                         max_len=MAX_STATEMENT, multiline=True)  # fmt: skip
    if asam_dimension not in (None, *rules.ASAM_DIMENSIONS):
        errors.add("asam_dimension", "Choose an ASAM dimension from 1 to 6, or none.")
    errors.raise_if_any()
    return {"statement": text, "asam_dimension": asam_dimension}


def _goal_text(text: str) -> str:
    errors = Collector()
    value = required_text(errors, "text", text, "The goal", max_len=MAX_STATEMENT,
                          multiline=True)  # fmt: skip
    if not errors.fields and not value:
        errors.add("text", "Write the goal in the client's own words.")
    errors.raise_if_any()
    return value


def objective_values(form: ObjectiveForm, plan_start: dt.date) -> dict[str, object]:
    """Validate an objective against its plan (target date on or after the plan start)."""
    errors = Collector()
    text = required_text(errors, "text", form.text, "The objective", max_len=MAX_STATEMENT,
                         multiline=True)  # fmt: skip
    target = None
    if form.target_date in (None, ""):
        errors.add("target_date", "Give the objective a target date.")
    else:
        target = date_field(errors, "target_date", form.target_date, "Target date")
        if target is not None:
            problem = rules.target_date_problem(target, plan_start)
            if problem:
                errors.add("target_date", problem)
    status = choice_field(errors, "status", form.status or "open", "Status",
                          rules.OBJECTIVE_STATUSES)  # fmt: skip
    errors.raise_if_any()
    return {"text": text, "target_date": target, "status": status}


def intervention_values(form: InterventionForm) -> dict[str, object]:
    """Validate an intervention (the responsible person must be an active staff member)."""
    errors = Collector()
    values: dict[str, object] = {
        "modality": choice_field(errors, "modality", form.modality, "Modality", rules.MODALITIES),
        "approach": choice_field(errors, "approach", form.approach, "Approach", rules.APPROACHES),
        "frequency": required_text(errors, "frequency", form.frequency, "Frequency",
                                   max_len=120),
        "description": optional_text(errors, "description", form.description, "Description",
                                     max_len=MAX_SHORT * 5, multiline=True),
        "responsible": form.responsible_id,
    }  # fmt: skip
    if values["approach"] == "other" and not values["description"]:
        errors.add("description", "Describe the approach when you choose Other.")
    if form.responsible_id is not None:
        staff = Staff.get_or_none(Staff.id == form.responsible_id)
        if staff is None or not staff.active:
            errors.add("responsible_id", "Choose an active staff member as responsible.")
    errors.raise_if_any()
    return values


# --- problems -------------------------------------------------------------------------------


@use_case("plan.add_problem", "clinical.write", changes=("clinical",))
def add_problem(actor: Actor, plan_id: int, statement: str,
                asam_dimension: int | None = None) -> int:  # fmt: skip
    """Add a problem at the end of the plan; returns its id."""
    plan = get_plan(plan_id)
    values = _problem_values(statement, asam_dimension)
    note = require_editable(plan)
    row = Problem.create(plan=plan.id, position=_next_position("problem", plan.id), **values)
    _done(plan, "problem", row.id, "added", note)
    return row.id


def _problem_fields(values: dict[str, object]) -> dict[str, str]:
    dimension = values["asam_dimension"]
    return {
        "Problem statement": str(values["statement"]),
        "ASAM dimension": rules.ASAM_DIMENSIONS.get(dimension, "")
        if isinstance(dimension, int)
        else "",
    }


@use_case("plan.edit_problem", "clinical.write", changes=("clinical",))
def edit_problem(
    actor: Actor,
    problem_id: int,
    statement: str,
    asam_dimension: int | None = None,
    *,
    row_version: int | None = None,
) -> None:
    """Change a problem (refused with both versions when saved by someone since
    ``row_version`` was read)."""
    row = _node("problem", problem_id)
    plan = plan_of("problem", row)
    values = _problem_values(statement, asam_dimension)
    note = require_editable(plan)
    _claim(actor, plan, "problem", row, row_version, values, _problem_fields)
    Problem.update(**values).where(Problem.id == row.id).execute()
    _done(plan, "problem", row.id, "edited", note)


# --- goals ----------------------------------------------------------------------------------


@use_case("plan.add_goal", "clinical.write", changes=("clinical",))
def add_goal(actor: Actor, problem_id: int, text: str) -> int:
    """Add a goal (in the client's words) under a problem; returns its id."""
    problem = _node("problem", problem_id)
    plan = plan_of("problem", problem)
    value = _goal_text(text)
    note = require_editable(plan)
    row = Goal.create(problem=problem.id, position=_next_position("goal", problem.id), text=value)
    _done(plan, "goal", row.id, "added", note)
    return row.id


def _goal_fields(values: dict[str, object]) -> dict[str, str]:
    return {"The goal": str(values["text"])}


@use_case("plan.edit_goal", "clinical.write", changes=("clinical",))
def edit_goal(actor: Actor, goal_id: int, text: str, *, row_version: int | None = None) -> None:
    """Change a goal's words (refused with both versions when saved by someone since
    ``row_version`` was read)."""
    row = _node("goal", goal_id)
    plan = plan_of("goal", row)
    value = _goal_text(text)
    note = require_editable(plan)
    _claim(actor, plan, "goal", row, row_version, {"text": value}, _goal_fields)
    Goal.update(text=value).where(Goal.id == row.id).execute()
    _done(plan, "goal", row.id, "edited", note)


# --- objectives -----------------------------------------------------------------------------


@use_case("plan.add_objective", "clinical.write", changes=("clinical",))
def add_objective(actor: Actor, goal_id: int, form: ObjectiveForm) -> int:
    """Add a measurable objective under a goal; returns its id."""
    goal = _node("goal", goal_id)
    plan = plan_of("goal", goal)
    values = objective_values(form, plan.start_date)
    note = require_editable(plan)
    row = Objective.create(goal=goal.id, position=_next_position("objective", goal.id), **values)
    _done(plan, "objective", row.id, "added", note)
    return row.id


def _objective_fields(values: dict[str, object]) -> dict[str, str]:
    target = values["target_date"]
    return {
        "The objective": str(values["text"]),
        "Target date": target.isoformat() if isinstance(target, dt.date) else "",
        "Status": rules.OBJECTIVE_STATUSES.get(str(values["status"]), str(values["status"])),
    }


@use_case("plan.edit_objective", "clinical.write", changes=("clinical",))
def edit_objective(actor: Actor, objective_id: int, form: ObjectiveForm) -> None:
    """Change an objective (refused with both versions when saved by someone since
    ``form.row_version`` was read)."""
    row = _node("objective", objective_id)
    plan = plan_of("objective", row)
    values = objective_values(form, plan.start_date)
    note = require_editable(plan)
    _claim(actor, plan, "objective", row, form.row_version, values, _objective_fields)
    Objective.update(**values).where(Objective.id == row.id).execute()
    _done(plan, "objective", row.id, "edited", note)


# --- interventions --------------------------------------------------------------------------


@use_case("plan.add_intervention", "clinical.write", changes=("clinical",))
def add_intervention(actor: Actor, objective_id: int, form: InterventionForm) -> int:
    """Add an intervention under an objective; returns its id."""
    objective = _node("objective", objective_id)
    plan = plan_of("objective", objective)
    values = intervention_values(form)
    note = require_editable(plan)
    row = Intervention.create(
        objective=objective.id, position=_next_position("intervention", objective.id), **values
    )
    _done(plan, "intervention", row.id, "added", note)
    return row.id


def _intervention_fields(values: dict[str, object]) -> dict[str, str]:
    return {
        "Modality": rules.MODALITIES.get(str(values["modality"]), str(values["modality"])),
        "Approach": rules.APPROACHES.get(str(values["approach"]), str(values["approach"])),
        "Frequency": str(values["frequency"]),
        "Responsible": staff_name(values["responsible"]),  # type: ignore[arg-type]
        "Description": str(values["description"]),
    }


@use_case("plan.edit_intervention", "clinical.write", changes=("clinical",))
def edit_intervention(actor: Actor, intervention_id: int, form: InterventionForm) -> None:
    """Change an intervention (refused with both versions when saved by someone since
    ``form.row_version`` was read)."""
    row = _node("intervention", intervention_id)
    plan = plan_of("intervention", row)
    values = intervention_values(form)
    note = require_editable(plan)
    _claim(actor, plan, "intervention", row, form.row_version, values, _intervention_fields)
    Intervention.update(**values).where(Intervention.id == row.id).execute()
    _done(plan, "intervention", row.id, "edited", note)


# --- order and removal ----------------------------------------------------------------------


@use_case("plan.move_item", "clinical.write", changes=("clinical",))
def move_item(actor: Actor, kind: str, item_id: int, direction: int) -> bool:
    """Move an item one place up (-1) or down (+1) among its siblings; False at an end."""
    if direction not in (-1, 1):
        raise ValidationError({"direction": "Move an item up or down one place at a time."})
    row = _node(kind, item_id)
    plan = plan_of(kind, row)
    model = _MODELS[kind]
    parent_field = getattr(model, _PARENT_FIELD[kind])
    siblings = [
        r.id
        for r in model.select(model.id)
        .where(parent_field == getattr(row, f"{_PARENT_FIELD[kind]}_id"))
        .order_by(model.position, model.id)
    ]
    order = rules.moved(siblings, row.id, direction)
    if order == siblings:
        return False
    note = require_editable(plan)
    for position, sibling_id in enumerate(order, start=1):
        model.update(position=position).where(model.id == sibling_id).execute()
    _done(plan, kind, row.id, "moved " + ("up" if direction < 0 else "down"), note)
    return True


@use_case("plan.remove_item", "clinical.write", changes=("clinical",))
def remove_item(actor: Actor, kind: str, item_id: int) -> None:
    """Remove an item and everything under it from a plan that is not yet signed."""
    row = _node(kind, item_id)
    plan = plan_of(kind, row)
    note = require_editable(plan)
    _delete_tree(kind, [row.id])
    model = _MODELS[kind]
    parent_field = getattr(model, _PARENT_FIELD[kind])
    remaining = (
        model.select(model.id)
        .where(parent_field == getattr(row, f"{_PARENT_FIELD[kind]}_id"))
        .order_by(model.position, model.id)
    )
    for position, sibling in enumerate(list(remaining), start=1):
        model.update(position=position).where(model.id == sibling.id).execute()
    _done(plan, kind, row.id, "removed", note)


def _delete_tree(kind: str, ids: list[int]) -> None:
    """Delete rows and their descendants, children first (no reliance on ON DELETE CASCADE)."""
    if not ids:
        return
    index = KINDS.index(kind)
    if index + 1 < len(KINDS):
        child_kind = KINDS[index + 1]
        child = _MODELS[child_kind]
        parent_field = getattr(child, _PARENT_FIELD[child_kind])
        child_ids = [r.id for r in child.select(child.id).where(parent_field.in_(ids))]
        _delete_tree(child_kind, child_ids)
    model = _MODELS[kind]
    model.delete().where(model.id.in_(ids)).execute()
