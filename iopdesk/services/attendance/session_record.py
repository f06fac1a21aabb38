"""Saving a whole session from the sheet: attendance and notes in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from iopdesk.errors import ConflictError, DomainError, PermissionDenied, ValidationError
from iopdesk.services.attendance import family_sessions, notes
from iopdesk.services.attendance import sheet as attendance
from iopdesk.services.attendance.session_facts import client_label, get_client, get_session
from iopdesk.services.context import Actor, deny, use_case


@dataclass(frozen=True)
class SessionChanges:
    """What the sheet window submits: marks, and (for clinicians) changed notes."""

    entries: tuple[attendance.AttendanceEntry, ...] = ()
    group_note: tuple[str, str] | None = None  # (topic, what was covered)
    progress_notes: Mapping[int, Mapping[str, str]] = field(default_factory=dict)
    #: The notes' versions as the sheet read them (0: there was none yet): the group note's,
    #: and each changed individual note's by client id. Left out, a note is saved unchecked.
    group_note_version: int | None = None
    progress_note_versions: Mapping[int, int] = field(default_factory=dict)
    #: The plan objectives each changed individual note addresses, by client id (a client
    #: left out keeps the links their note has).
    progress_objectives: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    #: At a family session: the family members and collaterals who came (None: unchanged).
    collaterals: tuple[int, ...] | None = None

    def over(self, conflict: ConflictError) -> SessionChanges:
        """The same changes, saving over the newer version of the note ``conflict`` names
        (the person chose to keep what they wrote)."""
        if conflict.client_id is None:
            return replace(self, group_note_version=conflict.current_version)
        versions = {**self.progress_note_versions, conflict.client_id: conflict.current_version}
        return replace(self, progress_note_versions=versions)


def save_session(actor: Actor, session_id: int, changes: SessionChanges) -> attendance.Sheet:
    """Save marks, the group note and individual notes together: all of it, or none of it.

    Each part keeps its own audit row (inside one transaction). Note errors come back keyed
    ``note:<client id>:<field>`` or ``group:<field>`` so the window can place them.
    """
    wants_notes = changes.group_note is not None or bool(changes.progress_notes)
    if wants_notes and not actor.can("clinical.write"):
        # Refused before the transaction opens: inside it, the denial's audit row would be
        # rolled back together with everything else.
        raise deny(actor, "session.record", "clinical.write")
    return _record_session(actor, session_id, changes)


@use_case("session.record", "attendance.record", audited=False, changes=("attendance",))
def _record_session(actor: Actor, session_id: int, changes: SessionChanges) -> attendance.Sheet:
    """The one transaction behind ``save_session`` (its parts audit themselves)."""
    if changes.entries:
        attendance.save_sheet(actor, session_id, list(changes.entries))
    if changes.collaterals is not None:
        family_sessions.record_family_attendance(actor, session_id, changes.collaterals)
    if changes.group_note is not None:
        topic, content = changes.group_note
        try:
            notes.save_group_note(
                actor, session_id, topic, content, row_version=changes.group_note_version
            )
        except ValidationError as exc:
            raise ValidationError({f"group:{k}": v for k, v in exc.fields.items()})
    for client_id, fields in changes.progress_notes.items():
        try:
            notes.save_progress_note(
                actor,
                session_id,
                client_id,
                fields,
                changes.progress_objectives.get(client_id),
                row_version=changes.progress_note_versions.get(client_id),
            )
        except ValidationError as exc:
            name = client_label(get_client(client_id))
            raise ValidationError(
                {f"note:{client_id}:{k}": f"{name}'s note: {v}" for k, v in exc.fields.items()}
            )
        except DomainError as exc:
            if isinstance(exc, PermissionDenied | ConflictError):
                raise
            raise ValidationError({f"note:{client_id}:": exc.message})
    return attendance.build_sheet(get_session(session_id), with_notes=actor.can("clinical.read"))
