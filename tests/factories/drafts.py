"""A clinician's drafts of every kind that only their author may continue."""

from __future__ import annotations

from iopdesk.db.models.attendance import GroupNote, ProgressNote
from iopdesk.db.models.core import Draft
from iopdesk.services.aftercare import drafts as kept_drafts
from iopdesk.services.clients import collateral_notes, collaterals
from iopdesk.services.clients.collateral_notes import CollateralNoteForm
from iopdesk.services.clients.collaterals import CollateralForm
from iopdesk.services.context import Actor
from tests.factories.aftercare import TODAY, build_episode


def leave_drafts(leaver: Actor) -> dict[str, int]:
    """One draft of every kind by ``leaver``: record ids by kind."""
    built = build_episode(leaver, unsigned_note=True)
    note = ProgressNote.get(ProgressNote.client == built.client_id)
    group = GroupNote.create(
        session=note.session_id, content="Group talked", author=leaver.staff_id
    )
    person = collaterals.add_collateral(
        leaver, built.client_id, CollateralForm("Maria Lopez", "Mother", "612-555-0199")
    )
    contact = collateral_notes.save_collateral_note(
        leaver,
        built.client_id,
        CollateralNoteForm(person.id, TODAY, "phone", "Mother worried about relapse."),
    )
    kept_drafts.keep_draft(
        leaver, kept_drafts.plan_key(built.client_id), {"triggers": "Payday Fridays"}
    )
    kept = Draft.get(Draft.staff == leaver.staff_id)
    return {
        "progress": note.id,
        "group": group.id,
        "collateral": contact.id,
        "kept": kept.id,
        "client": built.client_id,
    }
