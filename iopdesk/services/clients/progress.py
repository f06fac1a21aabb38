"""A client's progress at a glance, on screen and as a printout: screening totals, hours per
week, drug tests and plan reviews over one episode of care, each read with one small aggregate
query over that episode (never the clinic's whole history)."""

from __future__ import annotations

import datetime as dt
import json

import peewee as pw

from iopdesk.db.models.attendance import Attendance, DrugTest, DrugTestResult
from iopdesk.db.models.calendar import Session
from iopdesk.db.models.core import Client, Episode, Staff
from iopdesk.db.models.intake import ScreeningResult
from iopdesk.db.models.plans import PlanReview, TreatmentPlan
from iopdesk.domain.aftercare import drug_test_outcome
from iopdesk.domain.hours import CORE_KINDS, WeekHours, minimum_minutes, week_start
from iopdesk.domain.hours import weekly_hours as group_weeks
from iopdesk.domain.screenings import INSTRUMENTS
from iopdesk.errors import NotFound
from iopdesk.reports.document import Letterhead
from iopdesk.reports.printout import Printout, safe_file_name
from iopdesk.reports.progress_charts import (
    DrugTestDot,
    ProgressData,
    ReviewMark,
    ScreeningTrend,
)
from iopdesk.reports.progress_report import ProgressDocument, render_progress
from iopdesk.services.admin.clinic import WEEKLY_MINIMUM_HOURS, clinic_info
from iopdesk.services.context import Actor, describe, use_case

_LARGEST_ID = 2**63 - 1


def _is_id(value: object) -> bool:
    # 1.5 would match row 1 and 2**70 overflows SQLite: only a real whole id is looked up.
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= _LARGEST_ID


def _episode(client_id: object, episode_id: object) -> Episode:
    if not _is_id(client_id) or Client.get_or_none(Client.id == client_id) is None:
        raise NotFound("That client record does not exist.")
    query = Episode.select().where(Episode.client == client_id)
    if episode_id is not None:
        if not _is_id(episode_id):
            raise NotFound("That episode of care does not exist.")
        query = query.where(Episode.id == episode_id)
    episode = query.order_by(Episode.number.desc()).first()
    if episode is None:
        raise NotFound(
            "That episode of care does not exist."
            if episode_id is not None
            else "This client has no episode of care yet."
        )
    return episode


@use_case("client.progress", "clinical.read", kind="read")
def client_progress(
    actor: Actor, client_id: int, episode_id: int | None = None, *, today: dt.date | None = None
) -> ProgressData:
    """The charts' data for one episode of the client (default: the current one)."""
    episode = _episode(client_id, episode_id)
    describe(client_id=episode.client_id, record_type="progress", record_id=episode.id)
    return episode_progress(episode, today=today)


@use_case("client.progress.print", "clinical.read", kind="read")
def print_progress(
    actor: Actor, client_id: int, episode_id: int | None = None
) -> Printout[ProgressDocument]:
    """The charts of one episode (default: the current one) as a PDF (an audited read)."""
    episode = _episode(client_id, episode_id)
    client = Client.get_by_id(episode.client_id)
    describe(client_id=client.id, record_type="progress", record_id=episode.id)
    info = clinic_info()
    counselor = Staff.get_or_none(Staff.id == (episode.counselor_id or client.counselor_id))
    document = ProgressDocument(
        Letterhead(info.name, info.address, info.phone, info.program_label),
        client.full_name,
        client.record_number,
        client.date_of_birth,
        counselor.display_name if counselor else "",
        episode.level_of_care,
        episode_progress(episode),
        dt.date.today(),
    )
    name = safe_file_name(f"progress-{client.record_number}-{episode.number}")
    return Printout(document, render_progress(document), f"{name}.pdf")


def episode_progress(episode: Episode, *, today: dt.date | None = None) -> ProgressData:
    """Plain helper for use cases that print it (no permission check, no transaction): the
    episode from admission (or referral) to discharge (or today)."""
    end = episode.discharge_date or today or dt.date.today()
    opened = episode.admission_date or episode.referral_date or end
    end = max(end, opened)
    screenings = _screenings(episode, opened, end)
    # Screenings given at intake come before admission; the charts start with them.
    start = min([opened, *(day for trend in screenings for day, _ in trend.points[:1])])
    minimum_hours = WEEKLY_MINIMUM_HOURS.get(episode.program, 9)
    return ProgressData(
        client_id=episode.client_id,
        episode_id=episode.id,
        episode_number=episode.number,
        admitted_on=episode.admission_date,
        start=start,
        end=end,
        minimum_hours=minimum_hours,
        screenings=screenings,
        weeks=_weeks(episode.client_id, start, opened, end, minimum_hours),
        drug_tests=_drug_tests(episode.client_id, opened, end),
        reviews=_reviews(episode.id, end),
    )


