"""Discharge and aftercare rules: TEDS discharge types, stay, attendance, follow-up schedule."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field

from iopdesk.domain.formats import show_date
from iopdesk.domain.hours import ATTENDED_STATUSES

#: Discharge reasons in the national TEDS vocabulary (DOMAIN.md, "Discharge and aftercare").
DISCHARGE_TYPES: dict[str, str] = {
    "completed": "Treatment completed",
    "left_against_advice": "Left against professional advice (dropped out)",
    "terminated": "Terminated by the program",
    "transferred": "Transferred to another program or level of care",
    "incarcerated": "Incarcerated",
    "death": "Death",
    "other": "Other",
}
#: Suggestions for the step-down level; the clinician may type another.
STEP_DOWN_LEVELS = [
    "Standard outpatient (ASAM 1.0)",
    "Partial hospitalization (ASAM 2.5)",
    "Residential treatment (ASAM 3)",
    "Recovery support services only",
    "None",
]
CONDITIONS = ["Improved", "Stable / unchanged", "Worsened"]
SUPPORT_GROUP_KINDS = ["AA", "NA", "SMART Recovery", "other"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
RECOVERY_STATUSES: dict[str, str] = {
    "in_recovery": "In recovery",
    "returned_to_use": "Returned to use",
    "unknown": "Unknown",
}
#: Follow-up check-ins after discharge, in days (DOMAIN.md: e.g. 30, 60 and 90 days).
FOLLOW_UP_DAYS = (30, 60, 90)
CRISIS_LINE = "988"
CRISIS_LINE_TEXT = "988 Suicide & Crisis Lifeline: call or text 988, any time, day or night."
#: Attendance statuses that count as having attended (one home: domain/hours).
ATTENDED = ATTENDED_STATUSES


def length_of_stay(admission: dt.date, discharge: dt.date) -> int:
    """Days from admission to discharge (discharge date minus admission date)."""
    return (discharge - admission).days


def attendance_rate(attended: int, scheduled: int) -> float | None:
    """Percent of recorded sessions attended, one decimal; None when nothing was recorded.

    Counts come from one SQL aggregate (domain/hours.attendance_rate takes the statuses).
    """
    if scheduled <= 0:
        return None
    return round(100.0 * attended / scheduled, 1)


def follow_up_schedule(discharge_date: dt.date) -> list[tuple[str, dt.date]]:
    """The standard check-ins: (kind, due date) at 30, 60 and 90 days after discharge."""
    return [(str(days), discharge_date + dt.timedelta(days=days)) for days in FOLLOW_UP_DAYS]


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the ISO week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


@dataclass(frozen=True)
class ScreeningChange:
    """First and last complete score of one instrument over the episode."""

    code: str
    first_on: str
    first_total: int
    first_band: str
    last_on: str
    last_total: int
    last_band: str

    @property
    def change(self) -> int:
        return self.last_total - self.first_total

    @property
    def direction(self) -> str:
        # Every instrument IOPdesk scores reads "higher is worse".
        if self.first_on == self.last_on:
            return "one score only"
        if self.change < 0:
            return "improved"
        return "worse" if self.change > 0 else "no change"

    def sentence(self) -> str:
        if self.first_on == self.last_on:
            first = show_date(self.first_on)
            return f"{self.code}: {self.first_total} ({self.first_band}) on {first}."
        sign = f"{self.change:+d}"
        return (
            f"{self.code}: {self.first_total} ({self.first_band}) on {show_date(self.first_on)}"
            f" -> {self.last_total} ({self.last_band}) on {show_date(self.last_on)}, {sign} "
            f"({self.direction})."
        )


def screening_change(code: str, scores: list[tuple[dt.date, int, str]]) -> ScreeningChange | None:
    """First vs last of (date, total, band) scores; None without any score."""
    if not scores:
        return None
    ordered = sorted(scores, key=lambda s: s[0])
    first, last = ordered[0], ordered[-1]
    return ScreeningChange(
        code, first[0].isoformat(), first[1], first[2], last[0].isoformat(), last[1], last[2]
    )


#: What one drug test came to, the worst result first deciding it (an explained positive is
#: not a relapse; an invalid specimen tells nothing).
DRUG_TEST_OUTCOMES: dict[str, str] = {
    "negative": "Negative",
    "explained": "Explained positive",  # by a prescription
    "unexplained": "Unexplained positive",
    "invalid": "Invalid",
}


def drug_test_outcome(unexplained_positives: int, explained_positives: int, invalid: int) -> str:
    """A test's outcome from how many of its results were each kind (a DRUG_TEST_OUTCOMES key)."""
    if unexplained_positives:
        return "unexplained"
    if explained_positives:
        return "explained"
    return "invalid" if invalid else "negative"


