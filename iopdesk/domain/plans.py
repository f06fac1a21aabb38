"""Treatment plan rules: numbering, review dates, signing order, statuses, vocabularies.

Pure functions over plain values (no database, no Qt), used alike by the services, the editor
window, the printed plan and the Today list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

from iopdesk.domain import formats

T = TypeVar("T")

DRAFT = "draft"
PARTIALLY_SIGNED = "partially_signed"
SIGNED = "signed"
SUPERSEDED = "superseded"
PLAN_STATUSES = {
    DRAFT: "Draft",
    PARTIALLY_SIGNED: "Partially signed",
    SIGNED: "Signed",
    SUPERSEDED: "Superseded",
}
EDITABLE = frozenset({DRAFT, PARTIALLY_SIGNED})

OBJECTIVE_STATUSES = {
    "open": "Open",
    "met": "Met",
    "revised": "Revised",
    "discontinued": "Discontinued",
}
MODALITIES = {"group": "Group", "individual": "Individual", "family": "Family"}
APPROACHES = {
    "CBT": "CBT",
    "DBT": "DBT",
    "MI": "Motivational interviewing (MI)",
    "MBSR": "Mindfulness-based stress reduction (MBSR)",
    "psychoeducation": "Psychoeducation",
    "relapse prevention": "Relapse prevention",
    "case management": "Case management",
    "other": "Other",
}
ASAM_DIMENSIONS = {
    1: "Acute intoxication and/or withdrawal potential",
    2: "Biomedical conditions and complications",
    3: "Emotional, behavioral or cognitive conditions and complications",
    4: "Readiness to change",
    5: "Relapse, continued use or continued problem potential",
    6: "Recovery / living environment",
}
LIBRARY_KINDS = {
    "problem": "Problem",
    "goal": "Goal",
    "objective": "Objective",
    "intervention": "Intervention",
}

CLIENT, COUNSELOR, SUPERVISOR = "client", "counselor", "supervisor"
SIGNATURE_ROLES = {CLIENT: "Client", COUNSELOR: "Counselor", SUPERVISOR: "Clinical supervisor"}

#: Plans whose review falls within this many days show on Today as due.
DUE_WINDOW_DAYS = 7
DEFAULT_REVIEW_INTERVAL_DAYS = 30


def objective_number(problem_number: int, objective_index: int) -> str:
    """The printed number of an objective: problem number, then its order in that problem."""
    return f"{problem_number}.{objective_index}"


def objective_numbers(problems: Sequence[Sequence[int]]) -> list[list[list[str]]]:
    """Numbers for every objective, given per problem the objective count of each goal.

    Objectives are numbered across all goals of a problem ("1.1, 1.2" under goal A, "1.3"
    under goal B), so each number names exactly one objective of the plan.
    """
    result: list[list[list[str]]] = []
    for p, goal_counts in enumerate(problems, start=1):
        k = 0
        goals: list[list[str]] = []
        for count in goal_counts:
            goals.append([objective_number(p, k + i) for i in range(1, count + 1)])
            k += count
        result.append(goals)
    return result


def moved(items: Sequence[T], item: T, direction: int) -> list[T]:
    """The order after moving ``item`` one place up (-1) or down (+1); ends stay put."""
    order = list(items)
    if direction not in (-1, 1):
        raise ValueError("direction must be -1 (up) or +1 (down)")
    i = order.index(item)
    j = i + direction
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
    return order


def next_review_date(
    start_date: dt.date,
    last_review: dt.date | None = None,
    interval_days: int = DEFAULT_REVIEW_INTERVAL_DAYS,
) -> dt.date:
    """When the plan is next reviewed: the last review (or the plan start) plus the interval."""
    if interval_days < 1:
        raise ValueError("the review interval must be at least one day")
    return (last_review or start_date) + dt.timedelta(days=interval_days)


def review_status(next_review: dt.date, today: dt.date, window: int = DUE_WINDOW_DAYS) -> str:
    """ "overdue" (date passed), "due" (today or within the window) or "ok"."""
    if next_review < today:
        return "overdue"
    if next_review <= today + dt.timedelta(days=window):
        return "due"
    return "ok"


def review_label(next_review: dt.date, today: dt.date) -> str:
    """A short phrase for lists: "overdue by 3 days", "due today", "due in 5 days"."""
    days = (next_review - today).days
    if days < 0:
        return f"overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "due today"
    return f"due in {days} day{'s' if days != 1 else ''}"


def status_after_signatures(roles: Sequence[str]) -> str:
    """The plan status once these signature roles are on it."""
    present = set(roles)
    if present >= {CLIENT, COUNSELOR, SUPERVISOR}:
        return SIGNED
    return PARTIALLY_SIGNED if present else DRAFT


def signing_refusal(
    role: str,
    existing: dict[str, int | None],
    *,
    signer_id: int | None,
    signer_is_clinician: bool,
    signer_is_supervisor: bool,
) -> str | None:
    """Why this signature may not be added now (None when it may).

    ``existing`` maps the roles already signed to their staff signer (None for the client).
    Client and counselor sign in either order; the clinical supervisor signs last, and must
    be a clinician marked as supervisor who did not also sign as the counselor.
    """
    if role not in SIGNATURE_ROLES:
        return f"Choose who is signing: {', '.join(SIGNATURE_ROLES.values()).lower()}."
    if role in existing:
        return f"The {SIGNATURE_ROLES[role].lower()} has already signed this version."
    if role == CLIENT:
        return None
    if not signer_is_clinician:
        return "Only a clinician can sign a treatment plan."
    if role == COUNSELOR:
        if existing.get(SUPERVISOR) is not None:
            return "The supervisor has already signed; revise the plan to change signatures."
        return None
    if not signer_is_supervisor:
        return "Only a clinical supervisor can sign as supervisor; ask your supervisor to sign."
    missing = [SIGNATURE_ROLES[r].lower() for r in (CLIENT, COUNSELOR) if r not in existing]
    if missing:
        return (
            "The supervisor signs last: the "
            + " and the ".join(missing)
            + f" still need{'s' if len(missing) == 1 else ''} to sign."
        )
    if existing.get(COUNSELOR) == signer_id:
        return "You signed as the counselor; a different clinical supervisor must co-sign."
    return None


def plan_gaps(problems: Sequence[Sequence[Sequence[int]]], has_diagnosis: bool) -> list[str]:
    """What keeps a plan from being signed, given per problem, per goal, per objective the
    number of interventions (an empty list is a problem without goals, and so on)."""
    gaps: list[str] = []
    if not has_diagnosis:
        gaps.append("Add the diagnosis (text or ICD-10 code).")
    if not problems:
        gaps.append("Add at least one problem.")
    numbers = objective_numbers([[len(g) for g in p] for p in problems])
    for p, goals in enumerate(problems, start=1):
        if not goals:
            gaps.append(f"Problem {p} needs a goal.")
        for g, objectives in enumerate(goals):
            if not objectives:
                gaps.append(f"Each goal of problem {p} needs at least one objective.")
            for o, interventions in enumerate(objectives):
                if interventions == 0:
                    gaps.append(f"Objective {numbers[p - 1][g][o]} needs an intervention.")
    return gaps


def target_date_problem(target: dt.date | None, plan_start: dt.date) -> str | None:
    """Why an objective's target date is not acceptable (None when it is)."""
    if target is None:
        return "Give the objective a target date."
    if target < plan_start:
        return f"The target date cannot be before the plan start ({formats.show_date(plan_start)})."
    return None
