"""Session notes: a group note per session, a DAP/BIRP note per present client, addenda."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from iopdesk.db.models.attendance import (
    NOTE_FORMATS,
    Attendance,
    GroupNote,
    NoteAddendum,
    ProgressNote,
)
from iopdesk.db.models.base import now
from iopdesk.db.models.calendar import Session
from iopdesk.db.models.core import Staff
from iopdesk.domain.hours import ABSENT_STATUSES
from iopdesk.domain.validators import MAX_LONG, optional_text, required_text
from iopdesk.errors import Collector, DomainError, NotFound
from iopdesk.services.admin.clinic import get_setting
from iopdesk.services.attendance.note_objectives import check_objectives, stored_ids
from iopdesk.services.attendance.note_views import (
    FIELD_LABELS,
    NoteView,
    note_view,
    note_views,
    staff_name,
)
from iopdesk.services.attendance.session_facts import client_label, get_client, get_session
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.versions import claim


def _check_own_draft(note: ProgressNote, actor: Actor) -> None:
    """An unsigned individual note is its author's working text: nobody else changes it."""
    if note.author_id != actor.staff_id:
        author = staff_name(note.author_id) or "another clinician"
        raise DomainError(
            f"This note is a draft by {author}; only its author can change or delete it. "
            f"Ask {author} to finish and sign it; after that you can add an addendum."
        )


def _check_session_for_notes(session: Session) -> None:
    if session.status == "cancelled":
        raise DomainError("This session was cancelled; there is nothing to write a note about.")
    if session.day > dt.date.today():
        raise DomainError("This session has not happened yet; write its notes on or after the day.")


@dataclass(frozen=True)
class SessionNotes:
    """The group note and the individual notes (by client id) of one session."""

    group: NoteView | None
    progress: dict[int, NoteView]


@use_case("notes.open", "clinical.read", kind="read")
def session_notes(actor: Actor, session_id: int) -> SessionNotes:
    """The notes written for a session (opening them is an audited clinical read)."""
    get_session(session_id)
    g = GroupNote.get_or_none(GroupNote.session == session_id)
    written = list(ProgressNote.select().where(ProgressNote.session == session_id))
    views = note_views([g, *written] if g else written)
    describe(record_type="session_notes", record_id=session_id)
    group = views.pop(0) if g else None
    return SessionNotes(group, {v.client_id: v for v in views if v.client_id is not None})


def _group_fields(topic: str, content: str) -> dict[str, str]:
    return {"Topic": topic, "What was covered": content}


@use_case("notes.group.save", "clinical.write", changes=("attendance", "clinical"))
def save_group_note(
    actor: Actor, session_id: int, topic: str, content: str, *, row_version: int | None = None
) -> NoteView:
    """Write (or rewrite, while unsigned) the session's one group note.

    Co-facilitators may both work on it; whoever saves becomes the note's author (the writer
    of its current text), and only that person can sign it, so nobody signs words they did not
    write. Earlier writers are in the audit trail (one row per save). A note written or
    changed by someone since ``row_version`` was read (0: there was none) is refused with both
    versions.
    """
    session = get_session(session_id)
    _check_session_for_notes(session)
    errors = Collector()
    topic_text = required_text(errors, "topic", topic, "Topic")
    body = required_text(
        errors, "content", content, "What was covered", max_len=MAX_LONG, multiline=True
    )
    errors.raise_if_any()
    note = GroupNote.get_or_none(GroupNote.session == session_id)
    if note is not None and note.signed_at is not None:
        raise DomainError("The group note is signed and cannot change; add an addendum instead.")
    if note is None:
        note = GroupNote.create(
            session=session_id, topic=topic_text, content=body, author=actor.staff_id
        )
    else:
        claim(
            note,
            row_version,
            actor,
            what="group note",
            mine=_group_fields(topic_text, body),
            shown=lambda stored: _group_fields(stored.topic, stored.content),
        )
        note.topic, note.content = topic_text, body
        note.save()
    describe(record_type="group_note", record_id=note.id, detail=f"session {session_id}")
    return note_view(note)


def _progress_fields(fields: Mapping[str, str]) -> dict[str, str]:
    return {FIELD_LABELS.get(key, key): str(text) for key, text in fields.items()}


