"""Demo step: the clinic, staff of every role, and clients in every stage of care, each with
the story (substances, referral, outcome) the later steps tell."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata

from iopdesk.db.connection import database
from iopdesk.db.models.core import Client, Episode, Staff
from iopdesk.demo import DEMO_PASSWORD, DemoContext
from iopdesk.demo.names import FIRST, LAST, person
from iopdesk.demo.stories import new_story, stay_of
from iopdesk.domain.records import format_record_number, search_text
from iopdesk.services.admin import clinic, staff
from iopdesk.services.admin.auth import actor_for

ORDER = 10
STAFF = [
    ("mhernandez", "Maria Hernandez", "clinician", "LADC", True),
    ("jcarter", "James Carter", "clinician", "LPC", False),
    ("pnguyen", "Phuong Nguyen", "clinician", "CADC", False),
    ("rokafor", "Ruth Okafor", "clinician", "LCSW", False),
    ("dmiller", "Dana Miller", "front_desk", "", False),
]
#: A busy 20-year program (the large clinic) runs 15 groups: it needs more counselors.
LARGE_EXTRA = [
    ("tbrooks", "Tamara Brooks", "LADC"),
    ("elindqvist", "Erik Lindqvist", "LPC"),
    ("agarza", "Ana Garza", "CADC"),
    ("kowens", "Kevin Owens", "LCSW"),
    ("sdubois", "Simone Dubois", "LADC"),
    ("mfarah", "Mona Farah", "LPC"),
    ("bcho", "Ben Cho", "CADC"),
    ("lwhitehorse", "Lena Whitehorse", "LADC"),
]


#: Groups one counselor can lead: one per track (groups on a track share weekdays).
GROUPS_PER_COUNSELOR = 3


def populate(ctx: DemoContext) -> None:
    ctx.admin = clinic.set_up_clinic(
        clinic.ClinicForm(
            "Riverbend Recovery Center",
            "410 Mill Street\nRiverbend, MN 55901",
            "507-555-0142",
            "adult",
        ),
        staff.StaffForm("admin", "Alex Morgan", "administrator", "Clinic director"),
        DEMO_PASSWORD,
        DEMO_PASSWORD,
    )
    ctx.sign_ins.append(("admin", "administrator"))
    extra = [(u, n, "clinician", c, False) for u, n, c in LARGE_EXTRA]
    for member in STAFF + (extra if ctx.scale == "large" else []):
        _hire(ctx, *member)
    _clients(ctx)
    # Every group needs a facilitator who is free on its days: hire for the busiest year.
    wanted = math.ceil(ctx.groups_needed() / GROUPS_PER_COUNSELOR)
    credentials = ["LADC", "LPC", "CADC", "LCSW"]
    while len(ctx.clinicians) < wanted:
        first, _sex = ctx.rng.choice(FIRST)
        last = ctx.rng.choice(LAST)
        username = _username(first, last)
        cred = credentials[len(ctx.clinicians) % len(credentials)]
        _hire(ctx, username, f"{first} {last}", "clinician", cred, False)


def _username(first: str, last: str) -> str:
    """First initial and last name in plain letters, numbered when already taken."""
    plain = unicodedata.normalize("NFKD", first[0] + last).encode("ascii", "ignore").decode()
    base = "".join(ch for ch in plain.lower() if ch.isalnum())
    taken = {name for (name,) in Staff.select(Staff.username).tuples()}
    number = 1
    while (username := base + (str(number) if number > 1 else "")) in taken:
        number += 1
    return username


def _hire(ctx: DemoContext, username: str, name: str, role: str, cred: str, boss: bool) -> None:
    row = staff.create_staff_record(
        staff.StaffForm(username, name, role, cred, boss), DEMO_PASSWORD
    )
    actor = actor_for(row)
    ctx.sign_ins.append((username, role + (" (clinical supervisor)" if boss else "")))
    if role == "clinician":
        ctx.clinicians.append(actor)
        if boss:
            ctx.supervisor = actor
    else:
        ctx.front_desk.append(actor)


def _status_counts(ctx: DemoContext) -> dict[str, int]:
    active = 60 if ctx.scale == "small" else 150
    return {"active": active, "intake": active // 6, "referred": active // 8}


def _clients(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    counselors = [a.staff_id for a in ctx.clinicians]
    counts = _status_counts(ctx)
    total = ctx.client_count
    statuses = (
        ["active"] * counts["active"]
        + ["intake"] * counts["intake"]
        + ["referred"] * counts["referred"]
    )
    statuses += ["discharged"] * (total - len(statuses))
    rng.shuffle(statuses)
    span_days = 365 * ctx.years
    # Admissions run at one steady rate over the whole span (no month without any): the
    # clients still in care are those admitted most recently.
    admitted_total = counts["active"] + statuses.count("discharged")
    recent = max(70, round(counts["active"] * span_days / admitted_total))
    clients, episodes = [], []
    for n, status in enumerate(statuses, start=1):
        first, last, sex = person(rng)
        # An adult program: every client is 18 to 68 when referred, however long ago.
        age_days = rng.randint(18 * 366, 68 * 365)
        # The story comes first (of the age it needs only whether a story about children
        # fits, so whole years of 366 days will do), so a discharged client's stay can end
        # before today.
        story = new_story(rng, sex, age_days // 366, status == "discharged")
        if status == "discharged":
            earliest = max(recent, story.stay_days) + 1
            admitted = today - dt.timedelta(
                days=rng.randint(earliest, max(earliest + 1, span_days))
            )
        elif status == "active":
            admitted = today - dt.timedelta(days=rng.randint(1, recent))
        else:
            admitted = None
        referral = (admitted or today) - dt.timedelta(days=rng.randint(1, 14))
        dob = referral - dt.timedelta(days=age_days)
        ctx.stories[n], ctx.born[n] = story, dob
        number = format_record_number(n)
        counselor = rng.choice(counselors)
        # Stays follow the outcome: completions run 8 to 16 weeks, drop-outs are shorter.
        discharged = stay_of(story, admitted) if admitted and status == "discharged" else None
        if discharged is not None:
            ctx.discharged[n] = discharged
        phone = f"507-555-{rng.randint(1000, 9999)}"
        clients.append(
            {
                "id": n,
                "record_number": number,
                "legal_first_name": first,
                "legal_last_name": last,
                "preferred_name": "",
                "date_of_birth": dob,
                "sex": sex,
                "phone": phone,
                "status": status,
                "counselor": counselor,
                "search_text": search_text(first, last, "", number, dob),
            }
        )
        episodes.append(
            {
                "client": n,
                "number": 1,
                "status": status,
                "program": "adult",
                "level_of_care": "2.1 Intensive outpatient" if admitted else "",
                "counselor": counselor,
                "referral_date": referral,
                "referral_source": story.referral,
                "referral_reason": f"{story.primary.name} use affecting work and family.",
                "admission_date": admitted,
                "discharge_date": discharged,
            }
        )
    _readmissions(rng, today, episodes)
    with database.atomic():
        for start in range(0, len(clients), 500):
            Client.insert_many(clients[start : start + 500]).execute()
        for start in range(0, len(episodes), 500):
            Episode.insert_many(episodes[start : start + 500]).execute()
    # The current episode (the highest number) is the one the later steps build on.
    for ep in Episode.select(
        Episode.id, Episode.client, Episode.status, Episode.counselor, Episode.admission_date
    ).order_by(Episode.client, Episode.number):
        ctx.clients[ep.client_id] = (ep.id, ep.status, ep.counselor_id, ep.admission_date)


def _readmissions(rng, today: dt.date, episodes: list[dict]) -> None:
    """One in twenty clients in care was here before: an earlier episode, discharged (most
    often a drop-out) some months before this admission."""
    for episode in [e for e in episodes if e["status"] == "active"]:
        if rng.random() >= 0.05:
            continue
        before = episode["admission_date"] - dt.timedelta(days=rng.randint(60, 200))
        left = before + dt.timedelta(days=rng.randint(10, 40))
        episodes.append(
            {**episode, "number": 1, "status": "discharged", "referral_date":
             before - dt.timedelta(days=5), "admission_date": before, "discharge_date": left}
        )  # fmt: skip
        episode["number"] = 2
        episode["referral_date"] = max(episode["referral_date"], left)
