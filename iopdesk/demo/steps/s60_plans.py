"""Demo step: the plan library and treatment plans for current (and recently discharged)
clients - signed, partly signed, drafts, reviewed, revised into version 2, some due/overdue."""

from __future__ import annotations

import datetime as dt
import json

import peewee as pw

from iopdesk.db.connection import database
from iopdesk.db.models.core import Client, Staff
from iopdesk.db.models.plans import (
    Goal,
    Intervention,
    LibraryItem,
    Objective,
    PlanReview,
    PlanSignature,
    Problem,
    TreatmentPlan,
)
from iopdesk.demo import DemoContext
from iopdesk.domain.plans import objective_number

ORDER = 60
BATCH = 400

#: (ASAM dimension, problem, goal in the client's words, objectives, intervention)
BANK = [
    (
        5,
        "Continued alcohol use despite losing two jobs; relapsed within a week of detox.",
        "I want to stay sober and keep my next job.",
        [
            "Identify five personal triggers and a coping response for each.",
            "Attend at least three IOP groups every week.",
            "Attend two AA meetings each week.",
        ],
        ("group", "relapse prevention", "3 times a week"),
    ),
    (
        4,
        "Ambivalent about changing methamphetamine use; attends when court requires it.",
        "I want to decide for myself what I want my life to look like.",
        [
            "List the pros and cons of continued use with the counselor.",
            "Set one change goal of the client's own choosing.",
        ],
        ("individual", "MI", "weekly"),
    ),
    (
        3,
        "Depressed mood and poor sleep (PHQ-9 moderate) complicate recovery.",
        "I want to feel like myself again and sleep through the night.",
        [
            "Practise one coping skill daily and log it.",
            "Complete a psychiatric evaluation.",
            "Keep a sleep log for four weeks.",
        ],
        ("group", "CBT", "twice a week"),
    ),
    (
        6,
        "Lives with a partner who drinks daily; few sober supports.",
        "I want a home where I can stay sober.",
        [
            "Name three sober supports with phone numbers.",
            "Attend two family sessions with the partner.",
        ],
        ("family", "psychoeducation", "every other week"),
    ),
    (
        2,
        "Untreated hypertension and missed primary care appointments.",
        "I want to take care of my health.",
        ["Schedule and attend a primary care visit.", "Take medication as prescribed daily."],
        ("individual", "case management", "monthly"),
    ),
    (
        3,
        "Anxiety in social situations (GAD-7 moderate) leads to using before events.",
        "I want to be around people without needing to use.",
        ["Use a breathing skill before two social events.", "Rate anxiety daily for four weeks."],
        ("group", "MBSR", "weekly"),
    ),
]
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
    (
        "objective",
        "Identify five personal triggers and a coping response for each.",
        {"target_days": 21},
    ),
    ("objective", "Attend at least three IOP groups every week.", {"target_days": 30}),
    ("objective", "Attend two mutual-help meetings each week.", {"target_days": 30}),
    (
        "objective",
        "Write a relapse prevention plan and review it with the counselor.",
        {"target_days": 45},
    ),
    ("objective", "Provide negative drug screens for four consecutive weeks.", {"target_days": 30}),
    (
        "intervention",
        "Relapse prevention skills group.",
        {"modality": "group", "approach": "relapse prevention", "frequency": "3 times a week"},
    ),
    (
        "intervention",
        "Cognitive behavioral therapy group.",
        {"modality": "group", "approach": "CBT", "frequency": "twice a week"},
    ),
    (
        "intervention",
        "Motivational interviewing sessions.",
        {"modality": "individual", "approach": "MI", "frequency": "weekly"},
    ),
    (
        "intervention",
        "DBT distress tolerance skills.",
        {"modality": "group", "approach": "DBT", "frequency": "weekly"},
    ),
    (
        "intervention",
        "Family psychoeducation session.",
        {"modality": "family", "approach": "psychoeducation", "frequency": "every other week"},
    ),
    (
        "intervention",
        "Mindfulness-based stress reduction practice.",
        {"modality": "group", "approach": "MBSR", "frequency": "weekly"},
    ),
]


