"""TEDS (SAMHSA's Treatment Episode Data Set): the questions the intake and the discharge ask in
TEDS vocabulary, the raw answers they keep, and the codes the state extract derives from them.

Raw answers are kept as text: a choice's own key ("full_time"), a whole number for counts and
ages ("3"), ``UNKNOWN`` when the client does not know or would not say, ``NOT_APPLICABLE`` when
the question does not apply (pregnancy for a man, the route of a secondary substance when there
is none). A question never answered is simply absent ("not collected"). The three stay distinct
here; in the extract each of them is the codebook's -9 ("missing/unknown/not collected/invalid"):
nothing is ever guessed. Codes follow the public-use TEDS-A/TEDS-D codebooks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from iopdesk.domain.records import age_on
from iopdesk.errors import ValidationError

MISSING = -9
UNKNOWN = "unknown"
NOT_APPLICABLE = "not_applicable"
#: SERVICES / SERVICES_D 6: "Ambulatory, intensive outpatient".
SERVICES_IOP = 6
#: Self-help groups attended, but how often is not known (FREQ_ATND_SELF_HELP 5).
SOME_UNKNOWN = "some"


@dataclass(frozen=True)
class Choice:
    """One answer a question offers: the stored key, the words shown, its TEDS code."""

    value: str
    label: str
    code: int


@dataclass(frozen=True)
class Question:
    """One TEDS item: where its answer is kept, how it is asked, and how it is coded.

    A question with ``choices`` takes one of them; one without takes a whole number from 0 to
    ``maximum`` (``binned`` turns it into the TEDS code) or, when ``some`` is set, the answer
    "attended, frequency unknown".
    """

    key: str
    label: str
    field: str
    choices: tuple[Choice, ...] = ()
    maximum: int = 0
    binned: Callable[[int], int] | None = None
    some: Choice | None = None
    applicable_to_all: bool = True

    @property
    def is_count(self) -> bool:
        return not self.choices

    def choice(self, value: str) -> Choice | None:
        """The choice kept as ``value`` (the "some" answer included), or None."""
        offered: tuple[Choice, ...] = (*self.choices, *((self.some,) if self.some else ()))
        for candidate in offered:
            if candidate.value == value:
                return candidate
        return None


def _choices(*pairs: tuple[str, str, int]) -> tuple[Choice, ...]:
    return tuple(Choice(value, label, code) for value, label, code in pairs)


def _banded(bounds: tuple[int, ...], first_code: int) -> Callable[[int], int]:
    """A coder for ages and counts: ``bounds`` are each band's upper limit, in order."""

    def code(value: int) -> int:
        for offset, upper in enumerate(bounds):
            if value <= upper:
                return first_code + offset
        return first_code + len(bounds)

    return code


def _capped(top: int) -> Callable[[int], int]:
    return lambda value: min(value, top)


def self_help_code(times: int) -> int:
    """FREQ_ATND_SELF_HELP: 1 none, 2 one to three times, 3 four to seven, 4 eight to thirty."""
    if times <= 0:
        return 1
    return 2 if times <= 3 else 3 if times <= 7 else 4


#: FRSTUSE: 1 "11 and under", 2 12-14, 3 15-17, 4 18-20, 5 21-24, 6 25-29, 7 "30 and older".
first_use_code = _banded((11, 14, 17, 20, 24, 29), 1)

SUBSTANCES = _choices(
    ("none", "None", 1),
    ("alcohol", "Alcohol", 2),
    ("cocaine", "Cocaine/crack", 3),
    ("marijuana", "Marijuana/hashish", 4),
    ("heroin", "Heroin", 5),
    ("methadone", "Non-prescription methadone", 6),
    ("other_opiates", "Other opiates and synthetics (fentanyl, oxycodone…)", 7),
    ("pcp", "PCP", 8),
    ("hallucinogens", "Hallucinogens", 9),
    ("methamphetamine", "Methamphetamine/speed", 10),
    ("other_amphetamines", "Other amphetamines", 11),
    ("other_stimulants", "Other stimulants", 12),
    ("benzodiazepines", "Benzodiazepines", 13),
    ("other_tranquilizers", "Other tranquilizers", 14),
    ("barbiturates", "Barbiturates", 15),
    ("other_sedatives", "Other sedatives or hypnotics", 16),
    ("inhalants", "Inhalants", 17),
    ("otc", "Over-the-counter medications", 18),
    ("other", "Other drugs", 19),
)
ROUTES = _choices(
    ("oral", "Oral", 1),
    ("smoking", "Smoking", 2),
    ("inhalation", "Inhalation (sniffed, snorted)", 3),
    ("injection", "Injection", 4),
    ("other", "Other", 5),
)
FREQUENCIES = _choices(
    ("none", "No use in the past month", 1),
    ("some", "Some use in the past month", 2),
    ("daily", "Daily use", 3),
)
EMPLOYMENT = _choices(
    ("full_time", "Full-time (35+ hours a week)", 1),
    ("part_time", "Part-time", 2),
    ("unemployed", "Unemployed (looking for work)", 3),
    ("not_in_labor_force", "Not in the labor force (student, homemaker, retired…)", 4),
)
LIVING = _choices(
    ("homeless", "Homeless", 1),
    ("dependent", "Dependent living (with parents, supervised setting…)", 2),
    ("independent", "Independent living", 3),
)
SELF_HELP_SOME = Choice(SOME_UNKNOWN, "Attended, how often not known", 5)


