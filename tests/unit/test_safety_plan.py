"""The safety plan: drafted, signed and frozen, revised into new versions, printed for the client
in large type with 988 (and its Spanish use), 911 and the clinic; never seen by the front desk."""

from __future__ import annotations

import io
import subprocess

import pytest
from pypdf import PdfReader

from iopdesk.db.models.care import SafetyPlan
from iopdesk.db.models.clients import Disclosure
from iopdesk.db.models.core import AuditEvent
from iopdesk.domain.safety import STEPS, signing_gaps
from iopdesk.errors import ConflictError, DomainError, PermissionDenied, ValidationError
from iopdesk.reports.safety_plan import ContactEntry, SafetyPlanForm
from iopdesk.services.safety_plans import printing, records
from tests.factories.clients import make_client

PLAN = SafetyPlanForm(
    warning_signs="Not sleeping\nPulling away from my sister",
    coping_strategies="Walk the dog around the lake\nPlay guitar",
    distractions="Coffee shop on Lake Street\nNA meeting at St. Mark's",
    helpers=(ContactEntry("Rosa Vega", "Sister", "612-555-0101"),),
    professionals=(ContactEntry("Dr. Lena Alvarez", "Prescriber", "612-555-0150"),),
    safe_environment="Brother keeps the hunting rifle at his house\nPharmacy blister packs",
    reasons_for_living="My daughter Lucia\nFinishing my nursing degree",
    row_version=0,
)


def test_the_steps_keep_their_order_and_every_heading_is_our_own():
    assert [s.key for s in STEPS] == [
        "warning_signs", "coping_strategies", "distractions", "helpers", "professionals",
        "safe_environment", "reasons_for_living",
    ]  # fmt: skip
    assert signing_gaps({"warning_signs": "x"}) == [
        "Write something under “Things the client can do alone to get through it”.",
        "Write something under “Making the surroundings safer”.",
    ]


def test_a_draft_is_saved_signed_frozen_and_revised_into_a_new_version(clinician):
    client_id = make_client()
    assert records.open_safety_plan(clinician, client_id) is None
    draft = records.save_safety_plan(clinician, client_id, PLAN)
    assert (draft.version, draft.status, draft.helpers) == (1, "draft", PLAN.helpers)
    signed = records.sign_safety_plan(clinician, draft.id, draft.row_version)
    assert signed.status == "signed" and signed.signed_by == "Casey Tester, LADC"
    # A save now starts version 2; version 1 stays in force until 2 is signed.
    revised = records.revise_safety_plan(clinician, signed.id)
    assert (revised.version, revised.status, revised.warning_signs) == (
        2,
        "draft",
        PLAN.warning_signs,
    )
    with pytest.raises(DomainError, match="already being written"):
        records.revise_safety_plan(clinician, signed.id)
    assert records.open_safety_plan(clinician, client_id).id == revised.id
    changed = records.save_safety_plan(
        clinician, client_id,
        SafetyPlanForm(**{**PLAN.__dict__, "coping_strategies": "Call my sponsor",
                          "row_version": revised.row_version}),
    )  # fmt: skip
    records.sign_safety_plan(clinician, changed.id)
    statuses = [(v.version, v.status) for v in records.safety_plan_versions(clinician, client_id)]
    assert statuses == [(2, "signed"), (1, "superseded")]
    assert records.open_safety_plan(clinician, client_id, signed.id).coping_strategies == (
        PLAN.coping_strategies
    )
    with pytest.raises(DomainError, match="already"):
        records.sign_safety_plan(clinician, signed.id)


def test_a_plan_missing_a_required_step_cannot_be_signed(clinician):
    client_id = make_client()
    draft = records.save_safety_plan(clinician, client_id, SafetyPlanForm(warning_signs="x"))
    with pytest.raises(DomainError, match="not ready to sign"):
        records.sign_safety_plan(clinician, draft.id)
    assert SafetyPlan.get_by_id(draft.id).status == "draft"


def test_a_person_without_a_phone_is_pointed_out_on_their_row(clinician):
    client_id = make_client()
    form = SafetyPlanForm(helpers=(ContactEntry("Rosa", "Sister", ""),
                                   ContactEntry("", "", "not a phone")))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        records.save_safety_plan(clinician, client_id, form)
    assert set(refused.value.fields) == {"helpers.1.phone", "helpers.2.name", "helpers.2.phone"}
    assert SafetyPlan.select().count() == 0


def test_a_draft_changed_elsewhere_is_not_overwritten(clinician, supervisor):
    client_id = make_client()
    draft = records.save_safety_plan(clinician, client_id, PLAN)
    records.save_safety_plan(
        supervisor, client_id, SafetyPlanForm(**{**PLAN.__dict__, "row_version": 1,
                                                 "reasons_for_living": "My dog"})
    )  # fmt: skip
    with pytest.raises(ConflictError):
        records.save_safety_plan(
            clinician, client_id, SafetyPlanForm(**{**PLAN.__dict__, "row_version": 1})
        )
    # Someone who opened the client before any draft existed does not start a second one.
    with pytest.raises(ConflictError):
        records.save_safety_plan(clinician, client_id, PLAN)
    with pytest.raises(DomainError, match="changed after you opened it"):
        records.sign_safety_plan(clinician, draft.id, draft.row_version)
    assert SafetyPlan.get_by_id(draft.id).reasons_for_living == "My dog"


def test_the_clients_copy_reads_back_in_order_with_the_crisis_lines(
    clinician, tmp_path, pytestconfig
):
    client_id = make_client("Dana", "Reyes", preferred_name="Dee")
    draft = records.save_safety_plan(clinician, client_id, PLAN)
    with pytest.raises(DomainError, match="sign it before printing"):
        printing.print_safety_plan(clinician, client_id, draft.id)
    records.sign_safety_plan(clinician, draft.id)
    printout = printing.print_safety_plan(clinician, client_id)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(printout.content)).pages)
    flat = " ".join(text.split())
    order = [flat.index(s.printed) for s in STEPS]
    assert order == sorted(order)
    for words in ("My safety plan", "Dee Reyes", "version 1, signed", "Rosa Vega (Sister)",
                  "612-555-0101", "Call or text 988", "Call 988 and press 2, or text AYUDA to 988",
                  "Call 911", "Walk the dog around the lake", "My daughter Lucia",
                  "42 CFR part 2 prohibits"):  # fmt: skip
        assert words in flat, words
    assert printout.file_name.endswith("-v1.pdf")
    # The client's own copy is audited and is not a disclosure.
    last = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (last.action, last.record_type, last.kind) == (
        "safety_plan.print",
        "safety_plan",
        "read",
    )
    assert Disclosure.select().count() == 0
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(printout.content)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")], check=True)
    assert sorted(p.name for p in tmp_path.glob("page*.png"))


def test_the_front_desk_never_sees_a_safety_plan(clinician, front_desk):
    client_id = make_client()
    draft = records.save_safety_plan(clinician, client_id, PLAN)
    records.sign_safety_plan(clinician, draft.id)
    for attempt in (
        lambda: records.open_safety_plan(front_desk, client_id),
        lambda: records.safety_plan_versions(front_desk, client_id),
        lambda: records.save_safety_plan(front_desk, client_id, PLAN),
        lambda: printing.print_safety_plan(front_desk, client_id),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
