"""Hostile values given to the family, medication and safety plan use cases (wrong types, huge
numbers, NaN, lone surrogates, NUL, megabytes of text) get a domain error with a sentence and change
nothing: never a TypeError, never a half-written row."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from iopdesk.db.models.care import Medication, SafetyPlan
from iopdesk.db.models.family import Collateral, CollateralNote, SessionCollateral
from iopdesk.errors import DomainError
from iopdesk.reports.aftercare_plan import ContactEntry
from iopdesk.services.attendance import family_sessions
from iopdesk.services.clients import collateral_notes, collaterals
from iopdesk.services.clients.collateral_notes import CollateralNoteForm
from iopdesk.services.clients.collaterals import CollateralForm
from iopdesk.services.medications import medication_list as meds
from iopdesk.services.medications.medication_list import MedicationForm
from iopdesk.services.safety_plans import records
from iopdesk.services.safety_plans.records import SafetyPlanForm
from tests.factories.attendance import make_session
from tests.factories.clients import make_client

HOSTILE = [None, "abc", 2**80, float("nan"), "\ud800", "a\x00b", ["x"], {"x": 1}, b"bytes"]
#: Far past every limit (20 times the longest note); 20 MB only makes the run slow.
HUGE = "x" * 2_000_000
TABLES = (Collateral, CollateralNote, SessionCollateral, Medication, SafetyPlan)


def _counts() -> tuple[int, ...]:
    return tuple(t.select().count() for t in TABLES)


@pytest.fixture
def family(clinician):
    client_id = make_client()
    mother = collaterals.add_collateral(clinician, client_id, CollateralForm("Maria", "Mother"))
    session_id = make_session(None, dt.date.today(), kind="family", client_ids=(client_id,))
    return client_id, mother.id, session_id


def _calls(clinician, client_id: int, collateral_id: int, session_id: int, bad: object):
    """Every use case here, each with ``bad`` in one place a caller could put it."""
    note = CollateralNoteForm(collateral_id, dt.date.today(), "phone", "Called.")
    medication = MedicationForm("Naltrexone", "50 mg")
    return {
        "collateral id": lambda: collaterals.add_collateral(clinician, bad, CollateralForm("A")),
        "collateral name": lambda: collaterals.add_collateral(
            clinician,
            client_id,
            CollateralForm(bad),  # type: ignore[arg-type]
        ),
        "collateral consent": lambda: collaterals.add_collateral(
            clinician,
            client_id,
            CollateralForm("A", consent_id=bad),  # type: ignore[arg-type]
        ),
        "note date": lambda: collateral_notes.save_collateral_note(
            clinician, client_id, dataclasses.replace(note, contact_on=bad)
        ),
        "note person": lambda: collateral_notes.save_collateral_note(
            clinician, client_id, dataclasses.replace(note, collateral_id=bad)
        ),
        "note text": lambda: collateral_notes.save_collateral_note(
            clinician, client_id, dataclasses.replace(note, content=bad)
        ),
        "who came": lambda: family_sessions.record_family_attendance(clinician, session_id, [bad]),
        "medication start": lambda: meds.add_medication(
            clinician, client_id, dataclasses.replace(medication, start_date=bad)
        ),
        "medication name": lambda: meds.add_medication(
            clinician, client_id, dataclasses.replace(medication, name=bad)
        ),
        "medication of": lambda: meds.list_medications(clinician, bad),
        "plan step": lambda: records.save_safety_plan(
            clinician,
            client_id,
            SafetyPlanForm(warning_signs=bad),  # type: ignore[arg-type]
        ),
        "plan person": lambda: records.save_safety_plan(
            clinician,
            client_id,
            SafetyPlanForm(helpers=(ContactEntry(bad, "", "612-555-0199"),)),  # type: ignore[arg-type]
        ),
        "plan version": lambda: records.sign_safety_plan(clinician, bad),
    }


#: Free text is read as text (the house's clean_text: NUL and lone surrogates dropped);
#: everything else must be refused outright.
TEXT_SLOTS = {"collateral name", "note text", "medication name", "plan step", "plan person"}
CASES = list(_calls(None, 0, 0, 0, None))


@pytest.mark.parametrize("where", CASES)
def test_a_hostile_value_is_a_sentence_and_changes_nothing(clinician, family, where):
    client_id, collateral_id, session_id = family
    for bad in [*HOSTILE, HUGE]:
        call = _calls(clinician, client_id, collateral_id, session_id, bad)[where]
        before = _counts()
        try:
            call()
        except DomainError as err:
            assert err.message and err.message[0].isalnum()
            assert _counts() == before, f"{where} with {bad!r:.20} changed rows"
        else:
            # None is fine where the value is optional (a consent, a start date).
            assert where in TEXT_SLOTS or bad is None, f"{where} took {bad!r:.20}"
            assert bad is not HUGE