def _substance(rank: int, name: str) -> tuple[Question, ...]:
    n = str(rank)
    # Only the primary substance is always asked; the details follow from the substance.
    return (
        Question(
            f"sub{n}", f"{name} substance", f"SUB{n}", SUBSTANCES, applicable_to_all=rank == 1
        ),
        Question(
            f"route{n}",
            f"{name} substance: usual route",
            f"ROUTE{n}",
            ROUTES,
            applicable_to_all=False,
        ),
        Question(
            f"freq{n}",
            f"{name} substance: use in the past 30 days",
            f"FREQ{n}",
            FREQUENCIES,
            applicable_to_all=False,
        ),
        Question(
            f"age{n}",
            f"{name} substance: age at first use",
            f"FRSTUSE{n}",
            maximum=120,
            binned=first_use_code,
            applicable_to_all=False,
        ),
    )


#: The admission questions, in the order the intake page asks them.
ADMISSION: tuple[Question, ...] = (
    Question(
        "gender",
        "Gender",
        "GENDER",
        _choices(
            ("male", "Male", 1), ("female", "Female", 2), ("another", "Another gender", MISSING)
        ),
    ),
    Question(
        "race",
        "Race",
        "RACE",
        _choices(
            ("alaska_native", "Alaska Native (Aleut, Eskimo, Indian)", 1),
            ("american_indian", "American Indian (other than Alaska Native)", 2),
            ("asian", "Asian", 6),
            ("black", "Black or African American", 4),
            ("pacific_islander", "Native Hawaiian or Other Pacific Islander", 9),
            ("white", "White", 5),
            ("other", "Other single race", 7),
            ("multiple", "Two or more races", 8),
        ),
    ),
    Question(
        "ethnicity",
        "Hispanic or Latino origin",
        "ETHNIC",
        _choices(
            ("puerto_rican", "Puerto Rican", 1),
            ("mexican", "Mexican", 2),
            ("cuban_or_other", "Cuban or other specific Hispanic origin", 3),
            ("hispanic_unspecified", "Hispanic or Latino, origin not specified", 5),
            ("not_hispanic", "Not of Hispanic or Latino origin", 4),
        ),
    ),
    Question(
        "education",
        "Highest school grade completed",
        "EDUC",
        _choices(
            ("grade_8_or_less", "Grade 8 or less", 1),
            ("grades_9_11", "Grades 9 to 11", 2),
            ("grade_12", "Grade 12 or GED", 3),
            ("college_1_3", "1-3 years of college or vocational school", 4),
            ("college_4_plus", "4 years of college (BA/BS) or more", 5),
        ),
    ),
    Question("employment", "Employment status", "EMPLOY", EMPLOYMENT),
    Question("living", "Living arrangement", "LIVARAG", LIVING),
    Question("veteran", "Veteran", "VET", _choices(("yes", "Yes", 1), ("no", "No", 2))),
    Question(
        "pregnant",
        "Pregnant at admission",
        "PREG",
        _choices(("yes", "Yes", 1), ("no", "No", 2)),
        applicable_to_all=False,
    ),
    Question(
        "referral",
        "Referral source",
        "PSOURCE",
        _choices(
            ("individual", "Individual (self, family, friend)", 1),
            ("sud_provider", "Alcohol/drug use care provider", 2),
            ("health_provider", "Other health care provider", 3),
            ("school", "School", 4),
            ("employer", "Employer / EAP", 5),
            ("community", "Other community referral", 6),
            ("court", "Court / criminal justice / DUI", 7),
        ),
    ),
    Question(
        "prior_episodes", "Prior treatment episodes", "NOPRIOR", maximum=999, binned=_capped(5)
    ),
    Question("arrests", "Arrests in the past 30 days", "ARRESTS", maximum=30, binned=_capped(2)),
    Question(
        "self_help",
        "Self-help meetings attended in the past 30 days",
        "FREQ_ATND_SELF_HELP",
        maximum=300,
        binned=self_help_code,
        some=SELF_HELP_SOME,
    ),
    *_substance(1, "Primary"),
    *_substance(2, "Secondary"),
    *_substance(3, "Tertiary"),
)

