"""Sessions of the last two weeks still waiting for attendance or notes (for Today)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import peewee as pw

from iopdesk.db.models.attendance import Attendance, GroupNote, ProgressNote
from iopdesk.db.models.calendar import Group, GroupFacilitator, Session
from iopdesk.db.models.core import Staff
from iopdesk.domain.hours import ATTENDED_STATUSES
from iopdesk.services.attendance.session_facts import as_time, fmt_time
from iopdesk.services.context import Actor, use_case

LOOK_BACK_DAYS = 14


@dataclass(frozen=True)
class PendingSession:
    """A past session with something still to record."""

    session_id: int
    day: dt.date
    time_label: str
    title: str
    staff: str
    attendance_missing: bool
    group_note_missing: bool
    notes_missing: int  # present clients without an individual note
    unsigned: int  # notes written but not signed

    @property
    def what(self) -> str:
        """What is missing, in words."""
        parts = []
        if self.attendance_missing:
            parts.append("attendance not recorded")
        if self.group_note_missing:
            parts.append("no group note")
        if self.notes_missing:
            parts.append(f"{self.notes_missing} individual note(s) to write")
        if self.unsigned:
            parts.append(f"{self.unsigned} note(s) to sign")
        return "; ".join(parts)


@use_case("attendance.missing", "attendance.record", kind="read", audited=False)
def missing_attendance(
    actor: Actor,
    *,
    mine_only: bool = False,
    now: dt.datetime | None = None,
    days: int = LOOK_BACK_DAYS,
) -> list[PendingSession]:
    """Sessions that ended in the last ``days`` days without attendance, or with notes missing.

    Front-desk staff see attendance only; clinicians also see missing and unsigned notes.
    """
    moment = now or dt.datetime.now()
    first = moment.date() - dt.timedelta(days=days)
    query = (
        Session.select(
            Session.id,
            Session.day,
            Session.start_time,
            Session.end_time,
            Session.kind,
            Session.title,
            Session.group,
            Session.counselor,
            Group.name.alias("group_name"),
        )
        .join(Group, pw.JOIN.LEFT_OUTER)
        .where(Session.day.between(first, moment.date()) & (Session.status != "cancelled"))
        .order_by(Session.day, Session.start_time)
    )
    if mine_only:
        # Asked of the database: a counselor's own few sessions, not the whole clinic's.
        facilitated = GroupFacilitator.select(GroupFacilitator.group).where(
            GroupFacilitator.staff == actor.staff_id
        )
        query = query.where(
            Session.days_and_any(
                first,
                moment.date(),
                Session.counselor == actor.staff_id,
                Session.group.in_(facilitated),
            )
        )
    sessions = [
        s for s in query.objects() if dt.datetime.combine(s.day, as_time(s.end_time)) <= moment
    ]
    if not sessions:
        return []
    ids = [s.id for s in sessions]
    group_ids = {s.group_id for s in sessions if s.group_id}
    facilitators: dict[int, set[int]] = defaultdict(set)
    for group_id, staff_id in (
        GroupFacilitator.select(GroupFacilitator.group, GroupFacilitator.staff)
        .where(GroupFacilitator.group.in_(list(group_ids)))
        .tuples()
    ):
        facilitators[group_id].add(staff_id)
    came: dict[int, set[int]] = defaultdict(set)
    marked: set[int] = set()
    for sid, cid, status in (
        Attendance.select(Attendance.session, Attendance.client, Attendance.status)
        .where(Attendance.session.in_(ids))
        .tuples()
    ):
        marked.add(sid)
        if status in ATTENDED_STATUSES:
            came[sid].add(cid)
    clinical = actor.can("clinical.read")
    noted: dict[int, set[int]] = defaultdict(set)
    unsigned: dict[int, int] = defaultdict(int)
    group_noted: set[int] = set()
    if clinical:
        for sid, cid, signed in (
            ProgressNote.select(ProgressNote.session, ProgressNote.client, ProgressNote.signed_at)
            .where(ProgressNote.session.in_(ids))
            .tuples()
        ):
            noted[sid].add(cid)
            unsigned[sid] += signed is None
        for sid, signed in (
            GroupNote.select(GroupNote.session, GroupNote.signed_at)
            .where(GroupNote.session.in_(ids))
            .tuples()
        ):
            group_noted.add(sid)
            unsigned[sid] += signed is None
    staff = {s.id: s.full_name for s in Staff.select(Staff.id, Staff.full_name)}
    out = []
    for s in sessions:
        missing_notes = len(came[s.id] - noted[s.id]) if clinical else 0
        group_missing = (
            clinical
            and s.kind == "group"
            and s.id in marked
            and (s.id not in group_noted)
            and bool(came[s.id])
        )
        row = PendingSession(
            s.id,
            s.day,
            f"{fmt_time(s.start_time)} – {fmt_time(s.end_time)}",
            s.title or (s.group_name or ""),
            staff.get(s.counselor_id, "")
            if s.counselor_id
            else ", ".join(sorted(staff.get(i, "") for i in facilitators[s.group_id])),
            s.id not in marked,
            group_missing,
            missing_notes,
            unsigned[s.id] if clinical else 0,
        )
        if row.what:
            out.append(row)
    return out
