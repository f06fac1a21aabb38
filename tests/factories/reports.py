"""Test factories for program reports: episodes admitted and discharged on chosen days,
readmissions, attendance, screenings and check-ins, written directly as rows (fast), so each
report can be checked against figures worked out by hand."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.aftercare import Discharge, FollowUp
from iopdesk.db.models.attendance import Attendance
from iopdesk.db.models.calendar import Session
from iopdesk.db.models.core import Client, Episode
from iopdesk.db.models.intake import ScreeningResult
from iopdesk.services.context import Actor
from iopdesk.services.reports.period import ReportPeriod
from tests.factories.clients import episode_of, make_client

D = dt.date


def period(start: dt.date, end: dt.date, program: str = "") -> ReportPeriod:
    """A report period (the use cases check it again)."""
    return ReportPeriod(start, end, program)


def discharge(staff: Actor, episode_id: int, day: dt.date, kind: str = "completed") -> int:
    """Close an episode with a signed discharge on ``day``; returns the discharge id."""
    episode = Episode.get_by_id(episode_id)
    Episode.update(status="discharged", discharge_date=day).where(
        Episode.id == episode_id
    ).execute()
    Client.update(status="discharged").where(Client.id == episode.client_id).execute()
    return Discharge.create(
        episode=episode_id,
        client=episode.client_id,
        discharge_type=kind,
        discharge_date=day,
        condition_at_discharge="Improved",
        summary="Summary.",
        signed_by=staff.staff_id,
        created_by=staff.staff_id,
    ).id


def admit(
    staff: Actor,
    admitted: dt.date | None,
    discharged: dt.date | None = None,
    *,
    kind: str = "completed",
    program: str = "adult",
    source: str = "Self",
    name: str = "Dana",
    counselor: Actor | None = None,
) -> tuple[int, int]:
    """A client admitted on ``admitted`` (and discharged on ``discharged`` with a signed
    discharge of ``kind``); returns (client id, episode id)."""
    client_id = make_client(
        name,
        "Tester",
        status="discharged" if discharged else "active",
        admitted=admitted,
        program=program,
        counselor=counselor,
    )
    episode_id = episode_of(client_id)
    Episode.update(referral_source=source, admission_date=admitted).where(
        Episode.id == episode_id
    ).execute()
    if discharged is not None:
        discharge(staff, episode_id, discharged, kind)
    return client_id, episode_id


def readmit(client_id: int, admitted: dt.date, program: str = "adult") -> int:
    """A new episode for a discharged client, admitted on ``admitted``; returns its id."""
    number = Episode.select().where(Episode.client == client_id).count() + 1
    Client.update(status="active").where(Client.id == client_id).execute()
    return Episode.create(
        client=client_id,
        number=number,
        status="active",
        program=program,
        referral_date=admitted,
        referral_source="Self",
        admission_date=admitted,
    ).id


def session(
    day: dt.date,
    minutes: int = 180,
    *,
    kind: str = "group",
    group: int | None = None,
    status: str = "scheduled",
) -> int:
    """A session of ``minutes`` starting at 09:00 on ``day``."""
    start = dt.datetime.combine(day, dt.time(9, 0))
    return Session.create(
        day=day,
        start_time=start.time(),
        end_time=(start + dt.timedelta(minutes=minutes)).time(),
        kind=kind,
        title=kind.title(),
        group=group,
        status=status,
    ).id


def attend(
    client_id: int,
    day: dt.date,
    minutes: int,
    *,
    kind: str = "group",
    group: int | None = None,
    status: str = "present",
    cancelled: bool = False,
) -> int:
    """One session on ``day`` the client attended for ``minutes``; returns the session id."""
    length = max(minutes, 60)
    sid = session(day, length, kind=kind, group=group,
                  status="cancelled" if cancelled else "scheduled")  # fmt: skip
    Attendance.create(session=sid, client=client_id, status=status, minutes=minutes)
    return sid


def screen(
    staff: Actor, client_id: int, episode_id: int, code: str, day: dt.date, total: int | None
) -> None:
    """A screening administration with its total (None: incomplete)."""
    ScreeningResult.create(
        client=client_id,
        episode=episode_id,
        code=code,
        administered_on=day,
        total=total,
        complete=total is not None,
        administered_by=staff.staff_id,
    )


def check_in(
    staff: Actor,
    client_id: int,
    episode_id: int,
    kind: str,
    due: dt.date,
    reached: bool | None = None,
    status: str = "",
) -> None:
    """A follow-up check-in due on ``due``; ``reached`` None while not yet recorded."""
    FollowUp.create(
        episode=episode_id,
        client=client_id,
        due_date=due,
        kind=kind,
        done_on=None if reached is None else due,
        reached=reached,
        recovery_status=status,
        recorded_by=None if reached is None else staff.staff_id,
    )
