"""Demo step: intake assessments in every state (draft, signed, with addenda), screenings with
realistic totals, a couple of PHQ-9 item 9 safety flags, and a repeat PHQ-9 and GAD-7 near
each discharge. Every intake tells its client's story (see demo/stories)."""

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
from iopdesk.demo.asam import IntakeFacts, rate
from iopdesk.demo.stories import SUBSTANCES, Story
from iopdesk.domain.intake import HIGH_RATING, IOP, SECTIONS, SUITABILITY_CRITERIA
from iopdesk.domain.records import age_on
from iopdesk.domain.screenings import INSTRUMENTS, SAFETY_FLAG, score

ORDER = 30
BATCH = 500
#: Open clients whose intake PHQ-9 has item 9 above zero: two wait for a follow-up, one has it.
FLAGGED = 3

MENTAL_HEALTH = {
    "depression": "Diagnosed with major depression in 2019; took sertraline for a year. "
    "Reports low mood and poor sleep. No psychiatric hospitalizations.",
    "anxiety": "History of panic attacks and generalized anxiety; no current treatment. "
    "Denies psychosis.",
    "none": "No mental health treatment in the past; mood and sleep worse when using.",
}
MEDICAL = {
    "hypertension": "Hypertension, on lisinopril 10 mg daily. Elevated liver enzymes at last "
    "physical.",
    "back": "Low back surgery three years ago; physical therapy now, no pain medication.",
    "none": "No chronic conditions. Hepatitis C screening pending. Takes ibuprofen as needed.",
}
EMPLOYMENT = {
    "working": "Works full time as a warehouse lead, day shift; employer aware of treatment.",
    "unemployed": "Unemployed since spring; was a line cook. Interested in vocational referral.",
    "student": "Community college student, part time.",
}
HOUSING = {
    "partner": "Rents an apartment with a partner, who does not use. Stable.",
    "parents": "Lives with parents; home is alcohol-free and supportive.",
    "friend": "Staying with a friend temporarily; on a sober living waitlist.",
}
#: (family and social support, youngest age it fits)
FAMILY = [
    ("Two children (6 and 9). Sister is supportive and attends family sessions.", 28),
    ("Divorced; limited contact with family. Friends mostly still using.", 25),
    ("Close to a grandmother; a cousin in recovery offers rides to meetings.", 18),
]
#: Below this age a client has no chronic illness or earlier treatment history in the demo.
HISTORY_AGE = 28
PRIOR = {
    "outpatient": "Outpatient treatment in 2017, completed; relapsed after a year.",
    "none": "No prior treatment. Attended a few mutual-help meetings.",
    "residential": "Residential program in 2021, left after 12 days.",
}
ADDENDA = [
    "Corrected date of last use: two days later than recorded, per client's journal.",
    "Client's release of information for the primary care clinic was signed after intake.",
]
RATIONALE = {
    "partner": "Meets the program's criteria; lives at home with a supportive partner and can "
    "keep the group schedule.",
    "parents": "Meets the program's criteria; lives with supportive parents and can keep the "
    "group schedule.",
    "friend": "Meets the program's criteria; housing is temporary but safe while a sober living "
    "bed is found, and the group schedule fits around work.",
}
#: The suitability note where the housing needs one.
HOUSING_NOTE = {"friend": "Temporary; on the sober living waitlist."}
JUSTIFICATION = (
    "Rated 3 for relapse potential, yet IOP is chosen: supports at home, daily groups and "
    "weekly testing; reviewed with the supervisor, residential declined by the client."
)


def _answers(rng: random.Random, code: str, severity: float) -> dict[int, int]:
    """Answers leaning toward ``severity`` (0 mild .. 1 severe), within each item's choices."""
    out = {}
    for item in INSTRUMENTS[code].items:
        top = len(item.choices) - 1
        out[item.number] = round(min(top, max(0, rng.gauss(severity * top, 0.8))))
    if code == "PHQ9":
        out[9] = 0
    return out


def _screening_row(code: str, answers: dict[int, int], **fields: object) -> dict:
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


def _use_severity(rng: random.Random, story: Story, code: str) -> float:
    """AUDIT leans high when alcohol is the main substance, DAST-10 when a drug is."""
    main = (code == "AUDIT") == (story.substances[0] == "alcohol")
    return rng.uniform(0.6, 0.85) if main else rng.uniform(0.3, 0.5)


def _chosen(ctx: DemoContext) -> list[tuple[int, int, str, int | None, dt.date | None]]:
    charted = ctx.charted()
    return [
        (cid, ep, status, counselor, admitted)
        for cid, (ep, status, counselor, admitted) in ctx.clients.items()
        if status in ("intake", "active", "discharged") and cid in charted
    ]


