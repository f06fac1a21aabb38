"""How a session note reads: its sections, addenda, names and linked objectives, fetched in a
few queries however many notes a sheet holds."""

from __future__ import annotations

import datetime as dt
import functools
import json
import operator
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from iopdesk.db.models.attendance import GroupNote, NoteAddendum, ProgressNote
from iopdesk.db.models.core import Staff
from iopdesk.services.attendance.note_objectives import (
    PlanObjective,
    linked_objectives,
    stored_ids,
)

#: The labels each note format shows, in order.
FIELD_LABELS = {
    "data": "Data",
    "assessment": "Assessment",
    "plan": "Plan",
    "behavior": "Behavior",
    "intervention": "Intervention",
    "response": "Response",
}


@dataclass(frozen=True)
class Addendum:
    """A dated addition to a signed note."""

    id: int
    text: str
    by_name: str
    at: dt.datetime


@dataclass(frozen=True)
class NoteView:
    """A group or progress note as the sheet and chart show it."""

    kind: str  # group | progress
    id: int
    session_id: int
    client_id: int | None
    format: str  # "" for group notes
    fields: dict[str, str]  # group: {"topic", "content"}
    objective_ids: tuple[int, ...]
    author_id: int  # individual note: its author; group note: who wrote its current text
    author_name: str
    written_at: dt.datetime
    signed_by_name: str
    signed_at: dt.datetime | None
    addenda: tuple[Addendum, ...]
    #: The note's version when read; saving a change sends it back.
    row_version: int = 0
    #: The plan objectives an individual note addresses, in plan order (``objective_ids``).
    objectives: tuple[PlanObjective, ...] = ()

    @property
    def signed(self) -> bool:
        return self.signed_at is not None


def staff_name(staff_id: int | None) -> str:
    if staff_id is None:
        return ""
    s = Staff.get_or_none(Staff.id == staff_id)
    return s.display_name if s else ""


AnyNote = GroupNote | ProgressNote


def note_views(notes: Sequence[AnyNote]) -> list[NoteView]:
    """Views of notes with their addenda and every name: two queries, however many notes."""
    kinds = [("group" if isinstance(n, GroupNote) else "progress", n) for n in notes]
    addenda: dict[tuple[str, int], list[NoteAddendum]] = defaultdict(list)
    if notes:
        wanted = [
            (NoteAddendum.note_kind == kind) & NoteAddendum.note_id.in_(ids)
            for kind in ("group", "progress")
            if (ids := [n.id for k, n in kinds if k == kind])
        ]
        query = (
            NoteAddendum.select()
            .where(functools.reduce(operator.or_, wanted))
            .order_by(NoteAddendum.at, NoteAddendum.id)
        )
        for a in query:
            addenda[(a.note_kind, a.note_id)].append(a)
    names = Staff.display_names(
        [i for n in notes for i in (n.author_id, n.signed_by_id)]
        + [a.by_id for rows in addenda.values() for a in rows]
    )
    linked = {n.id: stored_ids(n.objective_ids) for k, n in kinds if k == "progress"}
    objectives = linked_objectives(i for ids in linked.values() for i in ids)
    return [
        NoteView(
            kind,
            n.id,
            n.session_id,
            getattr(n, "client_id", None),
            getattr(n, "format", ""),
            (
                {"topic": n.topic, "content": n.content}
                if kind == "group"
                else json.loads(n.fields or "{}")
            ),
            linked.get(n.id, ()) if kind == "progress" else (),
            n.author_id,
            names.get(n.author_id, ""),
            n.written_at,
            names.get(n.signed_by_id, ""),
            n.signed_at,
            tuple(
                Addendum(a.id, a.text, names.get(a.by_id, ""), a.at) for a in addenda[(kind, n.id)]
            ),
            n.row_version,
            # In plan order (the lookup's order), not in the order they were ticked; only the
            # client's own (a link stored before links were checked may point anywhere).
            tuple(
                o
                for i, o in objectives.items()
                if i in linked.get(n.id, ()) and o.client_id == n.client_id
            ),
        )
        for kind, n in kinds
    ]


def note_view(note: AnyNote) -> NoteView:
    """The view of one note (after a save or an addendum)."""
    return note_views([note])[0]
