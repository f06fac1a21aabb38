"""The medication list, MAT included: a drug test's explained positive points at a listed
medication taken that day, and the aftercare plan's MAT follow-up is drawn from the list."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.attendance import DrugTestResult
from iopdesk.db.models.care import Medication
from iopdesk.domain.medications import is_current, looks_like_mat, medication_line
from iopdesk.errors import ConflictError, PermissionDenied, ValidationError
from iopdesk.services.attendance.drug_tests import (
    DrugTestForm,
    ResultEntry,
    drug_tests,
    record_drug_test,
)
from iopdesk.services.medications import medication_list as meds
from iopdesk.services.medications.medication_list import MedicationForm
from tests.factories.clients import make_client

TODAY = dt.date.today()
SUBOXONE = MedicationForm(
    "Buprenorphine/naloxone", "8 mg/2 mg", "Under the tongue", "once daily",
    "Dr. Lena Alvarez", TODAY - dt.timedelta(days=40), None, True,
)  # fmt: skip
SERTRALINE = MedicationForm("Sertraline", "50 mg", "By mouth", "once daily", "Dr. Shah",
                            TODAY - dt.timedelta(days=300))  # fmt: skip


def test_the_rules_of_the_list():
    assert looks_like_mat("Suboxone film") and looks_like_mat("naltrexone (Vivitrol)")
    assert not looks_like_mat("Sertraline")
    assert is_current(None, None, TODAY) and not is_current(TODAY, None, TODAY - dt.timedelta(1))
    assert not is_current(None, TODAY - dt.timedelta(1), TODAY)
    assert medication_line("Methadone", "80 mg", "By mouth", "once daily") == (
        "Methadone 80 mg, by mouth, once daily"
    )
    assert medication_line("Methadone") == "Methadone"


def test_a_stopped_medication_is_kept_but_no_longer_current(clinician):
    client_id = make_client()
    sub = meds.add_medication(clinician, client_id, SUBOXONE)
    old = meds.add_medication(
        clinician, client_id, MedicationForm("Naltrexone", "50 mg", is_mat=True,
                                             start_date=TODAY - dt.timedelta(days=200),
                                             stop_date=TODAY - dt.timedelta(days=100))
    )  # fmt: skip
    listed = meds.list_medications(clinician, client_id)
    assert [r.name for r in listed] == ["Buprenorphine/naloxone", "Naltrexone"]
    assert [r.id for r in meds.current_medications(clinician, client_id)] == [sub.id]
    assert old.id not in [r.id for r in meds.current_medications(clinician, client_id)]


def test_bad_dates_are_refused_next_to_their_fields(clinician):
    client_id = make_client()
    form = MedicationForm("", start_date=TODAY, stop_date=TODAY - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        meds.add_medication(clinician, client_id, form)
    assert set(refused.value.fields) == {"name", "stop_date"}
    with pytest.raises(ValidationError, match="not a real date"):
        meds.add_medication(clinician, client_id, MedicationForm("X", start_date="2024-02-30"))
    assert Medication.select().count() == 0


def test_a_stale_edit_is_refused(clinician, supervisor):
    client_id = make_client()
    row = meds.add_medication(clinician, client_id, SERTRALINE)
    meds.edit_medication(supervisor, row.id, MedicationForm("Sertraline", "100 mg", row_version=1))
    with pytest.raises(ConflictError):
        meds.edit_medication(
            clinician, row.id, MedicationForm("Sertraline", "25 mg", row_version=1)
        )
    assert Medication.get_by_id(row.id).dose == "100 mg"


def test_an_explained_positive_points_at_the_medication_taken_that_day(clinician):
    client_id = make_client()
    sub = meds.add_medication(clinician, client_id, SUBOXONE)
    test = record_drug_test(
        clinician,
        DrugTestForm(client_id, TODAY, "urine", True, results=(
            ResultEntry("Buprenorphine", "positive", True, sub.id),
            ResultEntry("Fentanyl", "negative"),
        )),
    )  # fmt: skip
    assert test.summary == (
        "Positive: Buprenorphine (prescribed: Buprenorphine/naloxone 8 mg/2 mg) · 1 negative"
    )
    assert not test.has_unexplained_positive
    assert DrugTestResult.get(DrugTestResult.substance == "Buprenorphine").medication_id == sub.id
    assert drug_tests(clinician, client_id).tests[0].results[0].medication_id == sub.id


def test_a_medication_not_taken_that_day_or_of_another_client_is_refused(clinician):
    client_id = make_client()
    sub = meds.add_medication(clinician, client_id, SUBOXONE)
    theirs = meds.add_medication(clinician, make_client("Ann", "Other"), SERTRALINE)
    long_ago = TODAY - dt.timedelta(days=60)
    for day, medication_id, words in (
        (long_ago, sub.id, "was not being taken"),
        (TODAY, theirs.id, "client's own medications"),
    ):
        form = DrugTestForm(client_id, day, "urine", False, results=(
            ResultEntry("Buprenorphine", "positive", True, medication_id),))  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            record_drug_test(clinician, form)
        assert words in refused.value.fields["results"]
    negative = DrugTestForm(client_id, TODAY, "urine", False, results=(
        ResultEntry("Buprenorphine", "negative", False, sub.id),))  # fmt: skip
    with pytest.raises(ValidationError, match="Only a positive result"):
        record_drug_test(clinician, negative)
    assert DrugTestResult.select().count() == 0


def test_the_mat_follow_up_lists_current_mat_medications_only(clinician):
    client_id = make_client()
    meds.add_medication(clinician, client_id, SUBOXONE)
    meds.add_medication(clinician, client_id, SERTRALINE)
    text = meds.mat_follow_up_text(clinician, client_id)
    assert text.startswith(
        "Buprenorphine/naloxone 8 mg/2 mg, under the tongue, once daily; "
        "prescribed by Dr. Lena Alvarez; since "
    )
    assert "Sertraline" not in text
    assert meds.mat_follow_up_text(clinician, make_client("No", "Meds")) == ""


def test_the_front_desk_never_sees_medications(front_desk, clinician):
    client_id = make_client()
    meds.add_medication(clinician, client_id, SUBOXONE)
    for attempt in (
        lambda: meds.list_medications(front_desk, client_id),
        lambda: meds.current_medications(front_desk, client_id),
        lambda: meds.mat_follow_up_text(front_desk, client_id),
        lambda: meds.add_medication(front_desk, client_id, SERTRALINE),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
