"""The attendance sheet of one session: who should be there, who came, minutes attended."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from iopdesk.db.models.attendance import STATUSES, Attendance, GroupNote, ProgressNote
from iopdesk.db.models.base import now
from iopdesk.db.models.calendar import KINDS, Session, SessionClient
from iopdesk.db.models.core import Client
from iopdesk.domain import formats
from iopdesk.domain.hours import ABSENT_STATUSES, default_minutes, minutes_problem
from iopdesk.domain.validators import optional_text
from iopdesk.errors import Collector, DomainError, ValidationError
from iopdesk.services.admin.clinic import get_setting
from iopdesk.services.attendance.session_facts import (
    client_name,
    fmt_time,
    get_session,
    length_of,
    session_staff_names,
)
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.groups.roster import members_on


@dataclass(frozen=True)
class SheetRow:
    """One person on the sheet: expected (member / booked) or a guest, and what was recorded."""

    client_id: int
    client_name: str
    record_number: str
    expected: bool  # on the roster that day, or booked into the session
    guest: bool
    status: str | None
    minutes: int
    recorded: bool
    note_state: str  # "" | "draft" | "signed" (individual note; clinicians only)
    absence_reason: str = ""  # why an absent client was away (printed on attendance letters)

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status or "", "Not marked")


@dataclass(frozen=True)
class Sheet:
    """Everything the attendance sheet window shows for one session."""

    session_id: int
    title: str
    kind: str
    kind_label: str
    group_id: int | None
    day: dt.date
    start_label: str
    end_label: str
    length: int
    cancelled: bool
    cancel_reason: str
    staff_names: tuple[str, ...]
    rows: tuple[SheetRow, ...]
    note_format: str
    group_note_state: str  # "" | "draft" | "signed"

    @property
    def when(self) -> str:
        date = f"{self.day:%A %B} {self.day.day}, {self.day.year}"
        return f"{date}, {self.start_label} – {self.end_label}"

    @property
    def all_marked(self) -> bool:
        return bool(self.rows) and all(r.recorded for r in self.rows)


@dataclass(frozen=True)
class AttendanceEntry:
    """One line the sheet submits: a client, a status, minutes (None = the status's default;
    late and left early have none, their minutes must be given) and, for an absence, why."""

    client_id: int
    status: str
    minutes: int | None = None
    guest: bool = False
    reason: str = ""


def expected_clients(session: Session) -> list[tuple[int, str, str]]:
    """(client id, name, record number) expected at a session: roster or booked clients."""
    if session.group_id is not None:
        return [
            (r.client_id, r.client_name, r.record_number)
            for r in members_on(session.group_id, session.day)
        ]
    query = (
        SessionClient.select(SessionClient.client, Client)
        .join(Client)
        .where(SessionClient.session == session.id)
    )
    return sorted(
        (
            (
                sc.client_id,
                client_name(
                    sc.client.legal_first_name,
                    sc.client.legal_last_name,
                    sc.client.preferred_name,
                ),
                sc.client.record_number,
            )
            for sc in query
        ),
        key=lambda t: t[1].casefold(),
    )


def build_sheet(session: Session, *, with_notes: bool) -> Sheet:
    """Assemble the sheet (shared by the read use case and save_sheet's answer)."""
    length = length_of(session)
    expected = expected_clients(session)
    expected_ids = {cid for cid, _, _ in expected}
    recorded = {
        a.client_id: a
        for a in Attendance.select(Attendance, Client)
        .join(Client)
        .where(Attendance.session == session.id)
    }
    notes: dict[int, str] = {}
    group_state = ""
    if with_notes:
        for n in ProgressNote.select(ProgressNote.client, ProgressNote.signed_at).where(
            ProgressNote.session == session.id
        ):
            notes[n.client_id] = "signed" if n.signed_at else "draft"
        g = GroupNote.get_or_none(GroupNote.session == session.id)
        if g is not None:
            group_state = "signed" if g.signed_at else "draft"
    rows: list[SheetRow] = []
    for cid, name, number in expected:
        a = recorded.get(cid)
        rows.append(
            SheetRow(
                cid,
                name,
                number,
                True,
                bool(a and a.guest),
                a.status if a else None,
                a.minutes if a else length,
                a is not None,
                notes.get(cid, ""),
                a.absence_reason if a else "",
            )
        )
    extra = [a for cid, a in recorded.items() if cid not in expected_ids]
    for a in sorted(extra, key=lambda a: (a.client.legal_last_name, a.client.legal_first_name)):
        c = a.client
        rows.append(
            SheetRow(
                c.id,
                client_name(c.legal_first_name, c.legal_last_name, c.preferred_name),
                c.record_number,
                False,
                a.guest,
                a.status,
                a.minutes,
                True,
                notes.get(c.id, ""),
                a.absence_reason,
            )
        )
    return Sheet(
        session.id,
        session.title,
        session.kind,
        KINDS.get(session.kind, session.kind),
        session.group_id,
        session.day,
        fmt_time(session.start_time),
        fmt_time(session.end_time),
        length,
        session.status == "cancelled",
        session.cancel_reason,
        tuple(session_staff_names(session)),
        tuple(rows),
        get_setting("note_format"),
        group_state,
    )


@use_case("attendance.open", "schedule.view", kind="read")
def sheet(actor: Actor, session_id: int) -> Sheet:
    """The attendance sheet for a session: members that day, guests, what is recorded."""
    session = get_session(session_id)
    describe(record_type="session", record_id=session_id, detail=session.title)
    return build_sheet(session, with_notes=actor.can("clinical.read"))


def check_can_record(session: Session, today: dt.date | None = None) -> None:
    """Attendance needs a session that took place: not cancelled, not in the future."""
    today = today or dt.date.today()
    if session.status == "cancelled":
        raise DomainError(
            f"The session on {formats.show_date(session.day)} was cancelled; attendance cannot be "
            "recorded for it. Restore the session on the calendar first if it did take place."
        )
    if session.day > today:
        raise DomainError(
            f"The session on {formats.show_date(session.day)} has not happened yet; record "
            "attendance on the day."
        )


@use_case("attendance.save", "attendance.record", changes=("attendance",))
def save_sheet(actor: Actor, session_id: int, entries: Sequence[AttendanceEntry]) -> Sheet:
    """Record the whole sheet in one transaction; any bad line saves nothing."""
    session = get_session(session_id)
    check_can_record(session)
    length = length_of(session)
    expected = {cid for cid, _, _ in expected_clients(session)}
    ids = [e.client_id for e in entries]
    clients = {
        c.id: c
        for c in Client.select(
            Client.id, Client.legal_first_name, Client.legal_last_name, Client.preferred_name
        ).where(Client.id.in_(ids))
    }
    was_guest = dict(
        Attendance.select(Attendance.client, Attendance.guest)
        .where(Attendance.session == session_id)
        .tuples()
    )
    noted = {
        n.client_id
        for n in ProgressNote.select(ProgressNote.client).where(ProgressNote.session == session_id)
    }
    errors = Collector()
    seen: set[int] = set()
    rows = []
    for e in entries:
        field = f"client:{e.client_id}"
        c = clients.get(e.client_id)
        if c is None:
            errors.add(field, "One of the clients on this sheet no longer exists.")
            continue
        name = client_name(c.legal_first_name, c.legal_last_name, c.preferred_name)
        if e.client_id in seen:
            errors.add(field, f"{name} is on the sheet twice.")
            continue
        seen.add(e.client_id)
        if e.status not in STATUSES:
            errors.add(field, f"Choose present, late, left early or absent for {name}.")
            continue
        minutes = default_minutes(e.status, length) if e.minutes is None else e.minutes
        if minutes is None:  # late / left early: nothing to assume, the real minutes are asked
            minutes = 0
        problem = minutes_problem(e.status, minutes, length)
        if problem:
            errors.add(field, f"{name}: {problem}")
            continue
        guest = e.client_id not in expected and (e.guest or bool(was_guest.get(e.client_id)))
        if e.client_id not in expected and not guest:
            errors.add(
                field,
                f"{name} is not on this session's roster on {formats.show_date(session.day)}; "
                "add them as a guest.",
            )
            continue
        if e.status in ABSENT_STATUSES and e.client_id in noted:
            errors.add(
                field,
                f"{name} has an individual note for this session, so cannot be marked absent; "
                "delete the draft note first (or add an addendum if it is signed).",
            )
            continue
        # A reason belongs to an absence only; one left from an earlier mark goes with it.
        absent = e.status in ABSENT_STATUSES
        reason = optional_text(
            errors, field, e.reason if absent else "", f"The reason {name} was away", max_len=300
        )
        rows.append((e.client_id, e.status, minutes, guest, reason))
    errors.raise_if_any()
    if not rows:
        raise ValidationError({"": "Mark at least one person before saving the sheet."})
    stamp = now()
    # One statement for the whole sheet: a line already recorded takes the new values.
    Attendance.insert_many(
        [
            {
                "session": session_id,
                "client": cid,
                "status": status,
                "minutes": minutes,
                "guest": guest,
                "absence_reason": reason,
                "recorded_by": actor.staff_id,
                "recorded_at": stamp,
            }
            for cid, status, minutes, guest, reason in rows
        ]
    ).on_conflict(
        conflict_target=[Attendance.session, Attendance.client],
        preserve=[
            Attendance.status,
            Attendance.minutes,
            Attendance.guest,
            Attendance.absence_reason,
            Attendance.recorded_by,
            Attendance.recorded_at,
        ],
    ).execute()
    came = sum(1 for _, s, _, _, _ in rows if s not in ABSENT_STATUSES)
    describe(
        record_type="session",
        record_id=session_id,
        detail=f"attendance for {len(rows)} clients ({came} attended) on {session.day}",
    )
    return build_sheet(session, with_notes=actor.can("clinical.read"))


@use_case("attendance.remove", "attendance.record", changes=("attendance",))
def remove_entry(actor: Actor, session_id: int, client_id: int) -> Sheet:
    """Take a wrongly added guest (or a mistaken mark) off the sheet, if no note hangs on it."""
    session = get_session(session_id)
    if (
        ProgressNote.select()
        .where((ProgressNote.session == session_id) & (ProgressNote.client == client_id))
        .exists()
    ):
        raise DomainError("This client has an individual note for the session; it stays.")
    if (
        GroupNote.select()
        .where((GroupNote.session == session_id) & GroupNote.signed_at.is_null(False))
        .exists()
    ):
        # The signed group note describes who was there; the sheet no longer changes under it.
        raise DomainError("The group note for this session is signed; the sheet stays as it is.")
    removed = (
        Attendance.delete()
        .where((Attendance.session == session_id) & (Attendance.client == client_id))
        .execute()
    )
    if not removed:
        raise DomainError("This client is not on the session's sheet.")
    describe(
        client_id=client_id,
        record_type="session",
        record_id=session_id,
        detail="attendance mark removed",
    )
    return build_sheet(session, with_notes=actor.can("clinical.read"))
