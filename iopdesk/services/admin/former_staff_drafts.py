"""Drafts left by former staff: unsigned notes and kept unsaved text only their author could
continue, listed for a clinical supervisor, who may take one over (audited, the former author
kept on record)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import peewee as pw

from iopdesk.db.models.attendance import GroupNote, ProgressNote
from iopdesk.db.models.calendar import Session
from iopdesk.db.models.core import Client, Draft, DraftTakeover, Staff
from iopdesk.db.models.family import CollateralNote
from iopdesk.domain import formats
from iopdesk.errors import DomainError, NotFound, ValidationError
from iopdesk.services.aftercare.drafts import KEPT_DRAFTS, kept_draft_client
from iopdesk.services.context import Actor, describe, use_case

#: Each kind of draft: what it is called, and where its new author continues it.
KINDS = {
    "progress": ("Progress note", "the session's attendance sheet (Attendance)"),
    "group": ("Group note", "the session's attendance sheet (Attendance)"),
    "collateral": ("Contact note", "the client's chart, Family and collaterals tab"),
    "kept": ("Unsaved text", "the client's chart, Discharge and aftercare tab"),
}


@dataclass(frozen=True)
class LeftDraft:
    """A draft whose author's account is no longer active: what it is, never what it says."""

    kind: str
    record_id: int
    what: str
    client_id: int | None
    client: str
    author: str
    last_changed: dt.datetime
    continue_in: str
    #: The session a session note belongs to (its attendance sheet is where it continues).
    session_id: int | None = None


#: The notes a draft of each kind is (the kept unsaved text is ``Draft``).
_NOTES: dict[str, type[pw.Model]] = {
    "progress": ProgressNote,
    "group": GroupNote,
    "collateral": CollateralNote,
}


def _former_staff() -> dict[int, str]:
    return {s.id: s.display_name for s in Staff.select().where(Staff.active == False)}  # noqa: E712


def _clients(ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = Client.select().where(Client.id.in_(wanted))
    return {c.id: f"{c.full_name} ({c.record_number})" for c in rows}


def _session_label(session: Session) -> str:
    return f"{session.title}, {formats.show_date(session.day)}"


#: A draft found: kind, id, what it is, client, author, last changed, session.
_Found = tuple[str, int, str, int | None, int, dt.datetime, int | None]


def _note_drafts(kind: str, former: Sequence[int]) -> list[_Found]:
    """The unsigned notes of ``kind`` by former staff; a group note belongs to the session,
    not to one client."""
    model = _NOTES[kind]
    rows = model.select().where(model.signed_at.is_null() & model.author.in_(former))  # type: ignore[attr-defined]
    label = KINDS[kind][0]
    if kind == "collateral":
        return [
            (kind, r.id, f"{label} of {formats.show_date(r.contact_on)}", r.client_id,
             r.author_id, r.written_at, None)
            for r in rows
        ]  # fmt: skip
    return [
        (kind, r.id, f"{label}, {_session_label(r.session)}",
         r.client_id if kind == "progress" else None, r.author_id, r.written_at, r.session_id)
        for r in rows
    ]  # fmt: skip


def _left(former: dict[int, str]) -> list[LeftDraft]:
    ids = list(former)
    drafts = [found for kind in _NOTES for found in _note_drafts(kind, ids)]
    for kept in Draft.select().where(Draft.staff.in_(ids)):
        named = kept_draft_client(kept.key)
        if named is not None:
            prefix, client_id = named
            drafts.append(("kept", kept.id, KEPT_DRAFTS[prefix], client_id, kept.staff_id,
                           kept.updated_at, None))  # fmt: skip
    clients = _clients(d[3] for d in drafts)
    left = [
        LeftDraft(kind, record_id, what, client_id, clients.get(client_id or 0, ""),
                  former[author], changed, KINDS[kind][1], session_id)
        for kind, record_id, what, client_id, author, changed, session_id in drafts
    ]  # fmt: skip
    return sorted(left, key=lambda d: d.last_changed)


@use_case("drafts.left", "drafts.take_over", kind="read")
def drafts_left_by_former_staff(actor: Actor) -> list[LeftDraft]:
    """The drafts whose author's account is deactivated, oldest first (for a supervisor)."""
    former = _former_staff()
    describe(record_type="draft")
    return _left(former) if former else []


def _take_kept(actor: Actor, kept: Draft) -> None:
    """A kept draft moves to the supervisor unless they keep one of their own for it."""
    if Draft.get_or_none((Draft.staff == actor.staff_id) & (Draft.key == kept.key)):
        raise DomainError(
            "You have unsaved text of your own for this client's record: open it and save or "
            "discard it first, then take this one over."
        )
    Draft.update(staff=actor.staff_id).where(Draft.id == kept.id).execute()


@use_case("drafts.take_over", "drafts.take_over", changes=("clinical", "attendance"))
def take_over_draft(actor: Actor, kind: str, record_id: int) -> LeftDraft:
    """Make the supervisor the author of a draft left by a former colleague; the takeover is
    recorded with the former author. A draft by an active colleague is refused."""
    if kind not in KINDS:
        raise ValidationError({"kind": "Choose a draft from the list of drafts left."})
    former = _former_staff()
    listed = {(d.kind, d.record_id): d for d in _left(former)} if former else {}
    left = listed.get((kind, record_id))
    if left is None:
        raise _not_left(kind, record_id)
    if kind == "kept":
        kept = Draft.get_by_id(record_id)
        author = kept.staff_id
        _take_kept(actor, kept)
    else:
        model = _NOTES[kind]
        note = model.get_by_id(record_id)
        author = note.author_id  # type: ignore[attr-defined]
        model.update(author=actor.staff_id, row_version=model.row_version + 1).where(  # type: ignore[attr-defined]
            model.id == record_id  # type: ignore[attr-defined]
        ).execute()
    DraftTakeover.create(kind=kind, record_id=record_id, from_staff=author, to_staff=actor.staff_id)
    # The audit row names the former author (its sentence: "... took over a draft left by X").
    describe(client_id=left.client_id, record_type="staff", record_id=author)
    return left


def _not_left(kind: str, record_id: int) -> DomainError:
    """Why a draft cannot be taken over: gone, signed, or its author is still active."""
    if kind == "kept":
        kept = Draft.get_or_none(Draft.id == record_id)
        author_id = kept.staff_id if kept else None
    else:
        note = _NOTES[kind].get_or_none(_NOTES[kind].id == record_id)  # type: ignore[attr-defined]
        if note is not None and note.signed_at is not None:
            return DomainError("That note is signed: there is no draft to take over.")
        author_id = note.author_id if note else None
    if author_id is None:
        return NotFound("That draft no longer exists; it may have been saved or discarded.")
    author = Staff.get_by_id(author_id)
    return DomainError(
        f"{author.display_name} is still an active colleague: only they can continue this "
        "draft. Ask them to finish it."
    )