def _as_date(value: object) -> dt.date:
    # Aggregated and joined columns come back from SQLite as ISO text.
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _screenings(episode: Episode, start: dt.date, end: dt.date) -> tuple[ScreeningTrend, ...]:
    """Complete totals per instrument: the episode's own, and unlinked ones given during it."""
    sr = ScreeningResult
    rows = (
        sr.select(sr.code, sr.administered_on, sr.total)
        .where(
            (sr.client == episode.client_id)
            & (sr.complete == True)  # noqa: E712 - Peewee expression
            & sr.total.is_null(False)
            & (sr.administered_on <= end)
            & ((sr.episode == episode.id) | (sr.episode.is_null() & (sr.administered_on >= start)))
        )
        .order_by(sr.code, sr.administered_on, sr.id)
        .tuples()
    )
    points: dict[str, list[tuple[dt.date, int]]] = {}
    for code, day, total in rows:
        points.setdefault(code, []).append((_as_date(day), int(total)))
    # In the instruments' own order (PHQ-9, GAD-7, AUDIT, DAST-10), not alphabetical.
    return tuple(
        ScreeningTrend(code, i.name, i.max_total, i.bands, tuple(points[code]))
        for code, i in INSTRUMENTS.items()
        if code in points
    )


def _weeks(
    client_id: int, start: dt.date, opened: dt.date, end: dt.date, minimum_hours: int
) -> tuple[WeekHours, ...]:
    """Core-service minutes per ISO week (summed per day in SQL) attended from ``opened`` to
    ``end``, for every week the charts span from ``start``; weeks without any as 0."""
    per_day = (
        Attendance.select(Session.day, pw.fn.SUM(Attendance.minutes))
        .join(Session, on=(Attendance.session == Session.id))
        .where(
            (Attendance.client == client_id)
            & Session.day.between(opened, end)
            & (Session.status != "cancelled")
            & Session.kind.in_(sorted(CORE_KINDS))
        )
        .group_by(Session.day)
        .tuples()
    )
    found = group_weeks(((_as_date(day), int(m or 0)) for day, m in per_day), minimum_hours)
    floor = minimum_minutes(minimum_hours)
    weeks, monday = [], week_start(start)
    while monday <= end:
        weeks.append(found.get(monday) or WeekHours(monday, 0, floor, ()))
        monday += dt.timedelta(days=7)
    return tuple(weeks)


def _drug_tests(client_id: int, start: dt.date, end: dt.date) -> tuple[DrugTestDot, ...]:
    """Each test collected in the episode with its outcome, counted per test in SQL."""
    r = DrugTestResult
    positive = r.result == "positive"
    counts = (
        DrugTest.select(
            DrugTest.collected_on,
            pw.fn.SUM(pw.Case(None, [(positive & ~r.explained_by_prescription, 1)], 0)),
            pw.fn.SUM(pw.Case(None, [(positive & r.explained_by_prescription, 1)], 0)),
            pw.fn.SUM(pw.Case(None, [(r.result == "invalid", 1)], 0)),
        )
        .join(r, pw.JOIN.LEFT_OUTER, on=(r.test == DrugTest.id))
        .where((DrugTest.client == client_id) & DrugTest.collected_on.between(start, end))
        .group_by(DrugTest.id, DrugTest.collected_on)
        .order_by(DrugTest.collected_on, DrugTest.id)
        .tuples()
    )
    return tuple(
        DrugTestDot(_as_date(day), drug_test_outcome(int(bad or 0), int(ok or 0), int(void or 0)))
        for day, bad, ok, void in counts
    )


def _reviews(episode_id: int, end: dt.date) -> tuple[ReviewMark, ...]:
    """The episode's plan reviews (any version), one per day (the later if two), each with
    how many of the objectives it reviewed were met."""
    rows = (
        PlanReview.select(PlanReview.review_date, PlanReview.progress)
        .join(TreatmentPlan, on=(PlanReview.plan == TreatmentPlan.id))
        .where((TreatmentPlan.episode == episode_id) & (PlanReview.review_date <= end))
        .order_by(PlanReview.review_date, PlanReview.id)
        .tuples()
    )
    marks: dict[dt.date, ReviewMark] = {}
    for day, progress in rows:
        statuses = [item.get("status") for item in json.loads(progress or "[]")]
        marks[_as_date(day)] = ReviewMark(_as_date(day), statuses.count("met"), len(statuses))
    return tuple(marks.values())
