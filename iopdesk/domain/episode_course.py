"""The course of an episode: the clinic's named program phases, and which way a level-of-care
change goes. Names only: no placement is computed (the clinician decides and explains)."""

from __future__ import annotations

from iopdesk.domain.intake import IOP

#: TIP 47's phases of treatment, offered until the clinic names its own.
DEFAULT_PHASES = ("Engagement", "Early recovery", "Maintenance", "Continuing care")
MOST_PHASES = 12
LONGEST_PHASE_NAME = 60

#: Levels of care in order of intensity; "Withdrawal management" and "Other" have no rank.
LEVEL_RANKS: dict[str, float] = {
    "1 Outpatient": 1.0,
    IOP: 2.1,
    "2.5 Partial hospitalization": 2.5,
    "3 Residential / inpatient": 3.0,
}
STEP_UP, STEP_DOWN, CHANGE = "Step up", "Step down", "Change"
#: A change that took the client out of the program (its discharge ended the episode).
TRANSFER_OUT = "Transfer out"


def phase_list_problem(value: object) -> str:
    """Why ``value`` is not a list of phase names (empty means no phases), or ""."""
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        return "Give the phases as a list of names."
    names = [v.strip() for v in value]
    if len(names) > MOST_PHASES:
        return f"Name at most {MOST_PHASES} phases."
    if any(not n or len(n) > LONGEST_PHASE_NAME or not n.isprintable() for n in names):
        return f"Give each phase a name of 1 to {LONGEST_PHASE_NAME} characters."
    if len({n.casefold() for n in names}) != len(names):
        return "Name each phase once."
    return ""


def phase_names(text: str) -> list[str]:
    """The phases typed one per line (blank lines dropped, spaces trimmed)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def direction(from_level: str, to_level: str) -> str:
    """ "Step up", "Step down", or "Change" when either level has no rank."""
    low, high = LEVEL_RANKS.get(from_level), LEVEL_RANKS.get(to_level)
    if low is None or high is None or low == high:
        return CHANGE
    return STEP_UP if high > low else STEP_DOWN
