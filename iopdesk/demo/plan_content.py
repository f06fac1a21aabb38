"""What the demo's treatment plans say: problems drawn from each client's own intake, and the
plan library every clinic starts with."""

from __future__ import annotations

import random
from dataclasses import dataclass

from iopdesk.demo.stories import Story
from iopdesk.domain.screenings import band_for


@dataclass(frozen=True)
class PlanProblem:
    """One problem with its goal (the client's words), objectives and intervention."""

    dimension: int
    statement: str
    goal: str
    objectives: tuple[str, ...]
    intervention: tuple[str, str, str]  # modality, approach, frequency


def problems_for(rng: random.Random, story: Story, scores: dict[str, int]) -> list[PlanProblem]:
    """The continued-use problem, then one or two of what the intake found."""
    noun = story.primary.noun
    found = [
        PlanProblem(6, "Few sober supports; most friends still use.",
                    "I want people around me who support my recovery.",
                    ("Name three sober supports with phone numbers.",
                     "Attend two family sessions with a support person."),
                    ("family", "psychoeducation", "every other week")),
    ]  # fmt: skip
    if story.referral in ("Drug court", "Probation"):
        found.append(PlanProblem(
            4, f"Ambivalent about stopping {noun}; attends because the court requires it.",
            "I want to decide for myself what my life looks like.",
            ("List the pros and cons of continued use with the counselor.",
             "Set one change goal of the client's own choosing."),
            ("individual", "MI", "weekly")))  # fmt: skip
    phq9, gad7 = scores.get("PHQ9", 0), scores.get("GAD7", 0)
    if phq9 >= 10:
        found.append(PlanProblem(
            3, f"Depressed mood and poor sleep (PHQ-9 {phq9}, {band_for('PHQ9', phq9)}) "
            "complicate recovery.",
            "I want to feel like myself again and sleep through the night.",
            ("Practise one coping skill daily and log it.", "Complete a psychiatric evaluation.",
             "Keep a sleep log for four weeks."),
            ("group", "CBT", "twice a week")))  # fmt: skip
    if gad7 >= 10:
        found.append(PlanProblem(
            3, f"Anxiety (GAD-7 {gad7}, {band_for('GAD7', gad7)}) leads to using before "
            "social events.",
            "I want to be around people without needing to use.",
            ("Use a breathing skill before two social events.",
             "Rate anxiety daily for four weeks."),
            ("group", "MBSR", "weekly")))  # fmt: skip
    use = PlanProblem(
        5, f"Continued {noun} use despite harm to work, health and family.",
        "I want to stay sober and keep my next job." if story.uses_alcohol
        else "I want to stop using and keep my next job.",
        ("Identify five personal triggers and a coping response for each.",
         "Attend at least three IOP groups every week.",
         "Attend two mutual-help meetings each week."),
        ("group", "relapse prevention", "3 times a week"))  # fmt: skip
    return [use, *rng.sample(found, min(len(found), rng.randint(1, 2)))]


LIBRARY = [
    ("problem", "Continued use despite negative consequences.", {"asam_dimension": 5}),
    ("problem", "Limited sober support network.", {"asam_dimension": 6}),
    ("problem", "Co-occurring depressive symptoms.", {"asam_dimension": 3}),
    ("problem", "Low readiness to change.", {"asam_dimension": 4}),
    ("problem", "Unstable housing.", {"asam_dimension": 6}),
    ("goal", "I want to stay sober one day at a time.", {}),
    ("goal", "I want to rebuild trust with my family.", {}),
    ("goal", "I want to keep my job.", {}),
    ("goal", "I want to handle stress without using.", {}),
    ("objective", "Identify five personal triggers and a coping response for each.",
     {"target_days": 21}),
    ("objective", "Attend at least three IOP groups every week.", {"target_days": 30}),
    ("objective", "Attend two mutual-help meetings each week.", {"target_days": 30}),
    ("objective", "Write a relapse prevention plan and review it with the counselor.",
     {"target_days": 45}),
    ("objective", "Provide negative drug screens for four consecutive weeks.", {"target_days": 30}),
    ("intervention", "Relapse prevention skills group.",
     {"modality": "group", "approach": "relapse prevention", "frequency": "3 times a week"}),
    ("intervention", "Cognitive behavioral therapy group.",
     {"modality": "group", "approach": "CBT", "frequency": "twice a week"}),
    ("intervention", "Motivational interviewing sessions.",
     {"modality": "individual", "approach": "MI", "frequency": "weekly"}),
    ("intervention", "DBT distress tolerance skills.",
     {"modality": "group", "approach": "DBT", "frequency": "weekly"}),
    ("intervention", "Family psychoeducation session.",
     {"modality": "family", "approach": "psychoeducation", "frequency": "every other week"}),
    ("intervention", "Mindfulness-based stress reduction practice.",
     {"modality": "group", "approach": "MBSR", "frequency": "weekly"}),
]  # fmt: skip

#: How many of a discharged client's objectives were met, as a share, by discharge type.
MET_SHARE = {"completed": (0.75, 1.0), "transferred": (0.3, 0.5), "other": (0.3, 0.5),
             "left_against_advice": (0.0, 0.34), "terminated": (0.0, 0.34),
             "incarcerated": (0.0, 0.34)}  # fmt: skip


def final_statuses(rng: random.Random, outcome: str, count: int) -> list[str]:
    """Objective statuses of a discharged client's last plan version, in plan order: the
    earliest objectives are the ones met."""
    low, high = MET_SHARE.get(outcome, (0.3, 0.5))
    met = round(count * rng.uniform(low, high))
    if outcome == "completed":
        met = min(count, max(met, count // 2 + 1))  # completing treatment: most were met
    return ["met"] * met + ["open"] * (count - met)