class _Ids:
    """Hands out primary keys so every table can be bulk-inserted in one pass."""

    def __init__(self, model: type[pw.Model]) -> None:
        self.next = int(model.select(pw.fn.MAX(model.id)).scalar() or 0) + 1

    def take(self) -> int:
        self.next += 1
        return self.next - 1


def populate(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    admin_id = ctx.admin.staff_id if ctx.admin else None
    with database.atomic():
        LibraryItem.insert_many(
            [
                {"kind": k, "text": t, "fields": json.dumps(f), "created_by": admin_id}
                for k, t, f in LIBRARY
            ]
        ).execute()
    staff = {s.id: s.display_name for s in Staff.select()}
    supervisor = ctx.supervisor.staff_id if ctx.supervisor else None
    recent = today - dt.timedelta(days=365 if ctx.scale == "small" else 90)
    chosen = [
        (cid, ep, status, counselor, admitted)
        for cid, (ep, status, counselor, admitted) in ctx.clients.items()
        if admitted is not None and (status == "active" or admitted >= recent)
    ]
    names = (
        {c.id: c.full_name for c in Client.select().where(Client.id.in_([c[0] for c in chosen]))}
        if chosen
        else {}
    )
    interval = 30
    ids = {m: _Ids(m) for m in (TreatmentPlan, Problem, Goal, Objective)}
    rows: dict[type[pw.Model], list[dict]] = {
        m: []
        for m in (TreatmentPlan, Problem, Goal, Objective, Intervention, PlanSignature, PlanReview)
    }

    def plan_row(cid, ep, counselor, start, version, status, previous, next_review, signed=None):
        pid = ids[TreatmentPlan].take()
        rows[TreatmentPlan].append(
            {
                "id": pid,
                "client": cid,
                "episode": ep,
                "version": version,
                "status": status,
                "diagnosis": "Alcohol use disorder, moderate"
                if cid % 3
                else "Stimulant use disorder, severe",
                "icd10_code": "F10.20" if cid % 3 else "F15.20",
                "level_of_care": "ASAM 2.1 Intensive outpatient",
                "counselor": counselor,
                "start_date": start,
                "next_review_date": next_review,
                "previous": previous,
                "created_by": counselor or admin_id,
                "signed_at": dt.datetime.combine(signed or start, dt.time(15))
                if status in ("signed", "superseded")
                else None,
            }
        )
        return pid

    def content(pid, picks, start, statuses):
        objective_ids = []
        for p_pos, (dim, problem, goal, objectives, (mod, appr, freq)) in enumerate(picks, 1):
            prob = ids[Problem].take()
            rows[Problem].append(
                {
                    "id": prob,
                    "plan": pid,
                    "position": p_pos,
                    "statement": problem,
                    "asam_dimension": dim,
                }
            )
            gid = ids[Goal].take()
            rows[Goal].append({"id": gid, "problem": prob, "position": 1, "text": goal})
            for o_pos, text in enumerate(objectives, 1):
                oid = ids[Objective].take()
                objective_ids.append((oid, objective_number(p_pos, o_pos), text))
                rows[Objective].append(
                    {
                        "id": oid,
                        "goal": gid,
                        "position": o_pos,
                        "text": text,
                        "target_date": start + dt.timedelta(days=rng.choice((21, 30, 45, 60))),
                        "status": statuses.get(len(objective_ids), "open"),
                    }
                )
                rows[Intervention].append(
                    {
                        "objective": oid,
                        "position": 1,
                        "modality": mod,
                        "approach": appr,
                        "description": "",
                        "frequency": freq,
                        "responsible": None,
                    }
                )
        return objective_ids

    def sign(pid, cid, counselor, day, roles):
        for role in roles:
            signer = None if role == "client" else counselor if role == "counselor" else supervisor
            rows[PlanSignature].append(
                {
                    "plan": pid,
                    "role": role,
                    "signer": signer,
                    "signer_name": names.get(cid, "") if signer is None else staff[signer],
                    "signed_on": day,
                    "on_paper": role == "client" and rng.random() < 0.3,
                    "recorded_by": counselor or supervisor,
                }
            )

    for cid, ep, status, counselor, admitted in chosen:
        start = min(today, admitted + dt.timedelta(days=rng.randint(3, 7)))
        picks = rng.sample(BANK, rng.randint(2, 3))
        # Drafts and missing co-signatures belong to current clients only.
        roll = rng.random() if status == "active" else 1.0
        own = counselor == supervisor
        if own and status != "active":
            # Her past clients' plans were co-signed by her as supervisor: another counselor.
            counselor = next(a.staff_id for a in ctx.clinicians if a.staff_id != supervisor)
        if roll < 0.1:  # a plan still being written
            pid = plan_row(cid, ep, counselor, start, 1, "draft", None, start + dt.timedelta(30))
            content(pid, picks, start, {})
            continue
        if roll < 0.2 or (own and status == "active"):  # waiting for the supervisor's co-signature
            pid = plan_row(
                cid,
                ep,
                counselor,
                start,
                1,
                "partially_signed",
                None,
                start + dt.timedelta(interval),
            )
            content(pid, picks, start, {})
            sign(pid, cid, counselor, start, ("client", "counselor"))
            continue
        last_review = None
        reviews = []
        day = start + dt.timedelta(days=interval)
        while day <= today - dt.timedelta(days=rng.randint(0, 6)) and status == "active":
            reviews.append(day)
            day += dt.timedelta(days=interval)
        if reviews and rng.random() < 0.2:
            reviews.pop()  # a review not yet done: this plan shows as overdue on Today
        revised = (bool(reviews) and rng.random() < 0.6) or rng.random() < 0.12
        revised_on = reviews[0] if reviews else min(today, start + dt.timedelta(days=7))
        first_next = (
            (reviews[0] + dt.timedelta(interval)) if reviews else start + dt.timedelta(interval)
        )
        v1 = plan_row(
            cid,
            ep,
            counselor,
            start,
            1,
            "superseded" if revised else "signed",
            None,
            first_next if revised else (reviews[-1] if reviews else start) + dt.timedelta(interval),
        )
        objectives = content(v1, picks, start, {})
        sign(v1, cid, counselor, start, ("client", "counselor", "supervisor"))
        for n, review_day in enumerate(reviews):
            target = v1 if not revised or n == 0 else None
            progress = [
                {
                    "objective_id": oid,
                    "number": num,
                    "text": text,
                    "status": "met" if i == 0 and n == 0 else "open",
                    "note": "Reports steady progress." if i else "Completed.",
                }
                for i, (oid, num, text) in enumerate(objectives)
            ]
            if target is not None:
                rows[PlanReview].append(
                    {
                        "plan": target,
                        "review_date": review_day,
                        "progress": json.dumps(progress),
                        "changes": "Objective 1.1 met; new version." if revised else "No changes.",
                        "by": counselor or supervisor,
                    }
                )
            last_review = review_day
        if revised:
            v2_next = (last_review or start) + dt.timedelta(interval)
            v2 = plan_row(cid, ep, counselor, start, 2, "signed", v1, v2_next, revised_on)
            content(v2, picks, start, {1: "met"})
            sign(v2, cid, counselor, revised_on, ("client", "counselor", "supervisor"))
    with database.atomic():
        for model in (
            TreatmentPlan,
            Problem,
            Goal,
            Objective,
            Intervention,
            PlanSignature,
            PlanReview,
        ):
            batch = rows[model]
            # Self-references (previous version) need the earlier row first: ids ascend.
            for start_at in range(0, len(batch), BATCH):
                model.insert_many(batch[start_at : start_at + BATCH]).execute()
    ctx.log(
        f"demo: {len(rows[TreatmentPlan])} treatment plan versions, {len(LIBRARY)} library entries"
    )