@dataclass(frozen=True)
class DrugTestSummary:
    """Drug tests over the episode: how many, how many with an unexplained positive."""

    tests: int = 0
    negative: int = 0
    unexplained_positive: int = 0
    explained_positive: int = 0
    invalid: int = 0
    positive_substances: tuple[str, ...] = ()
    last_test_on: str = ""
    last_unexplained_positive_on: str = ""

    def sentence(self) -> str:
        if not self.tests:
            return "No drug tests were recorded."
        text = (
            f"{self.tests} drug test{'s' if self.tests != 1 else ''}: {self.negative} negative, "
            f"{self.unexplained_positive} with an unexplained positive"
        )
        if self.explained_positive:
            text += f", {self.explained_positive} positive explained by a prescription"
        if self.invalid:
            text += f", {self.invalid} invalid"
        text += "."
        if self.positive_substances:
            text += f" Positive for: {', '.join(self.positive_substances)}."
        if self.last_unexplained_positive_on:
            text += f" Last unexplained positive: {show_date(self.last_unexplained_positive_on)}."
        return text


@dataclass(frozen=True)
class ObjectiveSummary:
    """Treatment-plan objectives of the episode's latest plan, by outcome."""

    met: tuple[str, ...] = ()
    not_met: tuple[str, ...] = ()
    discontinued: tuple[str, ...] = ()

    def sentence(self) -> str:
        total = len(self.met) + len(self.not_met) + len(self.discontinued)
        if not total:
            return "No treatment-plan objectives were recorded."
        text = f"Objectives met: {len(self.met)} of {total}; not met: {len(self.not_met)}"
        if self.discontinued:
            text += f"; discontinued: {len(self.discontinued)}"
        return text + "."


@dataclass(frozen=True)
class DischargeFacts:
    """Everything the pre-filled discharge summary states about the episode."""

    client_name: str
    record_number: str
    episode_number: int
    admission_date: str
    discharge_date: str
    length_of_stay_days: int | None
    sessions_recorded: int = 0
    sessions_attended: int = 0
    minutes_attended: int = 0
    attendance_rate: float | None = None
    screenings: tuple[ScreeningChange, ...] = ()
    drug_tests: DrugTestSummary = field(default_factory=DrugTestSummary)
    objectives: ObjectiveSummary = field(default_factory=ObjectiveSummary)

    @property
    def hours_attended(self) -> float:
        return round(self.minutes_attended / 60, 1)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> DischargeFacts:
        data = json.loads(text)
        data["screenings"] = tuple(ScreeningChange(**s) for s in data.get("screenings", []))
        tests = dict(data.get("drug_tests") or {})
        tests["positive_substances"] = tuple(tests.get("positive_substances", ()))
        data["drug_tests"] = DrugTestSummary(**tests)
        obj = data.get("objectives") or {}
        data["objectives"] = ObjectiveSummary(**{k: tuple(v) for k, v in obj.items()})
        return cls(**data)


def stay_sentence(facts: DischargeFacts) -> str:
    """Admission, discharge and length of stay in one sentence."""
    if facts.length_of_stay_days is None:
        return f"Discharged on {show_date(facts.discharge_date)}; no admission date was recorded."
    weeks = facts.length_of_stay_days / 7
    return (
        f"Admitted {show_date(facts.admission_date)}, "
        f"discharged {show_date(facts.discharge_date)}: "
        f"{facts.length_of_stay_days} days in care (about {weeks:.0f} weeks)."
    )


def attendance_sentence(facts: DischargeFacts) -> str:
    """Sessions and hours attended with the attendance rate."""
    if not facts.sessions_recorded:
        return "No attendance was recorded."
    return (
        f"Attended {facts.sessions_attended} of {facts.sessions_recorded} sessions "
        f"({facts.attendance_rate:.1f}%), {facts.hours_attended:.1f} hours in all."
    )


def summary_text(facts: DischargeFacts, discharge_type: str = "") -> str:
    """The pre-filled discharge summary the clinician edits before signing."""
    lines = [
        f"Episode {facts.episode_number}. {stay_sentence(facts)}",
    ]
    if discharge_type in DISCHARGE_TYPES:
        lines.append(f"Discharge type: {DISCHARGE_TYPES[discharge_type]}.")
    lines.append(attendance_sentence(facts))
    if facts.screenings:
        lines.append("Screenings (first -> last):")
        lines += [f"  - {s.sentence()}" for s in facts.screenings]
    else:
        lines.append("No screenings were recorded during the episode.")
    lines.append(facts.drug_tests.sentence())
    lines.append(facts.objectives.sentence())
    lines += ["", "Progress and clinical impression: ", "", "Recommendations: "]
    return "\n".join(lines)