@use_case("notes.progress.save", "clinical.write", changes=("attendance", "clinical"))
def save_progress_note(
    actor: Actor,
    session_id: int,
    client_id: int,
    fields: Mapping[str, str],
    objective_ids: Sequence[int] | None = None,
    *,
    row_version: int | None = None,
) -> NoteView:
    """Write a present client's individual note in the clinic's format (DAP or BIRP); one
    saved (or written) since ``row_version`` was read (0: there was none) is refused with
    both versions (its author may be working on it at another workstation).

    ``objective_ids`` are the plan objectives it addresses (see ``note_objectives``: the
    client's plan in force only); None keeps the links the note already has."""
    session = get_session(session_id)
    _check_session_for_notes(session)
    client = get_client(client_id)
    mark = Attendance.get_or_none(
        (Attendance.session == session_id) & (Attendance.client == client_id)
    )
    if mark is None:
        raise DomainError(
            f"Attendance for {client_label(client)} is not saved yet; mark them on the sheet "
            "and save before writing their note."
        )
    if mark.status in ABSENT_STATUSES:
        raise DomainError(f"{client_label(client)} was absent; absent clients get no note.")
    note = ProgressNote.get_or_none(
        (ProgressNote.session == session_id) & (ProgressNote.client == client_id)
    )
    if note is not None and note.signed_at is not None:
        raise DomainError("This note is signed and cannot change; add an addendum instead.")
    if note is not None:
        _check_own_draft(note, actor)
    fmt = note.format if note is not None else get_setting("note_format")
    errors = Collector()
    cleaned = {
        key: optional_text(
            errors, key, fields.get(key, ""), FIELD_LABELS[key], max_len=MAX_LONG, multiline=True
        )
        for key in NOTE_FORMATS[fmt]
    }
    unknown = set(fields) - set(NOTE_FORMATS[fmt])
    if unknown:
        errors.add(
            "", f"This note is in {fmt} format; {', '.join(sorted(unknown))} is not part of it."
        )
    if not any(cleaned.values()):
        errors.add(
            NOTE_FORMATS[fmt][0], f"Write at least the {FIELD_LABELS[NOTE_FORMATS[fmt][0]]}."
        )
    kept = stored_ids(note.objective_ids) if note is not None else ()
    objectives = (
        list(kept)
        if objective_ids is None
        else check_objectives(errors, client, objective_ids, kept)
    )
    errors.raise_if_any()
    payload = json.dumps(cleaned, ensure_ascii=False)
    linked = json.dumps(objectives)
    if note is None:
        note = ProgressNote.create(
            session=session_id,
            client=client_id,
            format=fmt,
            fields=payload,
            objective_ids=linked,
            author=actor.staff_id,
        )
    else:
        claim(
            note,
            row_version,
            actor,
            what=f"note for {client_label(client)}",
            mine=_progress_fields(cleaned),
            shown=lambda stored: _progress_fields(json.loads(stored.fields or "{}")),
            client_id=client_id,
        )
        note.fields, note.objective_ids = payload, linked
        note.save()
    describe(
        client_id=client_id,
        record_type="progress_note",
        record_id=note.id,
        detail=f"session {session_id}",
    )
    return note_view(note)


@use_case("notes.progress.delete", "clinical.write", changes=("attendance", "clinical"))
def delete_progress_note(actor: Actor, note_id: int) -> None:
    """Throw away one's own unsigned individual note (a signed one stays, addenda only)."""
    note = ProgressNote.get_or_none(ProgressNote.id == note_id)
    if note is None:
        raise NotFound("That note does not exist.")
    if note.signed_at is not None:
        raise DomainError("A signed note cannot be deleted; add an addendum instead.")
    _check_own_draft(note, actor)
    note.delete_instance()
    describe(
        client_id=note.client_id,
        record_type="progress_note",
        record_id=note_id,
        detail="unsigned draft deleted",
    )


@use_case("notes.sign", "clinical.sign", changes=("attendance", "clinical"))
def sign_session_notes(actor: Actor, session_id: int) -> int:
    """Sign every unsigned note of the session that the signed-in clinician wrote.

    The group note is signed only by whoever wrote its current text (see ``save_group_note``).
    """
    session = get_session(session_id)
    _check_session_for_notes(session)
    stamp = now()
    signed = 0
    g = GroupNote.get_or_none(GroupNote.session == session_id)
    if g is not None and g.signed_at is None and g.author_id == actor.staff_id:
        g.signed_by, g.signed_at = actor.staff_id, stamp
        g.save()
        signed += 1
    signed += (
        ProgressNote.update(signed_by=actor.staff_id, signed_at=stamp)
        .where(
            (ProgressNote.session == session_id)
            & (ProgressNote.signed_at.is_null())
            & (ProgressNote.author == actor.staff_id)
        )
        .execute()
    )
    if signed == 0:
        message = "You have no unsigned notes for this session."
        if g is not None and g.signed_at is None:
            writer = staff_name(g.author_id) or "another clinician"
            message += (
                f" The group note was last changed by {writer}, so {writer} signs it "
                "(or save your own changes to it first, then sign)."
            )
        raise DomainError(message)
    describe(record_type="session_notes", record_id=session_id, detail=f"signed {signed} notes")
    return signed


@use_case("notes.addendum", "clinical.write", changes=("attendance", "clinical"))
def add_addendum(actor: Actor, kind: str, note_id: int, text: str) -> NoteView:
    """Add a dated addendum to a signed note (the note itself stays as signed)."""
    model = {"group": GroupNote, "progress": ProgressNote}.get(kind)
    note = model.get_or_none(model.id == note_id) if model else None
    if note is None:
        raise NotFound("That note does not exist.")
    if note.signed_at is None:
        raise DomainError("The note is not signed yet; edit it directly instead of adding to it.")
    errors = Collector()
    body = required_text(errors, "text", text, "Addendum", max_len=MAX_LONG, multiline=True)
    errors.raise_if_any()
    NoteAddendum.create(note_kind=kind, note_id=note_id, text=body, by=actor.staff_id)
    describe(
        client_id=getattr(note, "client_id", None),
        record_type=f"{kind}_note",
        record_id=note_id,
        detail="addendum",
    )
    return note_view(note)


@dataclass(frozen=True)
class UnsignedNote:
    """A note still waiting for its author's signature."""

    kind: str
    note_id: int
    session_id: int
    day: dt.date
    title: str
    author_name: str


def unsigned_notes(client_id: int) -> list[UnsignedNote]:
    """A client's unsigned individual notes (for discharge checks; no permission check here)."""
    query = (
        ProgressNote.select(ProgressNote, Session.day, Session.title)
        .join(Session)
        .where((ProgressNote.client == client_id) & ProgressNote.signed_at.is_null())
        .order_by(Session.day)
    )
    found = list(query)
    names = Staff.display_names(n.author_id for n in found)
    return [
        UnsignedNote(
            "progress",
            n.id,
            n.session_id,
            n.session.day,
            n.session.title,
            names.get(n.author_id, ""),
        )
        for n in found
    ]
