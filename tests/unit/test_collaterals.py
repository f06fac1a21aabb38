"""Family members and collaterals: recorded per client, contact allowed only while a consent to
disclose names them, contact notes signed and frozen, disclosures logged, the front desk kept
out of the notes."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.attendance import NoteAddendum
from iopdesk.db.models.clients import Disclosure
from iopdesk.db.models.core import AuditEvent
from iopdesk.db.models.family import Collateral, CollateralNote
from iopdesk.errors import ConflictError, DomainError, PermissionDenied, ValidationError
from iopdesk.services.clients import collateral_notes as notes
from iopdesk.services.clients import collaterals, consents
from iopdesk.services.clients.collateral_notes import CollateralNoteForm
from iopdesk.services.clients.collaterals import CollateralForm
from tests.factories.clients import disclosure_form, make_client

TODAY = dt.date.today()
OFFICER = "Hennepin County Drug Court, Officer Dana Reyes"


def _consent(clinician, client_id: int, **extra) -> int:
    return consents.add_disclosure_consent(clinician, client_id, disclosure_form(**extra)).id


def _officer(clinician, client_id: int, consent_id: int | None) -> collaterals.CollateralRow:
    form = CollateralForm(
        "Dana Reyes", "Probation officer", "612-555-0134", "other",
        consent_id=consent_id, consent_recipient=OFFICER if consent_id else "",
    )  # fmt: skip
    return collaterals.add_collateral(clinician, client_id, form)


def test_a_collateral_named_by_an_active_consent_may_be_contacted(clinician):
    client_id = make_client()
    consent_id = _consent(clinician, client_id)
    choices = collaterals.consent_choices(clinician, client_id)
    assert [(c.consent_id, c.recipient) for c in choices] == [(consent_id, OFFICER)]
    officer = _officer(clinician, client_id, consent_id)
    assert officer.contact_allowed and officer.consent_text.startswith("Allowed: consent of")
    mother = collaterals.add_collateral(
        clinician, client_id, CollateralForm("Maria Lopez", "Mother", "612-555-0199")
    )
    assert not mother.contact_allowed and mother.consent_text == "No consent allows contact"
    listed = collaterals.list_collaterals(clinician, client_id)
    assert [r.label for r in listed] == ["Dana Reyes (Probation officer)", "Maria Lopez (Mother)"]


def test_a_revoked_consent_stops_contact_and_says_why(clinician):
    client_id = make_client()
    consent_id = _consent(clinician, client_id)
    _officer(clinician, client_id, consent_id)
    consents.revoke_consent(clinician, consent_id, TODAY, "Client asked in writing")
    [row] = collaterals.list_collaterals(clinician, client_id)
    assert not row.contact_allowed
    assert row.consent_text.endswith("is revoked)")
    assert collaterals.consent_choices(clinician, client_id) == []


def test_linking_a_consent_that_does_not_name_them_is_refused_and_changes_nothing(clinician):
    client_id = make_client()
    consent_id = _consent(clinician, client_id)
    other = make_client("Ann", "Other")
    theirs = _consent(clinician, other)
    for cid, recipient, words in (
        (consent_id, "Maria Lopez", "does not name this recipient"),
        (theirs, OFFICER, "this client's consents"),
        (999, OFFICER, "this client's consents"),
    ):
        form = CollateralForm("Maria Lopez", "Mother", consent_id=cid, consent_recipient=recipient)
        with pytest.raises(ValidationError) as refused:
            collaterals.add_collateral(clinician, client_id, form)
        assert words in refused.value.fields["consent"]
    assert Collateral.select().count() == 0


def test_bad_input_is_a_sentence_next_to_its_field(clinician):
    client_id = make_client()
    form = CollateralForm("  ", "x" * 101, "call me", "cousin")
    with pytest.raises(ValidationError) as refused:
        collaterals.add_collateral(clinician, client_id, form)
    assert set(refused.value.fields) == {"name", "relationship", "phone", "kind"}
    assert Collateral.select().count() == 0


def test_a_stale_edit_is_refused_with_who_saved_in_between(clinician, front_desk):
    client_id = make_client()
    row = collaterals.add_collateral(clinician, client_id, CollateralForm("Maria Lopez", "Mother"))
    collaterals.edit_collateral(
        front_desk, row.id, CollateralForm("Maria Lopez", "Mother", "612-555-0100", row_version=1)
    )
    with pytest.raises(ConflictError) as stale:
        collaterals.edit_collateral(
            clinician, row.id, CollateralForm("Maria Lopez", "Mom", row_version=1)
        )
    assert stale.value.changed_by == "Fran Tester"
    assert Collateral.get_by_id(row.id).relationship == "Mother"


def _note_form(collateral_id: int, **extra) -> CollateralNoteForm:
    values: dict[str, object] = {
        "collateral_id": collateral_id,
        "contact_on": TODAY,
        "method": "phone",
        "content": "Officer asked about attendance; confirmed three sessions this week.",
        "shared_information": True,
    }
    values.update(extra)
    return CollateralNoteForm(**values)  # type: ignore[arg-type]


def test_a_signed_note_that_shared_information_logs_the_disclosure_and_is_frozen(clinician):
    client_id = make_client()
    officer = _officer(clinician, client_id, _consent(clinician, client_id))
    draft = notes.save_collateral_note(clinician, client_id, _note_form(officer.id))
    assert not draft.signed and draft.state.startswith("Draft by")
    assert Disclosure.select().count() == 0  # a draft has not been relied on yet
    signed = notes.sign_collateral_note(clinician, draft.id, draft.row_version)
    assert signed.signed
    [logged] = Disclosure.select()
    assert logged.recipient == OFFICER and "contact note of" in logged.document
    with pytest.raises(DomainError, match="signed and cannot change"):
        notes.save_collateral_note(
            clinician, client_id, _note_form(officer.id, row_version=signed.row_version), draft.id
        )
    added = notes.add_collateral_addendum(clinician, draft.id, "Officer called back: all fine.")
    assert [a.text for a in added.addenda] == ["Officer called back: all fine."]
    assert NoteAddendum.get().note_kind == "collateral"


def test_sharing_with_someone_no_consent_names_is_refused(clinician):
    client_id = make_client()
    mother = collaterals.add_collateral(
        clinician, client_id, CollateralForm("Maria Lopez", "Mother")
    )
    with pytest.raises(ValidationError) as refused:
        notes.save_collateral_note(clinician, client_id, _note_form(mother.id))
    assert "No consent allows contact" in refused.value.fields["shared_information"]
    assert CollateralNote.select().count() == 0
    # What she told the counselor may be written down: nothing about the client left.
    heard = notes.save_collateral_note(
        clinician, client_id, _note_form(mother.id, shared_information=False)
    )
    notes.sign_collateral_note(clinician, heard.id)
    assert Disclosure.select().count() == 0


def test_only_the_author_changes_signs_or_deletes_a_draft(clinician, supervisor):
    client_id = make_client()
    officer = _officer(clinician, client_id, _consent(clinician, client_id))
    draft = notes.save_collateral_note(clinician, client_id, _note_form(officer.id))
    for attempt in (
        lambda: notes.sign_collateral_note(supervisor, draft.id),
        lambda: notes.delete_collateral_note(supervisor, draft.id),
    ):
        with pytest.raises(DomainError, match="only its author"):
            attempt()
    notes.delete_collateral_note(clinician, draft.id)
    assert CollateralNote.select().count() == 0


def test_a_future_contact_or_another_clients_collateral_is_refused(clinician):
    client_id = make_client()
    other = collaterals.add_collateral(
        clinician, make_client("Ann", "Other"), CollateralForm("Bo Other", "Brother")
    )
    mine = collaterals.add_collateral(clinician, client_id, CollateralForm("Maria", "Mother"))
    with pytest.raises(ValidationError) as refused:
        notes.save_collateral_note(
            clinician,
            client_id,
            _note_form(mine.id, contact_on=TODAY + dt.timedelta(days=1), content=""),
        )
    assert set(refused.value.fields) == {"contact_on", "content"}
    with pytest.raises(ValidationError, match="own collaterals"):
        notes.save_collateral_note(clinician, client_id, _note_form(other.id))


def test_the_front_desk_keeps_the_list_but_never_sees_a_note(clinician, front_desk):
    client_id = make_client()
    officer = _officer(clinician, client_id, _consent(clinician, client_id))
    notes.save_collateral_note(clinician, client_id, _note_form(officer.id))
    assert [r.name for r in collaterals.list_collaterals(front_desk, client_id)] == ["Dana Reyes"]
    for attempt in (
        lambda: notes.collateral_notes(front_desk, client_id),
        lambda: notes.save_collateral_note(front_desk, client_id, _note_form(officer.id)),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    denied = AuditEvent.select().where(AuditEvent.outcome == "denied")
    assert {row.action for row in denied} == {"collateral_note.list", "collateral_note.save"}
