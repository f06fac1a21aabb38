"""Demo step: signed discharges with summaries, aftercare plans, and follow-up check-ins."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.connection import database
from iopdesk.db.models.aftercare import (
    AftercareAppointment,
    AftercarePlan,
    Discharge,
    FollowUp,
    SupportContact,
    SupportGroup,
)
from iopdesk.db.models.core import Client, Episode
from iopdesk.db.models.teds import TedsDischarge
from iopdesk.demo import DemoContext
from iopdesk.demo.names import person
from iopdesk.domain.aftercare import (
    STEP_DOWN_LEVELS,
    DischargeFacts,
    follow_up_schedule,
    length_of_stay,
    summary_text,
)
from iopdesk.services.aftercare.discharge import compute_facts

ORDER = 70
BATCH = 500
#: The most recent discharges also get an aftercare plan (every discharge is signed).
RECENT = {"small": 400, "large": 2000}
#: Of those, how many get their figures computed from the other areas' records.
COMPUTED = {"small": 150, "large": 300}
#: Discharge types by length of stay: short stays are mostly drop-outs, long ones completions.
SHORT_TYPES = [
    ("left_against_advice", 55),
    ("terminated", 12),
    ("transferred", 15),
    ("incarcerated", 5),
    ("completed", 5),
    ("other", 8),
]
TYPES = [
    ("completed", 70),
    ("left_against_advice", 14),
    ("transferred", 8),
    ("terminated", 4),
    ("incarcerated", 1),
    ("other", 3),
]
SHORT_STAY = 42
PROVIDERS = [
    ("Lakeside Counseling Center", "1200 Lake Avenue, Riverbend", "507-555-0190"),
    ("Olmsted County Outpatient Services", "2117 Campus Drive SE, Rochester", "507-555-0117"),
    ("Dr. Priya Shah, Riverbend Family Medicine", "88 Elm Street, Riverbend", "507-555-0164"),
]
MEETINGS = [
    ("AA", "Tuesday Night Big Book", "Tuesday", dt.time(19, 0), "St. Mark's Church hall"),
    ("NA", "Just for Today", "Thursday", dt.time(18, 30), "Riverbend Community Center"),
    ("SMART Recovery", "SMART Riverbend", "Monday", dt.time(17, 30), "Public library, room B"),
    ("AA", "Saturday Sunrise", "Saturday", dt.time(8, 0), "Alano Club"),
]
TRIGGERS = "Payday Fridays\nArguments at home\nDriving past my old bar\nFeeling lonely at night"
SIGNS = "Skipping meetings\nSleeping badly\nKeeping secrets from my sponsor"
COPING = "Call my sponsor\nGo to a meeting\nWalk the dog\nUse the HALT check-in"


def _insert(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        model.insert_many(rows[start : start + BATCH]).execute()


def _discharge_type(rng, ep: Episode) -> str:
    stay = (ep.discharge_date - ep.admission_date).days if ep.admission_date else SHORT_STAY
    table = SHORT_TYPES if stay < SHORT_STAY else TYPES
    return rng.choices([t for t, _ in table], weights=[w for _, w in table])[0]


def populate(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    episodes = list(
        Episode.select(Episode, Client)
        .join(Client, on=(Episode.client == Client.id))
        .where((Episode.status == "discharged") & Episode.discharge_date.is_null(False))
        .order_by(Episode.discharge_date.desc())
    )
    fallback_staff = ctx.clinicians[0].staff_id
    discharges, follow_ups, plan_rows, outcomes = [], [], [], []
    for n, ep in enumerate(episodes):
        kind = _discharge_type(rng, ep)
        day = ep.discharge_date
        staff = ep.counselor_id or fallback_staff
        if n < COMPUTED[ctx.scale]:
            facts = compute_facts(ep.client, ep, day)
        else:
            facts = DischargeFacts(
                ep.client.full_name, ep.client.record_number, ep.number,
                ep.admission_date.isoformat() if ep.admission_date else "", day.isoformat(),
                length_of_stay(ep.admission_date, day) if ep.admission_date else None,
            )  # fmt: skip
        closing = {
            "completed": "Met most treatment goals and engaged with a sponsor.",
            "left_against_advice": "Stopped attending; outreach calls were not returned.",
            "transferred": "Needs a higher level of care; warm hand-off arranged.",
        }.get(kind, "See the record for details.")
        discharges.append(
            {
                "episode": ep.id,
                "client": ep.client_id,
                "discharge_type": kind,
                "discharge_date": day,
                "step_down_level": STEP_DOWN_LEVELS[0]
                if kind == "completed"
                else (STEP_DOWN_LEVELS[2] if kind == "transferred" else STEP_DOWN_LEVELS[4]),
                "condition_at_discharge": "Improved" if kind == "completed" else "Unchanged",
                "summary": summary_text(facts, kind).replace(
                    "Progress and clinical impression: ",
                    f"Progress and clinical impression: {closing}",
                ),
                "facts": facts.to_json(),
                "signed_by": staff,
                "created_by": staff,
                "signed_at": dt.datetime.combine(day, dt.time(16, 30)),
            }
        )
        follow_ups += _follow_ups(rng, ep, day, staff, today)
        outcomes.append((ep, kind))
        if n >= RECENT[ctx.scale]:
            continue
        if kind in ("completed", "transferred") or rng.random() < 0.3:
            plan_rows.append((ep, staff, dt.datetime.combine(day, dt.time(15, 0)), "final"))
    # A few active clients already have a draft plan: aftercare starts before discharge.
    active = (
        Episode.select()
        .where(Episode.status == "active")
        .order_by(Episode.admission_date)
        .limit(12)
    )
    for ep in active:
        staff = ep.counselor_id or fallback_staff
        plan_rows.append((ep, staff, dt.datetime.combine(today, dt.time(9, 0)), "draft"))
    with database.atomic():
        _insert(Discharge, discharges)
        _insert(FollowUp, follow_ups)
        _plans(rng, plan_rows)
        _state_reporting(rng, outcomes)
    ctx.log(
        f"demo: {len(discharges):,} discharges, {len(follow_ups):,} follow-ups, "
        f"{len(plan_rows):,} aftercare plans"
    )


def _follow_ups(rng, ep: Episode, day: dt.date, staff: int, today: dt.date) -> list[dict]:
    rows = []
    monday = today - dt.timedelta(days=today.weekday())
    for kind, due in follow_up_schedule(day):
        row = {
            "episode": ep.id,
            "client": ep.client_id,
            "due_date": due,
            "kind": kind,
            # insert_many takes its columns from the first row: every row has every key.
            "recovery_status": "",
            "done_on": None,
            "reached": None,
            "engaged_in_care": None,
            "notes": "",
            "recorded_by": None,
        }
        # Past check-ins are mostly done; this week's are left for Today.
        if due < monday and rng.random() < 0.85:
            reached = rng.random() < 0.75
            row.update(
                done_on=min(today, due + dt.timedelta(days=rng.randint(0, 4))),
                reached=reached,
                recovery_status=(
                    rng.choices(["in_recovery", "returned_to_use", "unknown"], [70, 22, 8])[0]
                    if reached
                    else "unknown"
                ),
                engaged_in_care=(rng.random() < 0.6) if reached else None,
                notes="Attending meetings; sees outpatient counselor." if reached else
                "Left a voicemail with the clinic number and 988.",
                recorded_by=staff,
            )  # fmt: skip
        rows.append(row)
    return rows


def _plans(rng, plan_rows: list[tuple[Episode, int, dt.datetime, str]]) -> None:
    plans = [
        {
            "episode": ep.id,
            "client": ep.client_id,
            "status": status,
            "sober_living": "Oxford House on Elm Street" if rng.random() < 0.3 else "",
            "mat_follow_up": "Naltrexone, monthly with primary care" if rng.random() < 0.3 else "",
            "vocational_referral": "Workforce Center job club" if rng.random() < 0.2 else "",
            "housing_referral": "",
            "education_referral": "",
            "triggers": TRIGGERS,
            "warning_signs": SIGNS,
            "coping_strategies": COPING,
            "created_by": staff,
            "updated_by": staff,
            "created_at": at,
            "updated_at": at,
        }
        for ep, staff, at, status in plan_rows
    ]
    _insert(AftercarePlan, plans)
    ids = dict(
        AftercarePlan.select(AftercarePlan.episode, AftercarePlan.id)
        .where(AftercarePlan.episode.in_([ep.id for ep, *_ in plan_rows]))
        .tuples()
    )
    appointments, groups, contacts = [], [], []
    for ep, _staff, at, _status in plan_rows:
        plan_id = ids[ep.id]
        provider, address, phone = rng.choice(PROVIDERS)
        appointments.append(
            {"plan": plan_id, "position": 1, "provider": provider, "address": address,
             "phone": phone, "day": at.date() + dt.timedelta(days=rng.randint(3, 10)),
             "time": dt.time(rng.choice([9, 10, 13, 15]), 0)}
        )  # fmt: skip
        for position, meeting in enumerate(rng.sample(MEETINGS, 2), start=1):
            kind, name, day, time, place = meeting
            groups.append({"plan": plan_id, "position": position, "kind": kind, "name": name,
                           "meeting_day": day, "time": time, "place": place})  # fmt: skip
        first, last = person(rng)
        contacts.append(
            {"plan": plan_id, "position": 1, "name": f"{first} {last}",
             "relationship": rng.choice(["Sponsor", "Sister", "Friend", "Spouse"]),
             "phone": f"507-555-{rng.randint(1000, 9999)}"}
        )  # fmt: skip
    _insert(AftercareAppointment, appointments)
    _insert(SupportGroup, groups)
    _insert(SupportContact, contacts)


def _state_reporting(rng, outcomes: list[tuple[Episode, str]]) -> None:
    """The follow-up items asked again at discharge: those who completed mostly stopped using
    and go to meetings; those who left early mostly did not."""
    ids = dict(Discharge.select(Discharge.episode, Discharge.id).tuples())
    rows = []
    for ep, kind in outcomes:
        done = kind == "completed"
        use = ["none", "some", "daily"]
        rows.append(
            {
                "discharge": ids[ep.id],
                "employment": rng.choices(["full_time", "part_time", "unemployed",
                                           "not_in_labor_force", "unknown"],
                                          [45, 15, 25, 12, 3])[0],
                "living": rng.choices(["independent", "dependent", "homeless", ""],
                                      [70, 24, 3, 3])[0],
                "arrests": rng.choices(["0", "1", "unknown"], [90, 6, 4])[0],
                "self_help": str(rng.randint(4, 16) if done else rng.randint(0, 4)),
                "freq1": rng.choices(use, [78, 18, 4] if done else [25, 50, 25])[0],
                "freq2": rng.choices(use, [85, 13, 2] if done else [35, 50, 15])[0],
                "freq3": rng.choices(use, [90, 10, 0] if done else [40, 50, 10])[0],
            }
        )  # fmt: skip
    _insert(TedsDischarge, rows)
