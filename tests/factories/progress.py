"""A hand-built episode for the Progress charts, made through the real services where they
exist (screenings, drug tests, attendance sheets, plan review).

Figures a correct chart shows (MONDAY is the Monday of the admission week, five weeks ago):
- PHQ-9 15 (moderately severe) two days before admission, 4 (minimal) in week 4; a GAD-7
  left incomplete has no total and no line.
- Week 1: three 3-hour groups = 540 minutes (meets 9 h). Week 2: two 3-hour groups and one
  left after 120 minutes = 480 (below 9 h). A cancelled session, an assessment (not a core
  service) and a group before admission do not count.
- Drug tests: negative (week 1), a positive explained by a prescription (week 2), an
  unexplained positive (week 3).
- The signed plan (two objectives) reviewed on MONDAY + 14: one objective met, one open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iopdesk.db.models.calendar import Session
from iopdesk.services.attendance import drug_tests
from iopdesk.services.attendance import sheet as attendance
from iopdesk.services.attendance.drug_tests import DrugTestForm, ResultEntry
from iopdesk.services.attendance.sheet import AttendanceEntry
from iopdesk.services.context import Actor
from iopdesk.services.intake.screenings import record_screening
from iopdesk.services.plans import records as plans
from iopdesk.services.plans import reviews
from iopdesk.services.plans.reviews import ObjectiveProgress
from tests.factories.attendance import make_session
from tests.factories.clients import episode_of, make_client
from tests.factories.plans import sign_fully, write_plan

TODAY = dt.date.today()
MONDAY = TODAY - dt.timedelta(days=TODAY.weekday() + 35)
PHQ9_15 = {1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: 2, 8: 1, 9: 0}
PHQ9_4 = {1: 1, 2: 1, 3: 1, 4: 1, 5: 0, 6: 0, 7: 0, 8: 0, 9: 0}


@dataclass(frozen=True)
class BuiltProgress:
    """Ids of what the factory made."""

    client_id: int
    episode_id: int
    plan_id: int


def _attend(actor: Actor, client_id: int, day: dt.date, minutes: int, **session: object) -> int:
    status = "present" if minutes == 180 else "left_early"
    sid = make_session(None, day, client_ids=(client_id,), counselor=actor, **session)
    attendance.save_sheet(actor, sid, [AttendanceEntry(client_id, status, minutes)])
    return sid


def _test(actor: Actor, client_id: int, day: dt.date, *results: ResultEntry) -> None:
    drug_tests.record_drug_test(
        actor, DrugTestForm(client_id, day, "urine", observed=True, results=tuple(results))
    )


def build_progress(clinician: Actor, supervisor: Actor, *, program: str = "adult") -> BuiltProgress:
    """The episode of the module docstring, for a client of ``clinician``."""
    client_id = make_client(counselor=clinician, admitted=MONDAY, program=program)
    record_screening(clinician, client_id, "PHQ9", PHQ9_15, MONDAY - dt.timedelta(days=2))
    record_screening(clinician, client_id, "PHQ9", PHQ9_4, MONDAY + dt.timedelta(days=22))
    record_screening(clinician, client_id, "GAD7", {1: 1, 2: None}, MONDAY + dt.timedelta(days=1))
    for offset in (0, 2, 4):
        _attend(clinician, client_id, MONDAY + dt.timedelta(days=offset), 180)
    for offset, minutes in ((7, 180), (9, 180), (11, 120)):
        _attend(clinician, client_id, MONDAY + dt.timedelta(days=offset), minutes)
    cancelled = _attend(clinician, client_id, MONDAY + dt.timedelta(days=8), 180)
    Session.update(status="cancelled").where(Session.id == cancelled).execute()
    _attend(clinician, client_id, MONDAY + dt.timedelta(days=10), 180, kind="assessment")
    _attend(clinician, client_id, MONDAY - dt.timedelta(days=7), 180)
    _test(clinician, client_id, MONDAY + dt.timedelta(days=1), ResultEntry("Opiates", "negative"))
    _test(
        clinician,
        client_id,
        MONDAY + dt.timedelta(days=8),
        ResultEntry("Buprenorphine", "positive", explained_by_prescription=True),
        ResultEntry("Cocaine", "negative"),
    )
    _test(clinician, client_id, MONDAY + dt.timedelta(days=16), ResultEntry("Cocaine", "positive"))
    plan_id = write_plan(clinician, client_id, objectives=2, start=MONDAY)
    sign_fully(clinician, supervisor, plan_id)
    met, still_open = plans.open_plan(clinician, plan_id).objectives
    progress = [ObjectiveProgress(met.id, "met"), ObjectiveProgress(still_open.id, "open")]
    reviews.record_review(clinician, plan_id, progress, "", review_date=MONDAY + dt.timedelta(14))
    return BuiltProgress(client_id, episode_of(client_id), plan_id)