#: Asked again at discharge ("the same follow-up items"); the extract adds "_D" to the field.
DISCHARGE_KEYS = ("employment", "living", "arrests", "self_help", "freq1", "freq2", "freq3")
BY_KEY: dict[str, Question] = {q.key: q for q in ADMISSION}
DISCHARGE: tuple[Question, ...] = tuple(BY_KEY[key] for key in DISCHARGE_KEYS)
#: Substance detail questions that do not apply when that substance is "none".
_DETAIL = {str(n): (f"route{n}", f"freq{n}", f"age{n}") for n in (1, 2, 3)}
_SUBSTANCE_KEYS = ("sub1", "sub2", "sub3")

#: REASON: the discharge types of domain/aftercare in the TEDS codebook's order.
REASONS = {
    "completed": 1,
    "left_against_advice": 2,
    "terminated": 3,
    "transferred": 4,
    "incarcerated": 5,
    "death": 6,
    "other": 7,
}


def answer_problem(question: Question, value: str) -> str | None:
    """Why ``value`` cannot be kept as the answer to ``question`` (None when it can)."""
    if value in ("", UNKNOWN) or question.choice(value) is not None:
        return None
    if value == NOT_APPLICABLE:
        return (
            f"{question.label}: choose an answer or Unknown."
            if question.applicable_to_all
            else None
        )
    if question.is_count:
        if value.isascii() and value.isdigit() and int(value) <= question.maximum:
            return None
        return f"{question.label}: type a whole number from 0 to {question.maximum}, or Unknown."
    return f"{question.label}: choose one of the listed answers."


def clean_answers(questions: tuple[Question, ...], answers: Mapping[str, object]) -> dict[str, str]:
    """Answers trimmed to text, unanswered ones dropped; numbers lose leading zeros."""
    if not isinstance(answers, Mapping):
        raise ValidationError({"teds": "Give the state reporting answers question by question."})
    known = {q.key for q in questions}
    out: dict[str, str] = {}
    for key, raw in answers.items():
        text = "" if raw is None else str(raw).strip()
        if not text:
            continue
        if key in known and BY_KEY[key].is_count and text.isascii() and text.isdigit():
            text = str(int(text))
        out[str(key)] = text
    return out


def answer_problems(
    questions: tuple[Question, ...], answers: Mapping[str, str], age_now: int | None = None
) -> dict[str, str]:
    """Field problems (``teds.<key>``) in a set of answers: unknown questions, impossible
    values, a pregnancy answer for a man, an age at first use above the client's age."""
    asked = {q.key: q for q in questions}
    problems: dict[str, str] = {}
    for key, value in answers.items():
        question = asked.get(key)
        if question is None:
            problems[f"teds.{key}"] = f"There is no state reporting question called {key!r}."
            continue
        problem = answer_problem(question, value)
        above_age = age_now is not None and key.startswith("age") and value.isdigit()
        if problem is None and above_age and int(value) > int(age_now or 0):
            problem = f"{question.label} ({value}) is above the client's age ({age_now})."
        if problem:
            problems[f"teds.{key}"] = problem
    if answers.get("gender") == "male" and answers.get("pregnant") in ("yes", "no"):
        problems["teds.pregnant"] = "Pregnancy does not apply to a male client; leave it empty."
    return problems


def settle(answers: Mapping[str, str]) -> dict[str, str]:
    """What follows from the answers given: pregnancy does not apply to a male client, and a
    substance recorded as "none" has no route, frequency or age at first use."""
    out = dict(answers)
    if out.get("gender") == "male":
        out["pregnant"] = NOT_APPLICABLE
    for rank, keys in _DETAIL.items():
        if out.get(f"sub{rank}") == "none":
            out.update(dict.fromkeys(keys, NOT_APPLICABLE))
    return out


def code(question: Question, value: str | None) -> int:
    """The TEDS code of one raw answer; -9 for unknown, not applicable or not collected."""
    if not value or value in (UNKNOWN, NOT_APPLICABLE):
        return MISSING
    choice = question.choice(value)
    if choice is not None:
        return choice.code
    if question.binned is not None and value.isdigit() and int(value) <= question.maximum:
        return question.binned(int(value))
    return MISSING


