"""Demo step: the state reporting (TEDS) answers of every signed intake, drawn to look like a
Minnesota IOP's admissions; a few questions are left unasked, as happens."""

from __future__ import annotations

from collections import defaultdict

from iopdesk.db.connection import database
from iopdesk.db.models.core import Client, Episode
from iopdesk.db.models.intake import IntakeAssessment, SubstanceUse
from iopdesk.db.models.teds import TedsAdmission
from iopdesk.demo import DemoContext
from iopdesk.domain import teds

ORDER = 35
BATCH = 500
#: The demo's substance history names -> TEDS substance and usual route.
SUBSTANCES = {
    "Alcohol": ("alcohol", "oral"),
    "Cannabis": ("marijuana", "smoking"),
    "Methamphetamine": ("methamphetamine", "smoking"),
    "Opioids (fentanyl)": ("other_opiates", "smoking"),
    "Cocaine": ("cocaine", "inhalation"),
    "Benzodiazepines": ("benzodiazepines", "oral"),
}
#: The demo's referral sources -> TEDS referral source (PSOURCE).
REFERRALS = {
    "Self": "individual",
    "Family": "individual",
    "Drug court": "court",
    "Probation": "court",
    "Primary care": "health_provider",
    "Emergency department": "health_provider",
    "Employer EAP": "employer",
    "Withdrawal management step-down": "sud_provider",
}
WEIGHTS = {
    "race": {"white": 70, "black": 12, "american_indian": 5, "asian": 4, "multiple": 5,
             "other": 2, "unknown": 2},
    "ethnicity": {"not_hispanic": 88, "mexican": 6, "hispanic_unspecified": 3,
                  "puerto_rican": 1, "unknown": 2},
    "education": {"grade_8_or_less": 3, "grades_9_11": 14, "grade_12": 40, "college_1_3": 30,
                  "college_4_plus": 13},
    "employment": {"full_time": 38, "part_time": 14, "unemployed": 33, "not_in_labor_force": 15},
    "living": {"independent": 64, "dependent": 30, "homeless": 6},
    "veteran": {"no": 91, "yes": 7, "unknown": 2},
    "arrests": {"0": 84, "1": 12, "2": 3, "unknown": 1},
}  # fmt: skip
FREQUENCY = {"Daily": "daily"}
#: Share of questions a busy intake leaves unasked.
UNASKED = 0.03


def _pick(rng, key: str) -> str:
    table = WEIGHTS[key]
    return rng.choices(list(table), list(table.values()))[0]


def populate(ctx: DemoContext) -> None:
    rng = ctx.rng
    signed = (
        IntakeAssessment.select(IntakeAssessment.id, Client.sex, Episode.referral_source)
        .join(Client, on=(IntakeAssessment.client == Client.id))
        .switch(IntakeAssessment)
        .join(Episode, on=(IntakeAssessment.episode == Episode.id))
        .where(IntakeAssessment.status == "signed")
        .tuples()
    )
    used = defaultdict(list)
    for row in SubstanceUse.select().order_by(SubstanceUse.assessment, SubstanceUse.position):
        used[row.assessment_id].append(row)
    rows = []
    for assessment_id, sex, referral in signed:
        answers = {key: _pick(rng, key) for key in WEIGHTS}
        answers["gender"] = sex if sex in ("male", "female") else "unknown"
        answers["pregnant"] = "" if sex != "female" else ("yes" if rng.random() < 0.04 else "no")
        answers["referral"] = REFERRALS.get(referral, "community")
        answers["prior_episodes"] = str(rng.choices(range(5), [45, 28, 14, 8, 5])[0])
        answers["self_help"] = rng.choice(("0", "0", "2", "4", "8", teds.SOME_UNKNOWN))
        for rank, substance in enumerate(used[assessment_id][:3], start=1):
            kind, route = SUBSTANCES.get(substance.substance, ("other", "other"))
            answers |= {
                f"sub{rank}": kind,
                f"route{rank}": route,
                f"freq{rank}": FREQUENCY.get(substance.frequency, "some"),
                f"age{rank}": str(substance.age_first_use or ""),
            }
        for rank in range(len(used[assessment_id]) + 1, 4):
            answers[f"sub{rank}"] = "none"
        answers = {k: v for k, v in answers.items() if rng.random() >= UNASKED}
        rows.append({q.key: "" for q in teds.ADMISSION} | teds.settle(answers))
        rows[-1]["assessment"] = assessment_id
    with database.atomic():
        for start in range(0, len(rows), BATCH):
            TedsAdmission.insert_many(rows[start : start + BATCH]).execute()
    ctx.log(f"demo: state reporting answers for {len(rows):,} signed intakes")
