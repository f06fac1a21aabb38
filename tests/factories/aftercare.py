"""A hand-built episode of care for discharge tests, made directly with every area's models."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from iopdesk.db.models.attendance import Attendance, DrugTest, DrugTestResult, ProgressNote
from iopdesk.db.models.calendar import Group, RosterMembership, Session, SessionClient
from iopdesk.db.models.intake import ScreeningResult
from iopdesk.db.models.plans import Goal, Objective, Problem, TreatmentPlan
from iopdesk.services.context import Actor
from tests.factories.clients import episode_of, make_client

TODAY = dt.date.today()


@dataclass
class BuiltEpisode:
    """Ids of what the factory made, and the figures a correct summary must state."""

    client_id: int
    episode_id: int
    admission: dt.date
    group_id: int = 0
    future_session_ids: list[int] = field(default_factory=list)
    past_individual_id: int = 0


def _session(day: dt.date, kind: str, title: str, group: int | None, counselor: int) -> int:
    return Session.create(
        day=day,
        start_time=dt.time(9, 0),
        end_time=dt.time(12, 0) if kind == "group" else dt.time(13, 0),
        kind=kind,
        title=title,
        group=group,
        counselor=counselor,
    ).id


def build_episode(clinician: Actor, *, unsigned_note: bool = False) -> BuiltEpisode:
    """An active client admitted 40 days ago with attendance, screenings, tests and a plan.

    Figures: 6 group sessions recorded (4 attended: 180 + 180 + 150 late + 120 left early
    = 630 minutes; 2 absent), one cancelled session with attendance that must not count,
    an individual session attended 60 minutes => 7 recorded, 5 attended, 690 minutes, 71.4%.
    PHQ-9 18 -> 7 (-11), GAD-7 12 -> 12, a screening from a later episode date excluded.
    Drug tests: 3 (1 negative, 1 unexplained positive cocaine, 1 positive explained).
    Plan: 2 objectives met, 1 open, 1 discontinued.
    """
    admission = TODAY - dt.timedelta(days=40)
    client_id = make_client(counselor=clinician, admitted=admission, phone="555-201-7788")
    episode_id = episode_of(client_id)
    staff = clinician.staff_id
    group = Group.create(name=f"Relapse Prevention {client_id}", capacity=12)
    RosterMembership.create(group=group.id, client=client_id, start_date=admission)
    built = BuiltEpisode(client_id, episode_id, admission, group.id)
    statuses = [
        ("present", 180),
        ("present", 180),
        ("late", 150),
        ("left_early", 120),
        ("absent_excused", 0),
        ("absent_unexcused", 0),
    ]
    for n, (status, minutes) in enumerate(statuses):
        day = admission + dt.timedelta(days=2 + 3 * n)
        sid = _session(day, "group", group.name, group.id, staff)
        Attendance.create(session=sid, client=client_id, status=status, minutes=minutes)
        if unsigned_note and n == 0:
            ProgressNote.create(session=sid, client=client_id, fields="{}", author=staff)
    cancelled = _session(admission + dt.timedelta(days=25), "group", group.name, group.id, staff)
    Session.update(status="cancelled").where(Session.id == cancelled).execute()
    Attendance.create(session=cancelled, client=client_id, status="present", minutes=180)
    day = admission + dt.timedelta(days=10)
    individual = _session(day, "individual", "Individual", None, staff)
    SessionClient.create(session=individual, client=client_id)
    Attendance.create(session=individual, client=client_id, status="present", minutes=60)
    built.past_individual_id = individual
    # Attendance before admission belongs to nobody's episode.
    early = _session(admission - dt.timedelta(days=3), "group", group.name, group.id, staff)
    Attendance.create(session=early, client=client_id, status="present", minutes=180)
    for offset, kind in ((3, "individual"), (10, "family")):
        sid = _session(TODAY + dt.timedelta(days=offset), kind, kind.title(), None, staff)
        SessionClient.create(session=sid, client=client_id)
        built.future_session_ids.append(sid)
    _screenings(client_id, episode_id, admission, staff)
    _drug_tests(client_id, episode_id, admission, staff)
    _plan(client_id, episode_id, admission, staff)
    return built


def _screenings(client_id: int, episode_id: int, admission: dt.date, staff: int) -> None:
    for code, day, total, band in (
        ("PHQ-9", admission - dt.timedelta(days=2), 18, "moderately severe"),
        ("PHQ-9", admission + dt.timedelta(days=14), 12, "moderate"),
        ("PHQ-9", admission + dt.timedelta(days=35), 7, "mild"),
        ("GAD-7", admission, 12, "moderate"),
        ("GAD-7", admission + dt.timedelta(days=30), 12, "moderate"),
    ):
        ScreeningResult.create(
            client=client_id,
            episode=episode_id,
            code=code,
            administered_on=day,
            answers=json.dumps({}),
            total=total,
            band=band,
            complete=True,
            administered_by=staff,
        )
    # An incomplete administration has no total and must not count as "last".
    ScreeningResult.create(
        client=client_id,
        episode=episode_id,
        code="PHQ-9",
        administered_on=admission + dt.timedelta(days=38),
        total=None,
        complete=False,
        administered_by=staff,
    )


def _drug_tests(client_id: int, episode_id: int, admission: dt.date, staff: int) -> None:
    for offset, results in (
        (5, [("Opiates", "negative", False), ("Cocaine", "negative", False)]),
        (12, [("Opiates", "negative", False), ("Cocaine", "positive", False)]),
        (20, [("Benzodiazepines", "positive", True), ("Cocaine", "negative", False)]),
    ):
        test = DrugTest.create(
            client=client_id,
            episode=episode_id,
            collected_on=admission + dt.timedelta(days=offset),
            recorded_by=staff,
        )
        for substance, result, explained in results:
            DrugTestResult.create(
                test=test.id,
                substance=substance,
                result=result,
                explained_by_prescription=explained,
            )


def _plan(client_id: int, episode_id: int, admission: dt.date, staff: int) -> None:
    old = TreatmentPlan.create(
        client=client_id,
        episode=episode_id,
        version=1,
        status="superseded",
        start_date=admission,
        next_review_date=admission + dt.timedelta(days=30),
        created_by=staff,
    )
    old_problem = Problem.create(plan=old.id, position=1, statement="Old")
    old_goal = Goal.create(problem=old_problem.id, position=1, text="Old goal")
    Objective.create(goal=old_goal.id, position=1, text="Old", target_date=admission, status="met")
    plan = TreatmentPlan.create(
        client=client_id,
        episode=episode_id,
        version=2,
        status="signed",
        previous=old.id,
        start_date=admission,
        next_review_date=admission + dt.timedelta(days=60),
        created_by=staff,
    )
    problem = Problem.create(plan=plan.id, position=1, statement="Alcohol use")
    goal = Goal.create(problem=problem.id, position=1, text="Stay sober")
    for n, (text, status) in enumerate(
        (
            ("Attend 3 groups a week", "met"),
            ("Name 5 triggers", "met"),
            ("Attend 2 AA meetings a week", "open"),
            ("Daily journal", "discontinued"),
        ),
        start=1,
    ):
        Objective.create(
            goal=goal.id,
            position=n,
            text=text,
            target_date=admission + dt.timedelta(days=30),
            status=status,
        )
