"""Demo step: signed discharges whose summaries state the episode's own figures, impression
and recommendations; aftercare plans that continue them; follow-up check-ins."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

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
from iopdesk.demo import CHARTED_DISCHARGES, DemoContext
from iopdesk.demo.names import relative
from iopdesk.demo.stories import OUTCOMES, Story
from iopdesk.domain.aftercare import (
    CONDITIONS,
    STEP_DOWN_LEVELS,
    DischargeFacts,
    follow_up_schedule,
    summary_text,
)
from iopdesk.services.aftercare.discharge import compute_facts

ORDER = 70
BATCH = 500
PROVIDERS = [
    ("Lakeside Counseling Center", "1200 Lake Avenue, Riverbend", "507-555-0190"),
    ("Olmsted County Outpatient Services", "2117 Campus Drive SE, Rochester", "507-555-0117"),
    ("Dr. Priya Shah, Riverbend Family Medicine", "88 Elm Street, Riverbend", "507-555-0164"),
]
RESIDENTIAL = ("Cedar Ridge Residential Treatment", "4500 County Road 9, Byron", "507-555-0133")
MEETINGS = {
    "alcohol": [
        ("AA", "Tuesday Night Big Book", "Tuesday", dt.time(19, 0), "St. Mark's Church hall"),
        ("AA", "Saturday Sunrise", "Saturday", dt.time(8, 0), "Alano Club"),
    ],
    "drugs": [
        ("NA", "Just for Today", "Thursday", dt.time(18, 30), "Riverbend Community Center"),
        ("NA", "Clean and Serene", "Sunday", dt.time(17, 0), "Alano Club"),
    ],
    "any": [("SMART Recovery", "SMART Riverbend", "Monday", dt.time(17, 30),
             "Public library, room B")],
}  # fmt: skip
SIGNS = "Skipping meetings\nSleeping badly\nKeeping secrets from my sponsor"
COPING = "Call my sponsor\nGo to a meeting\nWalk the dog\nUse the HALT check-in"
#: discharge type -> (step-down level, condition, progress and impression, recommendations)
CLOSINGS = {
    "completed": (STEP_DOWN_LEVELS[0], CONDITIONS[0],
                  "Met {met} of {objectives} treatment-plan objectives and attended {rate} of "
                  "sessions; engaged with a sponsor and a home group.",
                  "Step down to standard outpatient at {provider}, first appointment {day}. "
                  "Attend {meetings} meetings weekly, keep the relapse prevention plan, and "
                  "take the 30-, 60- and 90-day check-in calls."),
    "left_against_advice": (STEP_DOWN_LEVELS[4], CONDITIONS[1],
                            "Attendance fell off over the last weeks, then stopped; outreach "
                            "calls and a letter were not answered.",
                            "Welcome to return at any time after a new assessment. The letter "
                            "gave the clinic number and the 988 crisis line."),
    "transferred": (STEP_DOWN_LEVELS[2], CONDITIONS[2],
                    "Continued use despite IOP; needs a higher level of care.",
                    "Admit to residential treatment at {provider} on {day} (warm hand-off, "
                    "records sent under a signed consent); return to IOP afterwards."),
    "terminated": (STEP_DOWN_LEVELS[4], CONDITIONS[1],
                   "Repeated violations of program rules after two written warnings.",
                   "Re-admission only after a new assessment; a list of other outpatient "
                   "programs and the 988 crisis line were given."),
    "incarcerated": (STEP_DOWN_LEVELS[4], CONDITIONS[1],
                     "Arrested on an outstanding warrant and unable to attend.",
                     "Continue in the jail's treatment program where offered; re-assessment "
                     "on release, with the clinic's number given to the client's attorney."),
    "other": (STEP_DOWN_LEVELS[0], CONDITIONS[1],
              "Moved out of the area for work.",
              "Continue with a program near the new home; a referral list for that county "
              "and the 988 crisis line were given."),
}  # fmt: skip


def _insert(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        model.insert_many(rows[start : start + BATCH]).execute()


@dataclass(frozen=True)
class _Leaving:
    """What a discharged client leaves with: where care continues and which meetings."""

    provider: tuple[str, str, str]
    first_visit: dt.date
    meetings: tuple[tuple, ...]


def _leaving(rng: random.Random, story: Story | None, kind: str, day: dt.date) -> _Leaving:
    kinds = ["any"]
    if story is None or story.uses_alcohol:
        kinds.append("alcohol")
    if story is None or story.uses_drugs:
        kinds.append("drugs")
    choices = [m for k in kinds for m in MEETINGS[k]]
    provider = RESIDENTIAL if kind == "transferred" else rng.choice(PROVIDERS)
    visit = day + dt.timedelta(days=1 if kind == "transferred" else rng.randint(3, 10))
    return _Leaving(provider, visit, tuple(rng.sample(choices, 2)))


def _summary(facts: DischargeFacts, kind: str, leaving: _Leaving) -> str:
    _, _, impression, advice = CLOSINGS[kind]
    objectives = facts.objectives
    total = len(objectives.met) + len(objectives.not_met) + len(objectives.discontinued)
    rate = f"{facts.attendance_rate:.0f}%" if facts.attendance_rate is not None else "most"
    names = " and ".join(dict.fromkeys(m[0] for m in leaving.meetings))
    filled = {"met": len(objectives.met), "objectives": total, "rate": rate,
              "provider": leaving.provider[0], "day": leaving.first_visit.isoformat(),
              "meetings": names}  # fmt: skip
    text = summary_text(facts, kind)
    text = text.replace(
        "Progress and clinical impression: ",
        "Progress and clinical impression: " + impression.format(**filled),
    )
    return text.replace("Recommendations: ", "Recommendations: " + advice.format(**filled))


def _kind(rng: random.Random, story: Story | None) -> str:
    """The discharge type the client's story tells; the earlier episode of a readmitted client
    has none of its own: it ended early (the client came back), so it was not a completion."""
    if story is not None and story.outcome:
        return story.outcome
    early = [o for o in OUTCOMES if o[0] != "completed"]
    return rng.choices([o[0] for o in early], weights=[o[1] for o in early])[0]


def populate(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    episodes = list(
        Episode.select(Episode, Client)
        .join(Client, on=(Episode.client == Client.id))
        .where((Episode.status == "discharged") & Episode.discharge_date.is_null(False))
        .order_by(Episode.discharge_date.desc())
        .limit(CHARTED_DISCHARGES[ctx.scale])
    )
    fallback_staff = ctx.clinicians[0].staff_id
    discharges, follow_ups, plan_rows, outcomes = [], [], [], []
    for ep in episodes:
        story = ctx.stories.get(ep.client_id)
        kind = _kind(rng, story)
        day = ep.discharge_date
        staff = ep.counselor_id or fallback_staff
        facts = compute_facts(ep.client, ep, day)
        leaving = _leaving(rng, story, kind, day)
        step_down, condition, _, _ = CLOSINGS[kind]
        discharges.append(
            {"episode": ep.id, "client": ep.client_id, "discharge_type": kind,
             "discharge_date": day, "step_down_level": step_down,
             "condition_at_discharge": condition, "summary": _summary(facts, kind, leaving),
             "facts": facts.to_json(), "signed_by": staff, "created_by": staff,
             "signed_at": dt.datetime.combine(day, dt.time(16, 30))}
        )  # fmt: skip
        outcomes.append((ep, kind))
        follow_ups += _follow_ups(rng, ep, day, staff, today)
        if kind in ("completed", "transferred") or rng.random() < 0.3:
            at = dt.datetime.combine(day, dt.time(15, 0))
            plan_rows.append((ep, story, leaving, staff, at, "final"))
    # A few active clients already have a draft plan: aftercare starts before discharge.
    active = (
        Episode.select()
        .where(Episode.status == "active")
        .order_by(Episode.admission_date)
        .limit(12)
    )
    for ep in active:
        story = ctx.stories.get(ep.client_id)
        staff = ep.counselor_id or fallback_staff
        at = dt.datetime.combine(today, dt.time(9, 0))
        plan_rows.append((ep, story, _leaving(rng, story, "completed", today), staff, at, "draft"))
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


def _mat(rng: random.Random, story: Story | None) -> str:
    """Medication follow-up that fits the substance (none for most stimulant users)."""
    main = story.substances[0] if story else "alcohol"
    if main == "opioids":
        return "Buprenorphine 16 mg daily; monthly visits with Dr. Priya Shah"
    if main == "alcohol" and rng.random() < 0.4:
        return "Naltrexone 50 mg daily; monthly with primary care"
    return ""


def _plans(rng: random.Random, plan_rows: list[tuple]) -> None:
    plans = [
        {
            "episode": ep.id,
            "client": ep.client_id,
            "status": status,
            "sober_living": "Oxford House on Elm Street" if rng.random() < 0.3 else "",
            "mat_follow_up": _mat(rng, story),
            "vocational_referral": "Workforce Center job club" if rng.random() < 0.2 else "",
            "housing_referral": "",
            "education_referral": "",
            "triggers": "Payday Fridays\nArguments at home\n"
            + ("Driving past my old bar" if story is None or story.uses_alcohol
               else "Old using friends calling")
            + "\nFeeling lonely at night",
            "warning_signs": SIGNS,
            "coping_strategies": COPING,
            "created_by": staff,
            "updated_by": staff,
            "created_at": at,
            "updated_at": at,
        }
        for ep, story, _leaving, staff, at, status in plan_rows
    ]  # fmt: skip
    _insert(AftercarePlan, plans)
    ids = dict(
        AftercarePlan.select(AftercarePlan.episode, AftercarePlan.id)
        .where(AftercarePlan.episode.in_([row[0].id for row in plan_rows]))
        .tuples()
    )
    families = dict(
        Client.select(Client.id, Client.legal_last_name)
        .where(Client.id.in_([row[0].client_id for row in plan_rows]))
        .tuples()
    )
    appointments, groups, contacts = [], [], []
    for ep, _story, leaving, _staff, _at, _status in plan_rows:
        plan_id = ids[ep.id]
        provider, address, phone = leaving.provider
        appointments.append(
            {"plan": plan_id, "position": 1, "provider": provider, "address": address,
             "phone": phone, "day": leaving.first_visit,
             "time": dt.time(rng.choice([9, 10, 13, 15]), 0)}
        )  # fmt: skip
        for position, (kind, name, day, time, place) in enumerate(leaving.meetings, start=1):
            groups.append({"plan": plan_id, "position": position, "kind": kind, "name": name,
                           "meeting_day": day, "time": time, "place": place})  # fmt: skip
        relationship = rng.choice(["Sponsor", "Sister", "Friend", "Spouse"])
        contacts.append(
            {"plan": plan_id, "position": 1,
             "name": relative(rng, relationship, families.get(ep.client_id, "")),
             "relationship": relationship, "phone": f"507-555-{rng.randint(1000, 9999)}"}
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