class _Rows:
    """The rows of every intake table, collected for one bulk insert each."""

    def __init__(self) -> None:
        self.by_model: dict[type, list[dict]] = {
            m: []
            for m in (IntakeAssessment, SubstanceUse, AsamRating, SuitabilityAnswer,
                      ScreeningResult, IntakeAddendum, SafetyFollowUp)
        }  # fmt: skip
        self.next_assessment = _next_id(IntakeAssessment)
        self.next_screening = _next_id(ScreeningResult)
        self.flagged: list[tuple[int, dt.date]] = []  # (client, screening day) still waiting
        self.item9 = 0  # intake PHQ-9s given with item 9 above zero so far

    def screening(self, code: str, answers: dict[int, int], **fields: object) -> dict:
        row = _screening_row(code, answers, id=self.next_screening, **fields)
        self.next_screening += 1
        self.by_model[ScreeningResult].append(row)
        return row


def _next_id(model: type) -> int:
    return (model.select(fn.MAX(model.id)).scalar() or 0) + 1


def populate(ctx: DemoContext) -> None:
    rows = _Rows()
    for client_id, episode_id, status, counselor, admitted in _chosen(ctx):
        _intake(ctx, rows, client_id, episode_id, status, counselor, admitted)
    with database.atomic():
        for model, batch in rows.by_model.items():
            for start in range(0, len(batch), BATCH):
                model.insert_many(batch[start : start + BATCH]).execute()
        for client_id, day in rows.flagged:
            Client.update(safety_flag=f"{SAFETY_FLAG} (PHQ-9 of {day.isoformat()})").where(
                Client.id == client_id
            ).execute()
    ctx.log(
        f"demo: {len(rows.by_model[IntakeAssessment]):,} intake assessments, "
        f"{len(rows.by_model[ScreeningResult]):,} screenings"
    )


def _intake(
    ctx: DemoContext,
    rows: _Rows,
    client_id: int,
    episode_id: int,
    status: str,
    counselor: int | None,
    admitted: dt.date | None,
) -> None:
    rng, story = ctx.rng, ctx.stories[client_id]
    aid = rows.next_assessment
    rows.next_assessment += 1
    author = counselor or rng.choice(ctx.clinicians).staff_id
    assessed = (admitted or ctx.today) - dt.timedelta(days=rng.randint(0, 6))
    draft = status == "intake"
    fill = rng.random() if draft else 1.0
    surgery = "back surgery" in story.presenting
    at_work = story.referral == "Employer EAP"
    age = age_on(ctx.born[client_id], assessed)
    young = age < HISTORY_AGE
    keys = {
        "mental_health": rng.choice(list(MENTAL_HEALTH)),
        "medical": "back" if surgery else "none" if young else rng.choice(["hypertension", "none"]),
        "employment": "working" if at_work else rng.choice(list(EMPLOYMENT)),
        "housing": rng.choice(list(HOUSING)),
        "prior_treatment": "none" if young else rng.choice(list(PRIOR)),
    }
    written = {
        "presenting_problem": story.presenting,
        "mental_health": MENTAL_HEALTH[keys["mental_health"]],
        "medical": MEDICAL[keys["medical"]],
        "legal": story.legal,
        "employment": EMPLOYMENT[keys["employment"]],
        "housing": HOUSING[keys["housing"]],
        "family_social": rng.choice([text for text, youngest in FAMILY if age >= youngest]),
        "prior_treatment": PRIOR[keys["prior_treatment"]],
    }
    # A draft is written in order: what is there is the start of the form.
    sections = {k: written[k] for n, k in enumerate(SECTIONS) if not draft or n < 1 + fill * 8}
    last_use = assessed - dt.timedelta(days=rng.randint(1, 20))
    for position, key in enumerate(story.substances):
        used = SUBSTANCES[key]
        last = last_use - dt.timedelta(days=rng.randint(0, 10) if position else 0)
        rows.by_model[SubstanceUse].append(
            {"assessment": aid, "position": position, "substance": used.name,
             "age_first_use": rng.randint(13, 19), "frequency": used.frequency,
             "route": used.route, "usual_amount": used.amount, "last_use": last}
        )  # fmt: skip
    mood = {"depression": 0.55, "anxiety": 0.35, "none": 0.15}[keys["mental_health"]]
    phq9 = _answers(rng, "PHQ9", mood + rng.uniform(-0.1, 0.25))
    gad7 = _answers(rng, "GAD7", mood + (0.25 if keys["mental_health"] == "anxiety" else 0))
    if status != "discharged" and rows.item9 < FLAGGED:
        phq9[9] = 1 + rows.item9 % 2
    given = {"PHQ9": phq9, "GAD7": gad7}
    if story.uses_alcohol:
        given["AUDIT"] = _answers(rng, "AUDIT", _use_severity(rng, story, "AUDIT"))
    if story.uses_drugs:
        given["DAST10"] = _answers(rng, "DAST10", _use_severity(rng, story, "DAST10"))
    totals = {}
    for code, answers in given.items():
        if draft and fill < 0.5 and code != "PHQ9":
            continue
        row = rows.screening(code, answers, client=client_id, episode=episode_id, assessment=aid,
                             administered_on=assessed, administered_by=author)  # fmt: skip
        totals[code] = row["total"]
        if code == "PHQ9" and answers[9]:
            rows.item9 += 1
            _flag(rows, row, followed_up=rows.item9 == FLAGGED)
    ctx.scores[client_id] = totals
    facts = IntakeFacts(
        (assessed - last_use).days, score("PHQ9", phq9).total or 0, score("GAD7", gad7).total or 0,
        keys["medical"], keys["prior_treatment"], keys["housing"], age, phq9[9],
    )  # fmt: skip
    ratings = rate(rng, story, facts)
    for dim, (rating, narrative) in ratings.items():
        if draft and rng.random() > fill:
            continue
        rows.by_model[AsamRating].append(
            {"assessment": aid, "dimension": dim, "rating": rating, "narrative": narrative}
        )
    high = any(rating >= HIGH_RATING for rating, _ in ratings.values())
    for key in SUITABILITY_CRITERIA:
        if not draft or rng.random() < fill:
            note = HOUSING_NOTE.get(keys["housing"], "") if key == "living_environment" else ""
            rows.by_model[SuitabilityAnswer].append(
                {"assessment": aid, "criterion": key, "answer": "yes", "note": note}
            )
    signed_at = dt.datetime.combine(admitted or assessed, dt.time(rng.randint(9, 16), 30))
    rows.by_model[IntakeAssessment].append(
        {
            "id": aid,
            "client": client_id,
            "episode": episode_id,
            "status": "draft" if draft else "signed",
            "assessed_on": assessed,
            "sections": json.dumps(sections),
            "level_of_care": "" if draft and fill < 0.8 else IOP,
            "rationale": "" if draft else RATIONALE[keys["housing"]],
            "justification": JUSTIFICATION if high and not draft else "",
            "created_by": author,
            "created_at": dt.datetime.combine(assessed, dt.time(9, 0)),
            "updated_by": author,
            "updated_at": dt.datetime.combine(assessed, dt.time(11, 0)),
            "signed_by": None if draft else author,
            "signed_at": None if draft else signed_at,
        }
    )
    if not draft and rng.random() < 0.12:
        rows.by_model[IntakeAddendum].append(
            {"assessment": aid, "text": rng.choice(ADDENDA), "written_by": author,
             "written_at": signed_at + dt.timedelta(days=rng.randint(1, 10))}
        )  # fmt: skip
    _later_screenings(ctx, rows, client_id, episode_id, admitted, author, given)