def age_code(age: int) -> int:
    """AGE at admission: 1 for 12-14 ... 11 for 55-64, 12 for 65 and older (-9 under 12)."""
    if age < 12:
        return MISSING
    bounds = (14, 17, 20, 24, 29, 34, 39, 44, 49, 54, 64)
    return _banded(bounds, 1)(age)


def stay_days(admitted: dt.date, discharged: dt.date) -> int:
    """TEDS length of stay: discharge date minus admission date, at least one day."""
    return max(1, (discharged - admitted).days)


def los_code(days: int) -> int:
    """LOS: 1-30 are days; 31 is 31-45, 32 46-60, 33 61-90, 34 91-120, 35 121-180,
    36 181-365, 37 more than a year."""
    if days <= 30:
        return max(1, days)
    return _banded((45, 60, 90, 120, 180, 365), 31)(days)


#: The extract's columns: the record's own identity, then TEDS fields by their codebook names.
IDENTITY = ("RECTYPE", "CLIENTID", "EPISODE", "ADMDATE", "DISDATE")
ADMISSION_FIELDS = ("SERVICES", "AGE", *(q.field for q in ADMISSION))
DISCHARGE_FIELDS = (
    "SERVICES_D",
    "REASON",
    "LOS",
    *(f"{q.field}_D" for q in DISCHARGE),
    "SUB1_D",
    "SUB2_D",
    "SUB3_D",
)
COLUMNS = (*IDENTITY, *ADMISSION_FIELDS, *DISCHARGE_FIELDS)


@dataclass(frozen=True)
class EpisodeFacts:
    """What the extract needs about one episode besides the TEDS answers."""

    record_number: str
    episode_number: int
    date_of_birth: dt.date
    admitted: dt.date | None
    discharged: dt.date | None = None
    discharge_type: str = ""


def admission_codes(facts: EpisodeFacts, answers: Mapping[str, str]) -> dict[str, int]:
    """The TEDS-A fields of an episode (its age from the date of birth and admission date)."""
    settled = settle(answers)
    age = age_code(age_on(facts.date_of_birth, facts.admitted)) if facts.admitted else MISSING
    codes = {"SERVICES": SERVICES_IOP, "AGE": age}
    codes.update({q.field: code(q, settled.get(q.key)) for q in ADMISSION})
    return codes


def discharge_codes(
    facts: EpisodeFacts, admission: Mapping[str, str], discharge: Mapping[str, str]
) -> dict[str, int]:
    """The TEDS-D fields: reason, length of stay, and the follow-up items asked at discharge;
    the substances are the admission's (their use at discharge is FREQn_D)."""
    assert facts.discharged is not None
    substances = {key: value for key, value in admission.items() if key in _SUBSTANCE_KEYS}
    # A substance that was "none" at admission has no use at discharge to ask about.
    settled = settle({**discharge, **substances})
    codes = {
        "SERVICES_D": SERVICES_IOP,
        "REASON": REASONS.get(facts.discharge_type, MISSING),
        "LOS": los_code(stay_days(facts.admitted, facts.discharged)) if facts.admitted else MISSING,
    }
    codes.update({f"{q.field}_D": code(q, settled.get(q.key)) for q in DISCHARGE})
    for rank in ("1", "2", "3"):
        codes[f"SUB{rank}_D"] = code(BY_KEY[f"sub{rank}"], substances.get(f"sub{rank}"))
    return codes


def record(
    kind: str,
    facts: EpisodeFacts,
    admission: Mapping[str, str],
    discharge: Mapping[str, str] | None = None,
) -> dict[str, object]:
    """One extract row: "A" carries the admission fields, "D" the admission and discharge
    fields (as TEDS-D does); fields the record type does not carry are left empty."""
    row: dict[str, object] = dict.fromkeys(COLUMNS, "")
    row.update(
        RECTYPE=kind,
        CLIENTID=facts.record_number,
        EPISODE=facts.episode_number,
        ADMDATE=facts.admitted.isoformat() if facts.admitted else "",
        DISDATE=facts.discharged.isoformat() if facts.discharged and kind == "D" else "",
    )
    row.update(admission_codes(facts, admission))
    if kind == "D":
        row.update(discharge_codes(facts, admission, discharge or {}))
    return row


def substance_labels(answers: Mapping[str, str]) -> tuple[str, str, str]:
    """The admission's primary, secondary and tertiary substances in words ("" when none was
    recorded), for the discharge questions about their use."""
    labels = []
    for rank in ("1", "2", "3"):
        choice = BY_KEY[f"sub{rank}"].choice(answers.get(f"sub{rank}", ""))
        labels.append(choice.label.split(" (")[0] if choice and choice.value != "none" else "")
    return labels[0], labels[1], labels[2]
