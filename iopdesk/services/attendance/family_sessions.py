"""Family sessions: which family members and other collaterals came, beside the clients."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from iopdesk.db.models.attendance import STATUSES, Attendance
from iopdesk.db.models.calendar import Session, SessionClient
from iopdesk.db.models.family import Collateral, SessionCollateral
from iopdesk.domain.family import person_label
from iopdesk.errors import DomainError, ValidationError
from iopdesk.services.attendance.session_facts import client_label, get_client, get_session
from iopdesk.services.attendance.sheet import check_can_record
from iopdesk.services.context import Actor, describe, use_case

FAMILY = "family"


@dataclass(frozen=True)
class FamilyMember:
    """A collateral of one of the session's clients, and whether they came."""

    collateral_id: int
    client_id: int
    label: str  # "Maria Lopez (mother)"
    present: bool


@dataclass(frozen=True)
class FamilySessionRow:
    """One family session of a client, as the chart lists it."""

    session_id: int
    day: dt.date
    title: str
    client_status: str  # the client's own attendance, in words
    came: tuple[str, ...]  # the collaterals who came

    @property
    def came_text(self) -> str:
        return "; ".join(self.came) or "—"


def _session_clients(session: Session) -> set[int]:
    """The clients booked into the session or marked on its sheet."""
    booked = SessionClient.select(SessionClient.client).where(SessionClient.session == session.id)
    marked = Attendance.select(Attendance.client).where(Attendance.session == session.id)
    return {r.client_id for r in booked} | {r.client_id for r in marked}


def members(session: Session) -> list[FamilyMember]:
    """Who may be marked at a family session: the collaterals of its clients still involved,
    and any recorded as present (even if no longer involved); none for other sessions."""
    if session.kind != FAMILY:
        return []
    present = {
        r.collateral_id
        for r in SessionCollateral.select(SessionCollateral.collateral).where(
            SessionCollateral.session == session.id
        )
    }
    clients = _session_clients(session)
    if not clients:
        return []
    query = Collateral.select().where(
        Collateral.client.in_(clients) & ((Collateral.active == True) | Collateral.id.in_(present))  # noqa: E712
    )
    return [
        FamilyMember(c.id, c.client_id, person_label(c.name, c.relationship), c.id in present)
        for c in query.order_by(Collateral.client, Collateral.name)
    ]


@use_case("family.attendance", "schedule.view", kind="read", audited=False)
def family_attendance(actor: Actor, session_id: int) -> tuple[FamilyMember, ...]:
    """The family members and collaterals who may come to a family session, each marked
    present or not (empty for any other kind of session)."""
    return tuple(members(get_session(session_id)))


@use_case("family.attendance.save", "attendance.record", changes=("attendance",))
def record_family_attendance(
    actor: Actor, session_id: int, collateral_ids: Sequence[int]
) -> tuple[FamilyMember, ...]:
    """Record which collaterals came to a family session (the rest did not)."""
    session = get_session(session_id)
    if session.kind != FAMILY:
        raise DomainError("Family members and collaterals are recorded at family sessions only.")
    check_can_record(session)
    allowed = {m.collateral_id for m in members(session)}
    chosen: set[int] = set()
    for value in collateral_ids:
        if not isinstance(value, int) or isinstance(value, bool) or value not in allowed:
            raise ValidationError(
                {"collaterals": "Choose family members and collaterals of this session's clients."}
            )
        chosen.add(value)
    SessionCollateral.delete().where(
        (SessionCollateral.session == session.id) & SessionCollateral.collateral.not_in(chosen)
    ).execute()
    already = {
        r.collateral_id
        for r in SessionCollateral.select(SessionCollateral.collateral).where(
            SessionCollateral.session == session.id
        )
    }
    rows = [
        {"session": session.id, "collateral": cid, "recorded_by": actor.staff_id}
        for cid in sorted(chosen - already)
    ]
    if rows:
        SessionCollateral.insert_many(rows).execute()
    clients = _session_clients(session)
    describe(
        client_id=min(clients) if len(clients) == 1 else None,
        record_type="session",
        record_id=session.id,
        detail=f"{len(chosen)} family member(s) or collateral(s) present",
    )
    return tuple(members(session))


@use_case("family.sessions", "client.view", kind="read")
def family_sessions(actor: Actor, client_id: int) -> list[FamilySessionRow]:
    """The client's family sessions, newest first: the client's attendance and who came."""
    client = get_client(client_id)
    booked = SessionClient.select(SessionClient.session).where(SessionClient.client == client.id)
    marked = {
        a.session_id: a.status
        for a in Attendance.select(Attendance.session, Attendance.status)
        .join(Session)
        .where((Attendance.client == client.id) & (Session.kind == FAMILY))
    }
    sessions = list(
        Session.select()
        .where(
            (Session.kind == FAMILY)
            & (Session.id.in_(booked) | Session.id.in_(list(marked)))
            & (Session.status != "cancelled")
        )
        .order_by(Session.day.desc(), Session.start_time.desc())
    )
    came: dict[int, list[str]] = defaultdict(list)
    if sessions:
        query = (
            SessionCollateral.select(SessionCollateral.session, Collateral)
            .join(Collateral)
            .where(
                SessionCollateral.session.in_([s.id for s in sessions])
                & (Collateral.client == client.id)
            )
            .order_by(Collateral.name)
        )
        for row in query:
            came[row.session_id].append(
                person_label(row.collateral.name, row.collateral.relationship)
            )
    describe(client_id=client.id, record_type="family_sessions", detail=client_label(client))
    return [
        FamilySessionRow(
            s.id,
            s.day,
            s.title,
            STATUSES.get(marked.get(s.id, ""), "Not marked"),
            tuple(came[s.id]),
        )
        for s in sessions
    ]
