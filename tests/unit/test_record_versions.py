"""No silent lost update: two people open the same record, one saves at another workstation,
and the other's save from the older view is refused with who, when and both versions. Saving
over theirs is a choice (audited); taking theirs is reading it again."""

import pytest

from iopdesk.db.models.core import AuditEvent
from iopdesk.errors import ConflictError
from iopdesk.services.aftercare import plan as aftercare
from iopdesk.services.attendance import notes
from iopdesk.services.versions import overwriting
from tests.conftest import PASSWORD
from tests.factories.clients import make_client
from tests.processes import in_another_workstation
from tests.versioned_records import EDITABLE, Editable, _session

MINE, THEIRS = "Words typed here", "Words saved at the other workstation"
NAMES = {"sam": "Sam Tester, LADC", "casey": "Casey Tester, LADC"}


def saved_elsewhere(store, record_kind: str, record: Editable, ids) -> None:
    """The other person opens the record at their own workstation and saves THEIRS."""
    in_another_workstation(
        store.data_dir,
        record.other,
        PASSWORD,
        f"""
        from tests.versioned_records import EDITABLE
        record, ids = EDITABLE[{record_kind!r}], {ids!r}
        record.save(actor, ids, {THEIRS!r}, record.read(actor, ids))
        """,
    )


@pytest.fixture
def opened_then_saved_elsewhere(request, store, clinician, supervisor):
    """Casey opens the record; then it is saved at another workstation."""
    record = EDITABLE[request.param]
    ids = record.make(clinician)
    opened = record.read(clinician, ids)
    saved_elsewhere(store, request.param, record, ids)
    return record, ids, opened


@pytest.mark.parametrize("opened_then_saved_elsewhere", sorted(EDITABLE), indirect=True)
def test_an_older_view_is_refused_with_both_versions_and_kept_only_by_choice(
    opened_then_saved_elsewhere, clinician
):
    record, ids, opened = opened_then_saved_elsewhere
    with pytest.raises(ConflictError) as refused:
        record.save(clinician, ids, MINE, opened)
    conflict = refused.value
    assert conflict.changed_by == NAMES[record.other]
    assert conflict.changed_at is not None
    assert conflict.changed_by in conflict.message
    assert (conflict.mine[record.label], conflict.theirs[record.label]) == (MINE, THEIRS)
    assert conflict.current_version == opened + 1
    assert record.stored(clinician, ids) == THEIRS
    # Keep mine: saved over theirs, by choice, and the audit row says whose change it replaced.
    last = AuditEvent.select().count()
    with overwriting(conflict):
        record.save(clinician, ids, MINE, conflict.current_version)
    assert record.stored(clinician, ids) == MINE
    details = [e.detail for e in AuditEvent.select().order_by(AuditEvent.id).offset(last)]
    assert any(
        f"saved over the newer version {opened + 1} by {NAMES[record.other]}" in d for d in details
    ), details


@pytest.mark.parametrize("opened_then_saved_elsewhere", sorted(EDITABLE), indirect=True)
def test_taking_theirs_is_reading_again_then_saving_from_there(
    opened_then_saved_elsewhere, clinician
):
    record, ids, _ = opened_then_saved_elsewhere
    again = record.read(clinician, ids)
    record.save(clinician, ids, MINE, again)
    assert record.stored(clinician, ids) == MINE
    assert record.read(clinician, ids) == again + 1


def test_an_aftercare_plan_started_elsewhere_after_opening_an_empty_one_is_not_overwritten(
    store, clinician, supervisor
):
    client = make_client(counselor=clinician)
    assert aftercare.get_aftercare_plan(clinician, client) is None  # opened: not started
    in_another_workstation(
        store.data_dir,
        "sam",
        PASSWORD,
        f"""
        from iopdesk.services.aftercare import plan
        plan.save_aftercare_plan(actor, {client}, plan.AftercarePlanForm(triggers={THEIRS!r}))
        """,
    )
    mine = aftercare.AftercarePlanForm(triggers=MINE, row_version=0)
    with pytest.raises(ConflictError) as refused:
        aftercare.save_aftercare_plan(clinician, client, mine)
    assert refused.value.theirs["Personal triggers"] == THEIRS
    assert aftercare.get_aftercare_plan(clinician, client).triggers == THEIRS


def test_a_group_note_written_elsewhere_after_opening_none_is_not_overwritten(
    store, clinician, supervisor
):
    session = _session(clinician)["session"]
    # The session as a co-facilitator opened it before anyone wrote the group note.
    notes.GroupNote.delete().execute()
    in_another_workstation(
        store.data_dir,
        "sam",
        PASSWORD,
        f"""
        from iopdesk.services.attendance import notes
        notes.save_group_note(actor, {session}, "Triggers", {THEIRS!r})
        """,
    )
    with pytest.raises(ConflictError) as refused:
        notes.save_group_note(clinician, session, "Triggers", MINE, row_version=0)
    assert refused.value.changed_by == NAMES["sam"]
    assert notes.session_notes(clinician, session).group.fields["content"] == THEIRS
