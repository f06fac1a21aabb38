"""Drafts left by a deactivated colleague: listed for a supervisor, taken over, audited."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.attendance import GroupNote, ProgressNote
from iopdesk.db.models.core import AuditEvent, Draft, DraftTakeover
from iopdesk.db.models.family import CollateralNote
from iopdesk.errors import DomainError, NotFound, PermissionDenied, ValidationError
from iopdesk.services.admin import audit_log, staff
from iopdesk.services.admin.former_staff_drafts import (
    drafts_left_by_former_staff,
    take_over_draft,
)
from iopdesk.services.aftercare import drafts as kept_drafts
from iopdesk.services.clients import collateral_notes
from iopdesk.services.clients.collateral_notes import CollateralNoteForm
from tests.conftest import make_staff
from tests.factories.aftercare import TODAY
from tests.factories.drafts import leave_drafts


@pytest.fixture
def leaver(admin):
    return make_staff(admin, "leaving", "clinician")


def test_a_supervisor_sees_drafts_only_once_their_author_has_left(admin, leaver, supervisor):
    ids = leave_drafts(leaver)
    assert drafts_left_by_former_staff(supervisor) == []
    staff.set_active(admin, leaver.staff_id, False)
    left = drafts_left_by_former_staff(supervisor)
    assert sorted(d.kind for d in left) == ["collateral", "group", "kept", "progress"]
    assert {d.author for d in left} == {"Leaving Tester, LADC"}
    by_kind = {d.kind: d for d in left}
    assert by_kind["kept"].what == "Unsaved aftercare plan changes"
    assert by_kind["progress"].client.endswith(")") and by_kind["group"].client == ""
    assert by_kind["collateral"].what.startswith("Contact note of")
    # What a draft says is never listed: only what it is, whose client, who left it.
    shown = " ".join(str(v) for d in left for v in vars(d).values())
    assert "Payday" not in shown and "worried" not in shown and "Group talked" not in shown
    assert by_kind["progress"].record_id == ids["progress"]


@pytest.mark.parametrize("kind", ["progress", "group", "collateral", "kept"])
def test_taking_over_makes_the_supervisor_the_author_and_keeps_the_former_one(
    admin, leaver, supervisor, kind
):
    ids = leave_drafts(leaver)
    staff.set_active(admin, leaver.staff_id, False)
    taken = take_over_draft(supervisor, kind, ids[kind])
    assert taken.kind == kind and taken.continue_in
    owner = {
        "progress": lambda: ProgressNote.get_by_id(ids["progress"]).author_id,
        "group": lambda: GroupNote.get_by_id(ids["group"]).author_id,
        "collateral": lambda: CollateralNote.get_by_id(ids["collateral"]).author_id,
        "kept": lambda: Draft.get_by_id(ids["kept"]).staff_id,
    }[kind]
    assert owner() == supervisor.staff_id
    record = DraftTakeover.get()
    assert (record.kind, record.record_id) == (kind, ids[kind])
    assert (record.from_staff_id, record.to_staff_id) == (leaver.staff_id, supervisor.staff_id)
    assert kind not in {d.kind for d in drafts_left_by_former_staff(supervisor)}
    audit = AuditEvent.select().where(AuditEvent.action == "drafts.take_over").get()
    assert audit.detail == ""  # clinical: which record, never what it says
    said = [r.sentence for r in audit_log.search(admin, audit_log.AuditFilter())]
    assert any("took over a draft about" in s and "left by Leaving Tester" in s for s in said)


def test_the_new_author_continues_the_draft(admin, leaver, supervisor):
    ids = leave_drafts(leaver)
    staff.set_active(admin, leaver.staff_id, False)
    take_over_draft(supervisor, "collateral", ids["collateral"])
    take_over_draft(supervisor, "kept", ids["kept"])
    note = CollateralNote.get_by_id(ids["collateral"])
    saved = collateral_notes.save_collateral_note(
        supervisor,
        ids["client"],
        CollateralNoteForm(note.collateral_id, TODAY, "phone", "Finished.", row_version=None),
        note.id,
    )
    assert saved.content == "Finished." and saved.author_id == supervisor.staff_id
    kept = kept_drafts.load_draft(supervisor, kept_drafts.plan_key(ids["client"]))
    assert kept is not None and kept.payload == {"triggers": "Payday Fridays"}


def test_an_active_authors_draft_and_a_signed_note_are_refused(admin, leaver, supervisor):
    ids = leave_drafts(leaver)
    with pytest.raises(DomainError, match="Leaving Tester, LADC is still an active colleague"):
        take_over_draft(supervisor, "progress", ids["progress"])
    staff.set_active(admin, leaver.staff_id, False)
    CollateralNote.update(signed_at=dt.datetime.now(), signed_by=leaver.staff_id).execute()
    with pytest.raises(DomainError, match="signed: there is no draft"):
        take_over_draft(supervisor, "collateral", ids["collateral"])
    with pytest.raises(NotFound):
        take_over_draft(supervisor, "progress", 99999)
    with pytest.raises(ValidationError):
        take_over_draft(supervisor, "intake", ids["progress"])
    assert DraftTakeover.select().count() == 0
    assert ProgressNote.get_by_id(ids["progress"]).author_id == leaver.staff_id


def test_a_supervisor_keeping_their_own_text_for_the_record_is_asked_to_finish_it(
    admin, leaver, supervisor
):
    ids = leave_drafts(leaver)
    staff.set_active(admin, leaver.staff_id, False)
    kept_drafts.keep_draft(supervisor, kept_drafts.plan_key(ids["client"]), {"triggers": "Mine"})
    with pytest.raises(DomainError, match="unsaved text of your own"):
        take_over_draft(supervisor, "kept", ids["kept"])
    assert Draft.get_by_id(ids["kept"]).staff_id == leaver.staff_id


def test_only_a_clinical_supervisor_may_list_or_take_over(admin, leaver, clinician, front_desk):
    ids = leave_drafts(leaver)
    staff.set_active(admin, leaver.staff_id, False)
    # An administrator who is not a clinician, the front desk, a clinician who is no supervisor.
    for actor, words in (
        (admin, r"Your role \(Administrator\) is not allowed"),
        (front_desk, r"Your role \(Front desk\) is not allowed"),
        (clinician, "Only a clinical supervisor may take over drafts"),
    ):
        with pytest.raises(PermissionDenied, match=words):
            drafts_left_by_former_staff(actor)
        with pytest.raises(PermissionDenied, match=words):
            take_over_draft(actor, "progress", ids["progress"])
    assert ProgressNote.get_by_id(ids["progress"]).author_id == leaver.staff_id
    denied = AuditEvent.select().where(AuditEvent.outcome == "denied")
    assert {e.action for e in denied} == {"drafts.left", "drafts.take_over"}
    assert denied.count() == 6
