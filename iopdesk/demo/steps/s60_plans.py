"""Demo step: the plan library and treatment plans for current and charted discharged clients:
signed, partly signed, drafts, reviewed every 30 days, revised into version 2, some due or
overdue. The diagnosis and problems come from each client's intake; a discharged client's
last version shows the objectives met by the time they left."""

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
from iopdesk.demo.plan_content import LIBRARY, PlanProblem, final_statuses, problems_for
from iopdesk.domain.plans import objective_number

ORDER = 60
BATCH = 400
REVIEW_DAYS = 30
ALL_SIGNERS = ("client", "counselor", "supervisor")


class _Plans:
    """Plan rows for every table, with primary keys handed out so all can be bulk-inserted."""

    MODELS = (TreatmentPlan, Problem, Goal, Objective, Intervention, PlanSignature, PlanReview)

    def __init__(self, ctx: DemoContext, names: dict[int, str]) -> None:
        self.ctx, self.names = ctx, names
        self.rows: dict[type[pw.Model], list[dict]] = {m: [] for m in self.MODELS}
        self.next = {m: int(m.select(pw.fn.MAX(m.id)).scalar() or 0) + 1 for m in self.MODELS}
        self.staff = {s.id: s.display_name for s in Staff.select()}
        self.supervisor = ctx.supervisor.staff_id if ctx.supervisor else None

    def _id(self, model: type[pw.Model]) -> int:
        self.next[model] += 1
        return self.next[model] - 1

    def plan(self, cid: int, ep: int, counselor: int | None, start: dt.date, version: int,
             status: str, previous: int | None, next_review: dt.date,
             signed: dt.date | None = None) -> int:  # fmt: skip
        pid = self._id(TreatmentPlan)
        primary = self.ctx.stories[cid].primary
        self.rows[TreatmentPlan].append(
            {"id": pid, "client": cid, "episode": ep, "version": version, "status": status,
             "diagnosis": primary.diagnosis, "icd10_code": primary.icd10,
             "level_of_care": "ASAM 2.1 Intensive outpatient", "counselor": counselor,
             "start_date": start, "next_review_date": next_review, "previous": previous,
             "created_by": counselor or self.supervisor,
             "signed_at": dt.datetime.combine(signed or start, dt.time(15))
             if status in ("signed", "superseded") else None}
        )  # fmt: skip
        return pid

    def content(self, pid: int, picks: list[PlanProblem], start: dt.date,
                statuses: list[str]) -> list[tuple[int, str, str]]:  # fmt: skip
        """Problems, goals, objectives (with ``statuses`` in order) and interventions."""
        made: list[tuple[int, str, str]] = []
        for p_pos, pick in enumerate(picks, 1):
            prob = self._id(Problem)
            self.rows[Problem].append({"id": prob, "plan": pid, "position": p_pos,
                                      "statement": pick.statement,
                                      "asam_dimension": pick.dimension})  # fmt: skip
            gid = self._id(Goal)
            self.rows[Goal].append({"id": gid, "problem": prob, "position": 1, "text": pick.goal})
            modality, approach, frequency = pick.intervention
            for o_pos, text in enumerate(pick.objectives, 1):
                oid = self._id(Objective)
                status = statuses[len(made)] if len(made) < len(statuses) else "open"
                made.append((oid, objective_number(p_pos, o_pos), text))
                target = start + dt.timedelta(days=self.ctx.rng.choice((21, 30, 45, 60)))
                self.rows[Objective].append({"id": oid, "goal": gid, "position": o_pos,
                                             "text": text, "target_date": target,
                                             "status": status})  # fmt: skip
                self.rows[Intervention].append(
                    {"objective": oid, "position": 1, "modality": modality, "approach": approach,
                     "description": "", "frequency": frequency, "responsible": None}
                )  # fmt: skip
        return made

    def sign(self, pid: int, cid: int, counselor: int | None, day: dt.date,
             roles: tuple[str, ...]) -> None:  # fmt: skip
        for role in roles:
            signer = {"client": None, "counselor": counselor}.get(role, self.supervisor)
            name = self.names.get(cid, "") if signer is None else self.staff[signer]
            self.rows[PlanSignature].append(
                {"plan": pid, "role": role, "signer": signer, "signer_name": name,
                 "signed_on": day, "on_paper": role == "client" and self.ctx.rng.random() < 0.3,
                 "recorded_by": counselor or self.supervisor}
            )  # fmt: skip

    def review(self, pid: int, day: dt.date, objectives: list[tuple[int, str, str]],
               statuses: list[str], changes: str, by: int | None) -> None:  # fmt: skip
        progress = [
            {"objective_id": oid, "number": number, "text": text, "status": status,
             "note": "Completed." if status == "met" else "Reports steady progress."}
            for (oid, number, text), status in zip(objectives, statuses, strict=True)
        ]  # fmt: skip
        self.rows[PlanReview].append({"plan": pid, "review_date": day, "changes": changes,
                                      "progress": json.dumps(progress), "by": by})  # fmt: skip

    def save(self) -> None:
        with database.atomic():
            for model in self.MODELS:
                batch = self.rows[model]
                # Self-references (previous version) need the earlier row first: ids ascend.
                for start in range(0, len(batch), BATCH):
                    model.insert_many(batch[start : start + BATCH]).execute()