def _flag(rows: _Rows, row: dict, followed_up: bool) -> None:
    """Item 9 above zero: the third flag is already followed up, the others wait on Today."""
    if not followed_up:
        rows.flagged.append((row["client"], row["administered_on"]))
        return
    rows.by_model[SafetyFollowUp].append(
        {
            "client": row["client"],
            "screening": row["id"],
            "recorded_by": row["administered_by"],
            "recorded_at": dt.datetime.combine(row["administered_on"], dt.time(15, 0)),
            "note": "Assessed risk with the client: passive thoughts, no plan or intent. "
            "Safety plan written; crisis line 988 given.",
        }
    )


def _later_screenings(
    ctx: DemoContext,
    rows: _Rows,
    client_id: int,
    episode_id: int,
    admitted: dt.date | None,
    author: int,
    given: dict[str, dict[int, int]],
) -> None:
    """A PHQ-9 part-way through for some active clients; PHQ-9 and GAD-7 before discharge,
    better for those who complete treatment."""
    rng, today = ctx.rng, ctx.today
    if admitted is None:
        return
    left = ctx.discharged.get(client_id)
    if left is None:
        if admitted < today and rng.random() < 0.5:
            later = admitted + dt.timedelta(days=rng.randint(1, max(1, (today - admitted).days)))
            _repeat(rng, rows, "PHQ9", given["PHQ9"], 0.6, client_id, episode_id, later, author)
        return
    better = 0.5 if ctx.stories[client_id].outcome == "completed" else 1.0
    day = max(admitted, left - dt.timedelta(days=rng.randint(3, 10)))
    for code in ("PHQ9", "GAD7"):
        _repeat(rng, rows, code, given[code], better, client_id, episode_id, day, author)


def _repeat(
    rng: random.Random,
    rows: _Rows,
    code: str,
    first: dict[int, int],
    factor: float,
    client_id: int,
    episode_id: int,
    day: dt.date,
    author: int,
) -> None:
    # Every PHQ-9 and GAD-7 item is answered 0 to 3.
    answers = {n: max(0, min(3, round(v * factor + rng.gauss(0, 0.4)))) for n, v in first.items()}
    if code == "PHQ9":
        answers[9] = 0
    rows.screening(code, answers, client=client_id, episode=episode_id, assessment=None,
                   administered_on=day, administered_by=author)  # fmt: skip
