"""Demo step: rolling rosters, attendance for every past session, recent notes, drug tests.

Uses the groups and sessions the calendar step made; on its own (no groups yet) it sets up
Monday/Wednesday/Friday groups and their sessions so the demo still has a full program.
The large clinic gets about 2.5 million attendance rows, written with executemany in big
batches inside one transaction.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import json
import time
from collections import defaultdict

import peewee as pw

from iopdesk.db.connection import database
from iopdesk.db.models.attendance import (
    Attendance,
    DrugTest,
    DrugTestResult,
    GroupNote,
    ProgressNote,
)
from iopdesk.db.models.calendar import (
    Group,
    GroupFacilitator,
    RosterMembership,
    Session,
    SessionClient,
)
from iopdesk.demo import GROUP_CAPACITY, DemoContext
from iopdesk.demo.stories import SUBSTANCES
from iopdesk.domain.hours import session_minutes

ORDER = 50
BATCH = 4000
TRACKS = [("Morning", "morning", dt.time(9), dt.time(12)),
          ("Afternoon", "afternoon", dt.time(13), dt.time(16)),
          ("Evening", "evening", dt.time(18), dt.time(21))]  # fmt: skip
TOPICS = [
    "Relapse prevention: high-risk situations", "Coping with cravings (urge surfing)",
    "DBT skills: distress tolerance", "Motivational interviewing: values and change",
    "Mindfulness-based stress reduction", "Communication and refusal skills",
    "Family roles and recovery", "Triggers and early warning signs",
]  # fmt: skip
PANEL = ["Alcohol (EtG)", "Amphetamines", "Benzodiazepines", "Cannabis (THC)", "Cocaine",
         "Fentanyl", "Opiates"]  # fmt: skip
#: What a counselor observed of one member in group (the D and P of a DAP note).
NOTE_DATA = [
    "Participated actively; shared about a recent trigger at work.",
    "Quiet for the first hour, then described a craving on the drive home and how it passed.",
    "Gave feedback to a newer member; practised the refusal script in a role play.",
    "Reported a stressful weekend with family and used the HALT check-in to cope.",
    "Arrived on time; named two warning signs from the past week and one coping step.",
    "Talked about sleep improving and the first week without a missed meeting.",
]
NOTE_PLAN = [
    "Continue group; practise urge surfing daily.",
    "Continue group; bring the trigger log to the next individual session.",
    "Continue group; attend two mutual-help meetings before the next session.",
]
#: How reliably clients attend, by how their episode ended ("" = still in care).
RELIABILITY = {"completed": (0.97, 0.93, 0.9), "": (0.97, 0.93, 0.88, 0.8, 0.65),
               "left_against_advice": (0.75, 0.65), "terminated": (0.7, 0.6)}  # fmt: skip
#: Drop-outs stop coming some days before the program closes the episode.
FADE_DAYS = 14


def populate(ctx: DemoContext) -> None:
    started = time.perf_counter()
    with database.atomic():
        sessions = _group_sessions(ctx)
        members = _rosters(ctx, sessions)
        count = _attendance(ctx, sessions, members)
        count += _booked_attendance(ctx)
        _notes(ctx)
        _drug_tests(ctx)
    ctx.log(
        f"demo: {count:,} attendance rows, {len(members):,} roster memberships "
        f"in {time.perf_counter() - started:.1f} s"
    )


def _span_start(ctx: DemoContext) -> dt.date:
    admitted = [a for _, _, _, a in ctx.clients.values() if a is not None]
    return min(admitted) if admitted else ctx.today - dt.timedelta(days=90)


def _group_sessions(ctx: DemoContext) -> dict[int, list[tuple[dt.date, int, int]]]:
    """Group id -> its sessions as sorted (day, session id, length)."""
    if not Group.select().exists():
        _make_groups(ctx)
    out: dict[int, list[tuple[dt.date, int, int]]] = defaultdict(list)
    query = (
        Session.select(Session.id, Session.group, Session.day, Session.start_time,
                       Session.end_time)
        .where(Session.group.is_null(False) & (Session.status != "cancelled"))
        .tuples()
    )  # fmt: skip
    for sid, gid, day, start, end in query:
        day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
        start = start if isinstance(start, dt.time) else dt.time.fromisoformat(str(start))
        end = end if isinstance(end, dt.time) else dt.time.fromisoformat(str(end))
        out[gid].append((day, sid, session_minutes(start, end)))
    for rows in out.values():
        rows.sort()
    return out


def _make_groups(ctx: DemoContext) -> None:
    """Stand-alone fallback: 3- and 4-day groups on three tracks, sessions materialized."""
    count = ctx.groups_needed()
    counselors = [a.staff_id for a in ctx.clinicians] or [None]
    first = _span_start(ctx)
    last = ctx.today + dt.timedelta(days=14)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    patterns = [(0, 2, 4), (0, 1, 2, 3)]  # 9 or 12 hours a week
    for n in range(count):
        label, track, start, end = TRACKS[n % 3]
        suffix = "" if n < 3 else f" {chr(ord('A') + n // 3)}"
        counselor = counselors[n % len(counselors)]
        group = Group.create(
            name=f"{label} Process Group{suffix}",
            track=track,
            capacity=GROUP_CAPACITY,
            topic=TOPICS[n % len(TOPICS)],
        )
        if counselor:
            GroupFacilitator.create(group=group, staff=counselor)
        weekdays = patterns[(n // 3) % 2]
        rows = [
            (d, start, end, "group", group.name, group.id, counselor, "scheduled")
            for d in days
            if d.weekday() in weekdays
        ]
        fields = [Session.day, Session.start_time, Session.end_time, Session.kind,
                  Session.title, Session.group, Session.counselor, Session.status]  # fmt: skip
        for i in range(0, len(rows), 2000):
            Session.insert_many(rows[i : i + 2000], fields=fields).execute()


def _rosters(
    ctx: DemoContext, sessions: dict[int, list[tuple[dt.date, int, int]]]
) -> list[tuple[int, int, dt.date, dt.date | None]]:
    """Each admitted client joins the emptiest group on admission and stays to discharge
    (rolling admission); a group is never given more members than it has seats."""
    if not sessions or RosterMembership.select().exists():
        return [
            (m.group_id, m.client_id, m.start_date, m.end_date) for m in RosterMembership.select()
        ]
    capacity = dict(Group.select(Group.id, Group.capacity).tuples())
    seated: dict[int, list[dt.date]] = {gid: [] for gid in sorted(sessions)}  # members' last days
    rows = []
    admitted = sorted(
        (start, cid)
        for cid, (_, status, _, start) in ctx.clients.items()
        if start is not None and status in ("active", "discharged")
    )
    for start, cid in admitted:
        for ends in seated.values():
            while ends and ends[0] < start:
                heapq.heappop(ends)
        gid = min(seated, key=lambda g: (len(seated[g]) / capacity[g], g))
        if len(seated[gid]) >= capacity[gid]:
            raise RuntimeError(f"demo: no free seat in any group on {start.isoformat()}")
        end = ctx.discharged.get(cid)
        heapq.heappush(seated[gid], end or dt.date.max)
        rows.append((gid, cid, start, end, "" if end is None else "Discharged"))
    fields = [RosterMembership.group, RosterMembership.client, RosterMembership.start_date,
              RosterMembership.end_date, RosterMembership.end_reason]  # fmt: skip
    for i in range(0, len(rows), 2000):
        RosterMembership.insert_many(rows[i : i + 2000], fields=fields).execute()
    return [(g, c, s, e) for g, c, s, e, _ in rows]


def _attendance(
    ctx: DemoContext,
    sessions: dict[int, list[tuple[dt.date, int, int]]],
    members: list[tuple[int, int, dt.date, dt.date | None]],
) -> int:
    rng = ctx.rng
    yesterday = ctx.today - dt.timedelta(days=1)
    facilitator = dict(GroupFacilitator.select(GroupFacilitator.group, GroupFacilitator.staff)
                       .tuples())  # fmt: skip
    fallback = ctx.clinicians[0].staff_id if ctx.clinicians else None
    p = database.param
    sql = (
        "INSERT INTO attendance (session_id, client_id, status, minutes, guest, recorded_by_id, "
        f"recorded_at) VALUES ({', '.join([p] * 7)})"
    )
    days_only = {g: [d for d, _, _ in rows] for g, rows in sessions.items()}
    batch: list[tuple[object, ...]] = []
    total = 0
    for group_id, client_id, start, end in members:
        rows = sessions.get(group_id)
        if not rows:
            continue
        last = min(end or yesterday, yesterday)
        lo = bisect.bisect_left(days_only[group_id], start)
        hi = bisect.bisect_right(days_only[group_id], last)
        outcome = ctx.stories[client_id].outcome if client_id in ctx.stories else ""
        reliability = rng.choice(RELIABILITY.get(outcome, RELIABILITY[""]))
        fade = dt.date.max
        if end is not None and outcome in ("left_against_advice", "terminated"):
            fade = end - dt.timedelta(days=min(FADE_DAYS, (end - start).days // 3))
        staff = facilitator.get(group_id, fallback)
        for day, sid, length in rows[lo:hi]:
            roll = rng.random() if day < fade else 1.0  # a drop-out has stopped coming
            if roll < reliability:
                extra = rng.random()
                if extra < 0.07:
                    status, minutes = "late", length - rng.choice((10, 15, 20, 30, 45))
                elif extra < 0.11:
                    # Left part-way: at least a quarter of the session, never all of it.
                    status = "left_early"
                    minutes = max(length // 4, length - rng.choice((30, 45, 60, 90)))
                else:
                    status, minutes = "present", length
            else:
                status = "absent_excused" if rng.random() < 0.55 else "absent_unexcused"
                minutes = 0
            stamp = f"{day.isoformat()} 21:30:00"
            batch.append((sid, client_id, status, minutes, False, staff, stamp))
            if len(batch) >= BATCH:
                database.cursor().executemany(sql, batch)
                total += len(batch)
                batch.clear()
    if batch:
        database.cursor().executemany(sql, batch)
        total += len(batch)
    return total


def _booked_attendance(ctx: DemoContext) -> int:
    """Individual and family sessions the calendar booked: present, the whole session."""
    query = (
        SessionClient.select(SessionClient.session, SessionClient.client, Session.start_time,
                             Session.end_time, Session.counselor)
        .join(Session)
        .where((Session.day < ctx.today) & (Session.status != "cancelled"))
        .tuples()
    )  # fmt: skip
    rows = []
    for sid, cid, start, end, counselor in query:
        start = start if isinstance(start, dt.time) else dt.time.fromisoformat(str(start))
        end = end if isinstance(end, dt.time) else dt.time.fromisoformat(str(end))
        status = "present" if ctx.rng.random() < 0.9 else "absent_excused"
        minutes = session_minutes(start, end) if status == "present" else 0
        rows.append((sid, cid, status, minutes, False, counselor))
    fields = [Attendance.session, Attendance.client, Attendance.status, Attendance.minutes,
              Attendance.guest, Attendance.recorded_by]  # fmt: skip
    for i in range(0, len(rows), 2000):
        Attendance.insert_many(rows[i : i + 2000], fields=fields).on_conflict_ignore().execute()
    return len(rows)


def _notes(ctx: DemoContext) -> None:
    """Group notes for the last two weeks (the last few unsigned) and recent DAP notes."""
    rng = ctx.rng
    first = ctx.today - dt.timedelta(days=14)
    recent = list(
        Session.select(Session.id, Session.day, Session.group, Session.counselor)
        .where(Session.day.between(first, ctx.today - dt.timedelta(days=1))
               & Session.group.is_null(False) & (Session.status != "cancelled"))
        .order_by(Session.day)
    )  # fmt: skip
    fallback = ctx.clinicians[0].staff_id if ctx.clinicians else None
    facilitator = dict(GroupFacilitator.select(GroupFacilitator.group, GroupFacilitator.staff)
                       .tuples())  # fmt: skip
    came: dict[int, list[int]] = defaultdict(list)
    for sid, cid in (
        Attendance.select(Attendance.session, Attendance.client)
        .where(Attendance.session.in_([s.id for s in recent])
               & Attendance.status.in_(["present", "late", "left_early"]))
        .tuples()
    ):  # fmt: skip
        came[sid].append(cid)
    for s in recent:
        if not came[s.id] or rng.random() < 0.1:
            continue  # a note still missing: Today shows it
        author = s.counselor_id or facilitator.get(s.group_id, fallback)
        if author is None:
            continue
        day = s.day if isinstance(s.day, dt.date) else dt.date.fromisoformat(str(s.day))
        signed = (ctx.today - day).days > 3 or rng.random() < 0.3
        stamp = dt.datetime.combine(day, dt.time(16, 30))
        GroupNote.create(
            session=s.id, topic=rng.choice(TOPICS), author=author, written_at=stamp,
            content="Psychoeducation and discussion; members practised the skill in pairs "
                    "and set one goal for the week.",
            signed_by=author if signed else None, signed_at=stamp if signed else None,
        )  # fmt: skip
        rows = []
        for cid in came[s.id]:
            fields = {
                "data": rng.choice(NOTE_DATA),
                "assessment": rng.choice(["Engaged, insight improving.",
                                          "Guarded but attentive.",
                                          "Reports cravings decreasing."]),
                "plan": rng.choice(NOTE_PLAN),
            }  # fmt: skip
            rows.append((s.id, cid, "DAP", json.dumps(fields), "[]", author, stamp,
                         author if signed else None, stamp if signed else None))  # fmt: skip
        ProgressNote.insert_many(
            rows,
            fields=[ProgressNote.session, ProgressNote.client, ProgressNote.format,
                    ProgressNote.fields, ProgressNote.objective_ids, ProgressNote.author,
                    ProgressNote.written_at, ProgressNote.signed_by, ProgressNote.signed_at],
        ).execute()  # fmt: skip


def _drug_tests(ctx: DemoContext) -> None:
    """Weekly urine tests over every charted stay: positives are mostly for the client's own
    substances, early in treatment or before a drop-out; some benzodiazepines are prescribed."""
    rng = ctx.rng
    staff = [a.staff_id for a in ctx.clinicians]
    if not staff:
        return
    next_id = (DrugTest.select(pw.fn.MAX(DrugTest.id)).scalar() or 0) + 1
    tests: list[tuple[object, ...]] = []
    results: list[tuple[object, ...]] = []
    for cid in sorted(ctx.charted()):
        episode_id, status, counselor, admitted = ctx.clients[cid]
        if admitted is None or status not in ("active", "discharged"):
            continue
        story = ctx.stories.get(cid)
        own = (
            {line for key in story.substances for line in SUBSTANCES[key].panel} if story else set()
        )
        last = min(ctx.discharged.get(cid, ctx.today), ctx.today)
        slipping = story is not None and story.outcome in ("left_against_advice", "terminated")
        day = admitted + dt.timedelta(days=rng.randint(0, 3))
        while day <= last:
            early = (day - admitted).days < 21 or (slipping and (last - day).days < FADE_DAYS * 2)
            specimen = "urine" if rng.random() < 0.85 else "oral_fluid"
            tests.append((next_id, cid, episode_id, day.isoformat(), specimen,
                          rng.random() < 0.4, "7-panel", "", counselor or staff[0],
                          f"{day.isoformat()} 10:00:00"))  # fmt: skip
            for line in PANEL:
                chance = (0.25 if early else 0.04) if line in own else 0.005
                positive = rng.random() < chance
                prescribed = positive and line == "Benzodiazepines" and rng.random() < 0.5
                results.append((next_id, line, "positive" if positive else "negative", prescribed))
            next_id += 1
            day += dt.timedelta(days=rng.randint(5, 9))
    _execute_many(DrugTest, ["id", "client_id", "episode_id", "collected_on", "specimen",
                             "observed", "panel", "notes", "recorded_by_id", "recorded_at"],
                  tests)  # fmt: skip
    _execute_many(DrugTestResult, ["test_id", "substance", "result", "explained_by_prescription"],
                  results)  # fmt: skip


def _execute_many(model: type[pw.Model], columns: list[str], rows: list[tuple]) -> None:
    """Plain executemany: building a peewee query for thousands of rows costs more than the
    insert itself (the attendance rows use the same path)."""
    p = database.param
    sql = (
        f"INSERT INTO {model._meta.table_name} ({', '.join(columns)}) "
        f"VALUES ({', '.join([p] * len(columns))})"
    )
    for start in range(0, len(rows), BATCH):
        database.cursor().executemany(sql, rows[start : start + BATCH])