def populate(ctx: DemoContext) -> None:
    admin_id = ctx.admin.staff_id if ctx.admin else None
    with database.atomic():
        LibraryItem.insert_many(
            [
                {"kind": k, "text": t, "fields": json.dumps(f), "created_by": admin_id}
                for k, t, f in LIBRARY
            ]
        ).execute()
    charted = ctx.charted()
    chosen = [
        (cid, ep, status, counselor, admitted)
        for cid, (ep, status, counselor, admitted) in ctx.clients.items()
        if admitted is not None and status in ("active", "discharged") and cid in charted
    ]
    ids = [c[0] for c in chosen]
    names = {c.id: c.full_name for c in Client.select().where(Client.id.in_(ids))} if ids else {}
    plans = _Plans(ctx, names)
    for cid, ep, status, counselor, admitted in chosen:
        if counselor == plans.supervisor and status != "active":
            # Her past clients' plans were co-signed by her as supervisor: another counselor.
            counselor = next(a.staff_id for a in ctx.clinicians if a.staff_id != plans.supervisor)
        _episode_plans(ctx, plans, cid, ep, status, counselor, admitted)
    plans.save()
    ctx.log(
        f"demo: {len(plans.rows[TreatmentPlan])} treatment plan versions, "
        f"{len(LIBRARY)} library entries"
    )


def _episode_plans(
    ctx: DemoContext,
    plans: _Plans,
    cid: int,
    ep: int,
    status: str,
    counselor: int | None,
    admitted: dt.date,
) -> None:
    rng, today = ctx.rng, ctx.today
    start = min(today, admitted + dt.timedelta(days=rng.randint(3, 7)))
    picks = problems_for(rng, ctx.stories[cid], ctx.scores.get(cid, {}))
    interval = dt.timedelta(days=REVIEW_DAYS)
    # Drafts and missing co-signatures belong to current clients only.
    roll = rng.random() if status == "active" else 1.0
    if roll < 0.1:  # a plan still being written
        pid = plans.plan(cid, ep, counselor, start, 1, "draft", None, start + interval)
        plans.content(pid, picks, start, [])
        return
    if roll < 0.2 or (counselor == plans.supervisor and status == "active"):
        # waiting for the supervisor's co-signature
        pid = plans.plan(cid, ep, counselor, start, 1, "partially_signed", None, start + interval)
        plans.content(pid, picks, start, [])
        plans.sign(pid, cid, counselor, start, ("client", "counselor"))
        return
    left = ctx.discharged.get(cid)
    until = left or today - dt.timedelta(days=rng.randint(0, 6))
    reviews = []
    day = start + interval
    while day <= until:
        reviews.append(day)
        day += interval
    if reviews and left is None and rng.random() < 0.2:
        reviews.pop()  # a review not yet done: this plan shows as overdue on Today
    count = sum(len(p.objectives) for p in picks)
    final = (
        final_statuses(rng, ctx.stories[cid].outcome, count)
        if left
        else ["met"] * bool(reviews) + ["open"] * (count - bool(reviews))
    )
    revised = (bool(reviews) and rng.random() < 0.6) or rng.random() < 0.12
    opened = ["open"] * count
    if not revised:
        last = reviews[-1] if reviews else start
        v1 = plans.plan(cid, ep, counselor, start, 1, "signed", None, last + interval)
        objectives = plans.content(v1, picks, start, final)
        plans.sign(v1, cid, counselor, start, ALL_SIGNERS)
        for n, review_day in enumerate(reviews):
            shown = final if n == len(reviews) - 1 else opened
            plans.review(v1, review_day, objectives, shown, "No changes.", counselor)
        return
    revised_on = reviews[0] if reviews else min(today, start + dt.timedelta(days=7))
    if reviews:
        final[0] = "met"  # the first review found objective 1.1 met and revised the plan
    v1 = plans.plan(cid, ep, counselor, start, 1, "superseded", None, revised_on + interval)
    first = plans.content(v1, picks, start, opened)
    plans.sign(v1, cid, counselor, start, ALL_SIGNERS)
    last = reviews[-1] if reviews else revised_on
    v2 = plans.plan(cid, ep, counselor, start, 2, "signed", v1, last + interval, revised_on)
    second = plans.content(v2, picks, start, final)
    plans.sign(v2, cid, counselor, revised_on, ALL_SIGNERS)
    for n, review_day in enumerate(reviews):
        if n == 0:
            met_first = ["met", *opened[1:]]
            plans.review(v1, review_day, first, met_first, "Objective 1.1 met; new version.",
                         counselor)  # fmt: skip
        else:
            shown = final if n == len(reviews) - 1 else opened
            plans.review(v2, review_day, second, shown, "No changes.", counselor)
