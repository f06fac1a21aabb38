"""Intake assessment rules: sections, ASAM dimension names, suitability, signing and justification.

Pure data and functions (no database, no Qt). ASAM's criteria text and placement rules are
licensed, so only the six dimension names are kept here and no placement is ever computed:
the clinician rates, chooses and explains.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TypeGuard

from iopdesk.domain import formats, teds
from iopdesk.domain.records import age_on
from iopdesk.domain.screenings import INSTRUMENTS, instrument_for, score
from iopdesk.domain.validators import parse_date
from iopdesk.errors import ValidationError

#: The narrative sections of the intake, in the order the form and the summary show them.
SECTIONS: dict[str, str] = {
    "presenting_problem": "Presenting problem",
    "mental_health": "Mental health history",
    "medical": "Medical history and current medications",
    "legal": "Legal",
    "employment": "Employment / school",
    "housing": "Housing",
    "family_social": "Family and social support",
    "prior_treatment": "Prior treatment",
}

#: Every step of the form (narrative sections plus the structured parts), in order.
STEPS: dict[str, str] = {
    "presenting_problem": SECTIONS["presenting_problem"],
    "substance_use": "Substance use history",
    **{key: title for key, title in SECTIONS.items() if key != "presenting_problem"},
    "state_reporting": "State reporting (TEDS)",
    "screenings": "Screenings",
    "asam": "ASAM dimensions",
    "suitability": "Suitability for IOP",
    "decision": "Level-of-care decision",
}

#: The six ASAM dimensions (names only).
ASAM_DIMENSIONS: dict[int, str] = {
    1: "Acute intoxication and/or withdrawal potential",
    2: "Biomedical conditions and complications",
    3: "Emotional, behavioral or cognitive conditions and complications",
    4: "Readiness to change",
    5: "Relapse, continued use or continued problem potential",
    6: "Recovery / living environment",
}
RATING_LABELS: dict[int, str] = {
    0: "0 – no risk",
    1: "1 – mild",
    2: "2 – moderate",
    3: "3 – significant",
    4: "4 – severe",
}
#: Ratings at or above this need a written justification when IOP is chosen.
HIGH_RATING = 3
#: Ratings at or above this are offered to the treatment plan as suggested problems.
FINDING_RATING = 2

#: The program's own IOP suitability criteria (DOMAIN.md).
SUITABILITY_CRITERIA: dict[str, str] = {
    "living_environment": "Stable, supportive living environment",
    "no_acute_danger": "No acute danger to self or others",
    "no_24h_care": "No need for medically supervised withdrawal or 24-hour supervision",
    "self_management": "Can manage own medications and transportation",
    "able_to_attend": "Able and willing to attend the schedule",
}
ANSWERS = {"yes": "Yes", "no": "No"}

IOP = "2.1 Intensive outpatient"
#: Levels of care a clinician may choose; only IOP admits the client to this program.
LEVELS_OF_CARE: dict[str, str] = {
    IOP: "2.1 Intensive outpatient (admit to this program)",
    "1 Outpatient": "1 Outpatient (refer)",
    "2.5 Partial hospitalization": "2.5 Partial hospitalization (refer)",
    "3 Residential / inpatient": "3 Residential / inpatient (refer)",
    "Withdrawal management": "Withdrawal management (refer)",
    "Other": "Other (refer elsewhere)",
}

FREQUENCIES = [
    "Daily",
    "Several times a week",
    "Weekly",
    "Several times a month",
    "Monthly or less",
    "Not in the last 30 days",
]
ROUTES = ["Oral", "Smoked", "Vaped", "Intranasal", "Injected", "Other"]

MAX_SECTION = 20_000
MAX_NARRATIVE = 10_000


@dataclass(frozen=True)
class SubstanceRow:
    """One substance in the use history."""

    substance: str = ""
    age_first_use: int | str | None = None  # as typed ("15") until the draft is saved
    frequency: str = ""
    route: str = ""
    usual_amount: str = ""
    last_use: dt.date | str | None = None  # as typed ("2/10/2024") until the draft is saved

    @property
    def is_blank(self) -> bool:
        """True for an empty row the counselor added but never filled in."""
        return not any(
            (self.substance.strip(), self.frequency, self.route, self.usual_amount.strip())
        ) and (self.age_first_use is None and self.last_use is None)


def read_substance_row(row: SubstanceRow) -> SubstanceRow:
    """Age of first use and last use as typed (text such as "15" or "2024-02-10", or a
    timestamp) turned into a number and a day; what cannot be read is left for
    value_problems to name."""
    age: object = row.age_first_use
    if isinstance(age, str):
        text = age.strip()
        readable = text.isascii() and text.isdigit() and len(text) <= 3
        age = int(text) if readable else (text or None)
    last: object = row.last_use
    if isinstance(last, str) and not last.strip():
        last = None
    elif last is not None:
        last = parse_date(last) or last
    return replace(row, age_first_use=age, last_use=last)  # type: ignore[arg-type]


@dataclass(frozen=True)
class AsamEntry:
    """One dimension's rating (None until chosen) and the clinician's narrative."""

    rating: int | None = None
    narrative: str = ""


@dataclass(frozen=True)
class SuitabilityEntry:
    """One criterion: "yes", "no" or "" (not answered yet), with a note."""

    answer: str = ""
    note: str = ""


@dataclass(frozen=True)
class AssessmentData:
    """Everything the counselor has entered so far; any part may still be empty."""

    sections: Mapping[str, str] = field(default_factory=dict)
    substances: tuple[SubstanceRow, ...] = ()
    #: instrument code -> {item number: answer value or None}
    screenings: Mapping[str, Mapping[int, int | None]] = field(default_factory=dict)
    asam: Mapping[int, AsamEntry] = field(default_factory=dict)
    suitability: Mapping[str, SuitabilityEntry] = field(default_factory=dict)
    level_of_care: str = ""
    rationale: str = ""
    justification: str = ""
    #: state reporting (TEDS) question key -> raw answer (see iopdesk.domain.teds)
    teds: Mapping[str, str] = field(default_factory=dict)


#: Steps worth completing that never hold up signing: an unanswered state reporting question
#: is reported to the state as unknown.
OPTIONAL_STEPS = frozenset({"state_reporting"})


def justification_reasons(data: AssessmentData) -> list[str]:
    """Why a written justification is needed (empty when it is not): IOP chosen with a
    dimension rated 3-4 or a suitability criterion answered "no"."""
    if data.level_of_care != IOP:
        return []
    reasons = [
        f"ASAM dimension {dim} ({ASAM_DIMENSIONS[dim]}) is rated {entry.rating}"
        for dim, entry in sorted(data.asam.items())
        if entry.rating is not None and entry.rating >= HIGH_RATING and dim in ASAM_DIMENSIONS
    ]
    reasons += [
        f'Suitability "{SUITABILITY_CRITERIA[key]}" is answered no'
        for key in SUITABILITY_CRITERIA
        if data.suitability.get(key, SuitabilityEntry()).answer == "no"
    ]
    return reasons


def needs_justification(data: AssessmentData) -> bool:
    """The justification rule: IOP with any dimension 3-4 or any suitability "no"."""
    return bool(justification_reasons(data))


def step_missing(data: AssessmentData, step: str) -> str:
    """What is still missing in one step before signing ("" when the step is complete)."""
    if step in SECTIONS:
        return "" if data.sections.get(step, "").strip() else STEPS[step]
    if step == "substance_use":
        rows = [row for row in data.substances if not row.is_blank]
        if not rows:
            return "Substance use history (at least one substance)"
        unnamed = [str(n) for n, row in enumerate(rows, start=1) if not row.substance.strip()]
        return (
            f"Substance use history (substance name in row {', '.join(unnamed)})" if unnamed else ""
        )
    if step == "state_reporting":
        unanswered = sum(1 for q in teds.ADMISSION if not data.teds.get(q.key))
        if not unanswered:
            return ""
        return f"State reporting (TEDS) ({unanswered} of {len(teds.ADMISSION)} unanswered)"
    if step == "screenings":
        return _screenings_missing(data)
    if step == "asam":
        return _asam_missing(data)
    if step == "suitability":
        open_ = [
            SUITABILITY_CRITERIA[key]
            for key in SUITABILITY_CRITERIA
            if data.suitability.get(key, SuitabilityEntry()).answer not in ANSWERS
        ]
        return f"Suitability for IOP (answer: {'; '.join(open_)})" if open_ else ""
    if step == "decision":
        parts = []
        if data.level_of_care not in LEVELS_OF_CARE:
            parts.append("level of care")
        if not data.rationale.strip():
            parts.append("rationale")
        if needs_justification(data) and not data.justification.strip():
            parts.append("written justification")
        return f"Level-of-care decision ({', '.join(parts)})" if parts else ""
    raise KeyError(step)


def missing_for_signing(data: AssessmentData) -> list[str]:
    """Each step that is not ready to sign, named for the counselor, in form order."""
    return [
        text for step in STEPS if step not in OPTIONAL_STEPS and (text := step_missing(data, step))
    ]


def _screenings_missing(data: AssessmentData) -> str:
    started = {code: answers for code, answers in data.screenings.items() if _answered(answers)}
    incomplete = []
    complete = 0
    for code, answers in started.items():
        result = score(code, answers)
        if result.complete:
            complete += 1
        else:
            items = ", ".join(str(n) for n in result.missing)
            incomplete.append(f"{INSTRUMENTS[code].name} items {items} unanswered")
    if incomplete:
        return f"Screenings ({'; '.join(incomplete)})"
    if not complete:
        return "Screenings (at least one completed instrument)"
    return ""


def _asam_missing(data: AssessmentData) -> str:
    unrated = [str(d) for d in ASAM_DIMENSIONS if data.asam.get(d, AsamEntry()).rating is None]
    untold = [
        str(d) for d in ASAM_DIMENSIONS if not data.asam.get(d, AsamEntry()).narrative.strip()
    ]
    parts = []
    if unrated:
        parts.append(f"rating for dimension {', '.join(unrated)}")
    if untold:
        parts.append(f"narrative for dimension {', '.join(untold)}")
    return f"ASAM dimensions ({'; '.join(parts)})" if parts else ""


def _answered(answers: Mapping[int, int | None]) -> bool:
    return any(value is not None for value in answers.values())


def value_problems(
    data: AssessmentData, date_of_birth: dt.date | None, today: dt.date
) -> dict[str, str]:
    """Field errors in the values entered so far (a draft may be incomplete, never wrong).

    Field names: ``section.<key>``, ``substances.<row>.<field>``, ``screening.<code>.item_<n>``,
    ``asam.<dim>.rating``, ``suitability.<key>``, ``level_of_care``.
    """
    problems: dict[str, str] = {}
    if not isinstance(data.screenings, Mapping):
        problems["screenings"] = (
            "Screening answers must be given instrument by instrument (code: answers)."
        )
    for key in data.sections:
        if key not in SECTIONS:
            problems[f"section.{key}"] = f"There is no intake section called {key!r}."
    age_now = age_on(date_of_birth, today) if date_of_birth else None
    for index, row in enumerate(data.substances):
        problems.update(_substance_problems(index, row, date_of_birth, age_now, today))
    screenings = data.screenings if isinstance(data.screenings, Mapping) else {}
    for code, answers in screenings.items():
        try:
            instrument_for(code)
            score(code, answers)
        except ValidationError as exc:
            for name, message in exc.fields.items():
                problems[f"screening.{code}.{name}"] = message
    problems.update(asam_rating_problems(data.asam))
    for key, criterion in data.suitability.items():
        if key not in SUITABILITY_CRITERIA:
            problems[f"suitability.{key}"] = f"There is no suitability criterion {key!r}."
        elif criterion.answer not in ("", *ANSWERS):
            problems[f"suitability.{key}"] = "Answer yes or no."
    if data.level_of_care and data.level_of_care not in LEVELS_OF_CARE:
        problems["level_of_care"] = "Choose a level of care from the list."
    problems.update(teds.answer_problems(teds.ADMISSION, data.teds, age_now))
    return problems


def asam_rating_problems(
    asam: Mapping[int, AsamEntry], *, all_rated: bool = False
) -> dict[str, str]:
    """What is wrong with ASAM ratings, keyed ``asam.<dim>.rating``: an unknown dimension, a
    rating outside 0-4, and (``all_rated``: a re-rating) a dimension left unrated."""
    problems: dict[str, str] = {}
    for dim, entry in asam.items():
        if dim not in ASAM_DIMENSIONS:
            problems[f"asam.{dim}.rating"] = "ASAM dimensions are numbered 1 to 6."
        elif entry.rating is not None and (not _whole(entry.rating) or not 0 <= entry.rating <= 4):
            problems[f"asam.{dim}.rating"] = (
                f"Rate dimension {dim} from 0 (no risk) to 4 (severe risk)."
            )
    if all_rated:
        for dim in ASAM_DIMENSIONS:
            if asam.get(dim, AsamEntry()).rating is None:
                problems[f"asam.{dim}.rating"] = f"Rate dimension {dim} from 0 to 4."
    return problems


def _substance_problems(
    index: int,
    row: SubstanceRow,
    date_of_birth: dt.date | None,
    age_now: int | None,
    today: dt.date,
) -> dict[str, str]:
    where = f"substances.{index}"
    out: dict[str, str] = {}
    name = row.substance.strip() or f"row {index + 1}"
    age = row.age_first_use
    if age is not None:
        if not _whole(age) or age < 0:
            out[f"{where}.age_first_use"] = f"Age of first use of {name} must be a whole number."
        elif age_now is not None and age > age_now:
            out[f"{where}.age_first_use"] = (
                f"Age of first use of {name} ({age}) is above the client's current age ({age_now})."
            )
    if row.last_use is not None and not _day(row.last_use):
        out[f"{where}.last_use"] = (
            f"Last use of {name} is not a real date; write it as {formats.date_example()}."
        )
    elif row.last_use is not None:
        if row.last_use > today:
            out[f"{where}.last_use"] = f"Last use of {name} cannot be in the future."
        elif date_of_birth is not None and row.last_use < date_of_birth:
            out[f"{where}.last_use"] = f"Last use of {name} is before the client was born."
        elif (
            date_of_birth is not None
            and age is not None
            and _whole(age)
            and 0 <= age <= 150
            and age_on(date_of_birth, row.last_use) < age
        ):
            out[f"{where}.last_use"] = (
                f"Last use of {name} ({formats.show_date(row.last_use)}) is before the first use "
                f"(age {age})."
            )
    return out


def _day(value: object) -> TypeGuard[dt.date]:
    # A timestamp is a date subclass that cannot be compared with a date.
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def is_concerning(code: str, total: int | None) -> bool:
    """A complete screening total in a moderate-or-worse band (a finding for the plan)."""
    instrument = INSTRUMENTS.get(code)
    return instrument is not None and instrument.is_finding(total)
