"""Demo step: intake assessments in every state (draft, signed, with addenda), screenings with
realistic totals and a couple of PHQ-9 item 9 safety flags."""

from __future__ import annotations

import datetime as dt
import json
import random

from peewee import fn

from iopdesk.db.connection import database
from iopdesk.db.models.core import Client
from iopdesk.db.models.intake import (
    AsamRating,
    IntakeAddendum,
    IntakeAssessment,
    SafetyFollowUp,
    ScreeningResult,
    SubstanceUse,
    SuitabilityAnswer,
)
from iopdesk.demo import DemoContext
from iopdesk.domain.intake import ASAM_DIMENSIONS, IOP, SECTIONS, SUITABILITY_CRITERIA
from iopdesk.domain.screenings import INSTRUMENTS, SAFETY_FLAG, score

ORDER = 30
BATCH = 500
#: At the large scale only the most recent intakes are written, so the demo builds in minutes.
LARGE_LIMIT = 2_000

TEXTS = {
    "presenting_problem": [
        "Client reports daily drinking since a job loss eight months ago; two DUIs. Wants to "
        'keep custody of her children and says "I can\'t stop on my own."',
        "Referred by drug court after a possession charge. Uses methamphetamine most weekends "
        'and cannabis daily; says use is "getting out of hand" at work.',
        "Self-referred after an overdose on fentanyl-laced pills; completed withdrawal "
        "management last week and is stepping down to IOP.",
    ],
    "mental_health": [
        "Diagnosed with major depression in 2019; took sertraline for a year. Reports low mood "
        "and poor sleep. No psychiatric hospitalizations.",
        "History of panic attacks and generalized anxiety; no current treatment. Denies psychosis.",
    ],
    "medical": [
        "Hypertension, on lisinopril 10 mg daily. Elevated liver enzymes at last physical.",
        "No chronic conditions. Hepatitis C screening pending. Takes ibuprofen as needed.",
    ],
    "legal": [
        "On probation until next year for a second-degree DUI; must complete treatment.",
        "Pending possession charge; next court date in six weeks.",
        "No current legal involvement.",
    ],
    "employment": [
        "Works full time as a warehouse lead, day shift; employer aware of treatment.",
        "Unemployed since spring; was a line cook. Interested in vocational referral.",
        "Community college student, part time.",
    ],
    "housing": [
        "Rents an apartment with partner, who does not use. Stable.",
        "Lives with parents; home is alcohol-free and supportive.",
        "Staying with a friend temporarily; on a sober living waitlist.",
    ],
    "family_social": [
        "Two children (6 and 9). Sister is supportive and attends family sessions.",
        "Divorced; limited contact with family. Friends mostly still using.",
    ],
    "prior_treatment": [
        "Outpatient treatment in 2017, completed; relapsed after a year.",
        "No prior treatment. Attended a few AA meetings.",
        "Residential program in 2021, left after 12 days.",
    ],
}
SUBSTANCES = [
    ("Alcohol", "Daily", "Oral", "10-12 beers"),
    ("Cannabis", "Daily", "Smoked", "2 grams"),
    ("Methamphetamine", "Several times a week", "Smoked", "0.5 gram"),
    ("Opioids (fentanyl)", "Daily", "Smoked", "3-4 pills"),
    ("Cocaine", "Weekly", "Intranasal", "1 gram"),
    ("Benzodiazepines", "Several times a month", "Oral", "2-3 tablets"),
]
ADDENDA = [
    "Client later disclosed daily cannabis use not reported at intake; substance table "
    "should include it.",
    "Corrected date of last use: two days later than recorded, per client's journal.",
]


def leaning_answers(rng: random.Random, code: str, severity: float) -> dict[int, int]:
    """Answers leaning toward ``severity`` (0 mild .. 1 severe), within each item's choices."""
    out = {}
    for item in INSTRUMENTS[code].items:
        top = len(item.choices) - 1
        value = round(min(top, max(0, rng.gauss(severity * top, 0.8))))
        out[item.number] = value
    if code == "PHQ9":
        out[9] = 0
    return out


def screening_row(code, answers, **fields) -> dict:
    result = score(code, answers)
    return {
        "code": code,
        "answers": json.dumps({str(k): v for k, v in answers.items()}),
        "total": result.total,
        "band": result.band or "",
        "complete": result.complete,
        "flags": "\n".join(result.flags),
        **fields,
    }


def _chosen(ctx: DemoContext) -> list[tuple[int, int, str, int | None, dt.date | None]]:
    rows = [
        (cid, ep, status, counselor, admitted)
        for cid, (ep, status, counselor, admitted) in ctx.clients.items()
        if status in ("intake", "active", "discharged")
    ]
    if ctx.scale == "large":
        open_ = [r for r in rows if r[2] != "discharged"]
        closed = sorted((r for r in rows if r[2] == "discharged"), key=lambda r: r[4], reverse=True)
        rows = open_ + closed[: max(0, LARGE_LIMIT - len(open_))]
    return rows


