"""The demo intake's ASAM ratings, each with a narrative that says why, in the counselor's words.

A rating follows from what the rest of the intake says (last use, screening scores, medical
history, referral, prior treatment, housing), and its narrative names those facts, so no two
clients read alike and no rating stands without a reason.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from iopdesk.demo.stories import Story, pronouns
from iopdesk.domain.screenings import band_for


@dataclass(frozen=True)
class IntakeFacts:
    """What the intake found that the six dimensions are rated from."""

    days_since_use: int
    phq9: int
    gad7: int
    medical: str  # a MEDICAL key in s30_intake
    prior: str  # a PRIOR key in s30_intake
    housing: str  # a HOUSING key in s30_intake
    age: int = 40
    self_harm: int = 0  # the PHQ-9 item 9 answer


TRIGGERS = ["payday", "arguments at home", "driving past the old bar", "Friday nights",
            "being alone after work", "calls from old friends", "poor sleep"]  # fmt: skip
GOALS = ["keeping custody of the children", "getting a driver's license back",
         "staying employed", "repairing things with family", "finishing school",
         "getting off probation"]  # fmt: skip


#: How the readiness narrative says where the client came from, by referral source.
CAME = {
    "Self": "Came in on {their} own",
    "Family": "Came at {their} family's urging",
    "Primary care": "Referred by {their} primary care doctor",
    "Employer EAP": "Referred by {their} employer's assistance program",
    "Emergency department": "Referred from the emergency department",
    "Withdrawal management step-down": "Stepped down from withdrawal management",
}


def _days(days: int) -> str:
    return f"{days} day" if days == 1 else f"{days} days"


def _withdrawal(rng: random.Random, story: Story, days: int) -> tuple[int, str]:
    primary = story.substances[0]
    if primary == "alcohol":
        ciwa = rng.randint(7, 10) if days <= 3 else rng.randint(1, 5)
        rating = 2 if days <= 3 else 1
        return rating, (
            f"Last drink {_days(days)} before the assessment; CIWA-Ar {ciwa}"
            + ("; mild tremor, withdrawal checked daily this week." if rating == 2 else
               ", no tremor or sweats.")
        )  # fmt: skip
    if primary == "opioids":
        cows = rng.randint(2, 6)
        return 1, (
            f"Last used fentanyl {_days(days)} ago; COWS {cows} today. On buprenorphine "
            f"{rng.choice((8, 12, 16))} mg daily; no missed doses."
        )
    if primary == "benzodiazepines":
        return 2, (
            f"Last took alprazolam {_days(days)} ago; a taper is managed with the prescriber "
            "because stopping suddenly risks seizures. No seizure history."
        )
    name = story.primary.name.lower()
    return (1 if days <= 5 else 0), (
        f"Last used {name} {_days(days)} before the assessment; fatigue and irritability "
        "only, no withdrawal needing medical care."
    )


def _biomedical(rng: random.Random, medical: str) -> tuple[int, str]:
    if medical == "hypertension":
        return 1, (
            f"Hypertension on lisinopril; blood pressure {rng.randint(136, 152)}/"
            f"{rng.randint(86, 96)} today. Elevated liver enzymes: primary care follow-up set."
        )
    if medical == "back":
        return 1, (
            "Chronic low back pain since surgery; physical therapy twice a week, no opioid "
            f"prescription since {rng.choice(('March', 'June', 'September'))}."
        )
    return 0, (
        f"No chronic conditions; hepatitis C screening pending, last physical "
        f"{rng.randint(2, 14)} months ago. Ibuprofen as needed only."
    )


def _emotional(facts: IntakeFacts) -> tuple[int, str]:
    worst = max(facts.phq9, facts.gad7 * 27 // 21)
    rating = 0 if worst < 5 else 1 if worst < 10 else 2 if worst < 20 else 3
    scores = (
        f"PHQ-9 {facts.phq9} ({band_for('PHQ9', facts.phq9)}), GAD-7 {facts.gad7} "
        f"({band_for('GAD7', facts.gad7)}). No psychosis; "
    )
    if facts.self_harm:
        return max(rating, 2), scores + (
            f"PHQ-9 item 9 answered {facts.self_harm}: passive thoughts of death, no plan or "
            "intent; safety assessment with the supervisor the same day."
        )
    return rating, scores + "denies thoughts of self-harm; follows up with " + (
        "a psychiatric evaluation." if rating >= 2 else "group skills work."
    )


def _readiness(rng: random.Random, story: Story) -> tuple[int, str]:
    goal = rng.choice(GOALS)
    if story.referral in ("Drug court", "Probation"):
        return 2, (
            f"Attends because the court requires it and is ambivalent; did agree to one change "
            f"goal of {pronouns(story.sex)['their']} own: {goal}."
        )
    came = CAME.get(story.referral, "Came to treatment").format(**pronouns(story.sex))
    return 1, f"{came}; names {goal} as the reason to change and asked about evening groups."


def _relapse(rng: random.Random, prior: str, age: int) -> tuple[int, str]:
    trigger = rng.choice(TRIGGERS)
    if prior == "residential":
        return 3, (
            f"Left residential treatment after 12 days in 2021 and used the same night; daily "
            f"cravings, strongest around {trigger}."
        )
    if prior == "outpatient":
        return 2, (
            f"Relapsed a year after finishing outpatient treatment in 2017; cravings "
            f"{rng.choice(('most days', 'several times a week'))}, worst around {trigger}."
        )
    return 2, (
        f"First treatment; has not gone more than {rng.randint(2, 3)} weeks without using "
        f"since age {rng.randint(15, min(24, age - 2))}. Main trigger: {trigger}."
    )


def _environment(rng: random.Random, housing: str) -> tuple[int, str]:
    if housing == "friend":
        return 2, (
            "Staying with a friend who still uses; on the sober living waitlist "
            f"(number {rng.randint(3, 15)}); takes the bus to groups."
        )
    if housing == "parents":
        return 1, (
            f"Lives with parents in an alcohol-free home {rng.randint(2, 20)} minutes from the "
            "clinic; a parent drives to evening groups."
        )
    return 1, (
        f"Rents an apartment with a partner of {rng.randint(2, 12)} years who does not use "
        "and will join family sessions."
    )


def rate(rng: random.Random, story: Story, facts: IntakeFacts) -> dict[int, tuple[int, str]]:
    """Dimension -> (rating, narrative) for one intake."""
    return {
        1: _withdrawal(rng, story, facts.days_since_use),
        2: _biomedical(rng, facts.medical),
        3: _emotional(facts),
        4: _readiness(rng, story),
        5: _relapse(rng, facts.prior, facts.age),
        6: _environment(rng, facts.housing),
    }