def populate(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    counselors = [a.staff_id for a in ctx.clinicians]
    first_id = (IntakeAssessment.select(fn.MAX(IntakeAssessment.id)).scalar() or 0) + 1
    first_screening = (ScreeningResult.select(fn.MAX(ScreeningResult.id)).scalar() or 0) + 1
    rows: dict[str, list[dict]] = {k: [] for k in ("a", "sub", "asam", "suit", "scr", "add", "fup")}
    flagged: list[tuple[int, int, dt.date]] = []
    chosen = _chosen(ctx)
    for n, (client_id, episode_id, status, counselor, admitted) in enumerate(chosen):
        aid = first_id + n
        author = counselor or rng.choice(counselors)
        assessed = (admitted or today) - dt.timedelta(days=rng.randint(0, 6))
        draft = status == "intake"
        fill = rng.random() if draft else 1.0
        sections = {
            key: rng.choice(TEXTS[key]) for key in SECTIONS if rng.random() < max(fill, 0.15)
        }
        high = rng.random() < 0.2
        signed_at = dt.datetime.combine(admitted or assessed, dt.time(rng.randint(9, 16), 30))
        rows["a"].append(
            {
                "id": aid,
                "client": client_id,
                "episode": episode_id,
                "status": "draft" if draft else "signed",
                "assessed_on": assessed,
                "sections": json.dumps(sections),
                "level_of_care": "" if draft and fill < 0.8 else IOP,
                "rationale": ""
                if draft
                else "Meets the program's criteria; lives at home with support and can keep "
                "the evening schedule.",
                "justification": "Strong outpatient supports; dimension risk reviewed with "
                "supervisor."
                if high and not draft
                else "",
                "created_by": author,
                "created_at": dt.datetime.combine(assessed, dt.time(9, 0)),
                "updated_by": author,
                "updated_at": dt.datetime.combine(assessed, dt.time(11, 0)),
                "signed_by": None if draft else author,
                "signed_at": None if draft else signed_at,
            }
        )
        for position, (name, freq, route, amount) in enumerate(
            rng.sample(SUBSTANCES, rng.choice((1, 1, 2, 3)))
        ):
            rows["sub"].append(
                {
                    "assessment": aid,
                    "position": position,
                    "substance": name,
                    "age_first_use": rng.randint(13, 19),
                    "frequency": freq,
                    "route": route,
                    "usual_amount": amount,
                    "last_use": assessed - dt.timedelta(days=rng.randint(1, 20)),
                }
            )
        for dim in ASAM_DIMENSIONS:
            if draft and rng.random() > fill:
                continue
            rating = rng.choice((1, 2, 2, 3) if high else (0, 1, 1, 2))
            rows["asam"].append(
                {
                    "assessment": aid,
                    "dimension": dim,
                    "rating": rating,
                    "narrative": f"Rated {rating}: see presenting problem and history.",
                }
            )
        for key in SUITABILITY_CRITERIA:
            if not draft or rng.random() < fill:
                rows["suit"].append(
                    {"assessment": aid, "criterion": key, "answer": "yes", "note": ""}
                )
        severity = rng.random()
        for code in ("PHQ9", "GAD7", rng.choice(("AUDIT", "DAST10"))):
            answers = leaning_answers(rng, code, severity)
            if draft and fill < 0.5 and code != "PHQ9":
                continue
            rows["scr"].append(
                screening_row(
                    code,
                    answers,
                    id=first_screening + len(rows["scr"]),
                    client=client_id,
                    episode=episode_id,
                    assessment=aid,
                    administered_on=assessed,
                    administered_by=author,
                )
            )
        if status == "active" and rng.random() < 0.5 and admitted and admitted < today:
            later = admitted + dt.timedelta(days=rng.randint(1, max(1, (today - admitted).days)))
            rows["scr"].append(
                screening_row(
                    "PHQ9",
                    leaning_answers(rng, "PHQ9", severity * 0.6),
                    id=first_screening + len(rows["scr"]),
                    client=client_id,
                    episode=episode_id,
                    assessment=None,
                    administered_on=later,
                    administered_by=author,
                )
            )
        if not draft and rng.random() < 0.12:
            rows["add"].append(
                {
                    "assessment": aid,
                    "text": rng.choice(ADDENDA),
                    "written_by": author,
                    "written_at": signed_at + dt.timedelta(days=rng.randint(1, 10)),
                }
            )
    _flags(ctx, rows, flagged)
    with database.atomic():
        for key, model in (
            ("a", IntakeAssessment),
            ("sub", SubstanceUse),
            ("asam", AsamRating),
            ("suit", SuitabilityAnswer),
            ("scr", ScreeningResult),
            ("add", IntakeAddendum),
            ("fup", SafetyFollowUp),
        ):
            for start in range(0, len(rows[key]), BATCH):
                model.insert_many(rows[key][start : start + BATCH]).execute()
        for client_id, _sid, day in flagged:
            Client.update(safety_flag=f"{SAFETY_FLAG} (PHQ-9 of {day.isoformat()})").where(
                Client.id == client_id
            ).execute()
    ctx.log(f"demo: {len(rows['a']):,} intake assessments, {len(rows['scr']):,} screenings")


def _flags(ctx: DemoContext, rows: dict[str, list[dict]], flagged: list) -> None:
    """Item 9 above zero on three open clients' intake PHQ-9: two still waiting, one followed up."""
    open_ids = {cid for cid, (_, status, _, _) in ctx.clients.items() if status != "discharged"}
    phq9 = [
        r
        for r in rows["scr"]
        if r["code"] == "PHQ9" and r["client"] in open_ids and r["assessment"]
    ]
    for n, row in enumerate(phq9[:3]):
        answers = {int(k): v for k, v in json.loads(row["answers"]).items()}
        answers[9] = 1 + n % 2
        row.update(screening_row("PHQ9", answers))
        if n == 2:
            rows["fup"].append(
                {
                    "client": row["client"],
                    "screening": row["id"],
                    "recorded_by": row["administered_by"],
                    "recorded_at": dt.datetime.combine(row["administered_on"], dt.time(15, 0)),
                    "note": "Assessed risk with the client: passive thoughts, no plan or intent. "
                    "Safety plan written; crisis line 988 given.",
                }
            )
        else:
            flagged.append((row["client"], row["id"], row["administered_on"]))
