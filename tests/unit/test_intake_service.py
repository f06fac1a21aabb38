"""Intake use cases: drafts, signing and freezing, addenda, roles, audit and the safety flag."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from iopdesk.db.models.core import AuditEvent, Client, Episode
from iopdesk.db.models.intake import IntakeAssessment, ScreeningResult
from iopdesk.domain.intake import IOP, AssessmentData, SubstanceRow
from iopdesk.domain.screenings import SAFETY_FLAG
from iopdesk.errors import DomainError, PermissionDenied, ValidationError
from iopdesk.services.aftercare import readmission
from iopdesk.services.intake import assessments as intake
from iopdesk.services.intake import drafts as intake_drafts
from iopdesk.services.intake import screenings
from iopdesk.services.intake import signing as intake_signing
from tests.factories.clients import make_client
from tests.factories.intake import PHQ9_MODERATE, complete_data


@pytest.fixture
def client_id(admin):
    return make_client(status="referred")


def _audit(action: str) -> list[AuditEvent]:
    return list(AuditEvent.select().where(AuditEvent.action == action))


def test_start_moves_client_into_intake(clinician, client_id):
    view = intake_drafts.start_assessment(clinician, client_id)
    assert view.status == "draft" and view.client_name == Client.get_by_id(client_id).full_name
    assert Client.get_by_id(client_id).status == "intake"
    assert Episode.get(Episode.client == client_id).status == "intake"
    assert len(_audit("intake.start")) == 1
    with pytest.raises(DomainError, match="already has a draft"):
        intake_drafts.start_assessment(clinician, client_id)


def test_draft_saves_partial_content_and_survives_reopening(clinician, client_id):
    view = intake_drafts.start_assessment(clinician, client_id)
    partial = AssessmentData(
        sections={"presenting_problem": "Drinking\x07 daily since the layoff.", "legal": ""},
        substances=(SubstanceRow("Alcohol", 16), SubstanceRow()),
        screenings={"GAD7": {1: 2}},
    )
    intake_drafts.save_draft(clinician, view.id, partial)
    again = intake.get_assessment(clinician, view.id)
    assert again.data.sections == {"presenting_problem": "Drinking daily since the layoff."}
    assert again.data.substances == (SubstanceRow("Alcohol", 16),)
    assert again.screenings["GAD7"].score_text == "incomplete"
    assert "Presenting problem" not in again.missing
    assert len(_audit("intake.open")) == 1


def test_bad_value_changes_nothing(clinician, client_id):
    view = intake_drafts.start_assessment(clinician, client_id)
    intake_drafts.save_draft(clinician, view.id, AssessmentData(sections={"legal": "none"}))
    bad = AssessmentData(sections={"legal": "changed"}, substances=(SubstanceRow("Alcohol", 70),))
    with pytest.raises(ValidationError) as err:
        intake_drafts.save_draft(clinician, view.id, bad)
    assert "substances.0.age_first_use" in err.value.fields
    assert intake.get_assessment(clinician, view.id).data.sections == {"legal": "none"}


def test_answer_outside_choices_refused(clinician, client_id):
    view = intake_drafts.start_assessment(clinician, client_id)
    with pytest.raises(ValidationError) as err:
        intake_drafts.save_draft(clinician, view.id, AssessmentData(screenings={"DAST10": {3: 2}}))
    assert "screening.DAST10.item_3" in err.value.fields
    assert ScreeningResult.select().count() == 0


def test_sign_refuses_with_the_missing_sections(clinician, client_id):
    view = intake_drafts.start_assessment(clinician, client_id)
    data = complete_data()
    sections = {k: v for k, v in data.sections.items() if k not in ("housing", "legal")}
    intake_drafts.save_draft(clinician, view.id, replace(data, sections=sections))
    with pytest.raises(ValidationError) as err:
        intake_signing.sign_assessment(clinician, view.id)
    assert "Still missing: Legal; Housing" in err.value.message
    assert IntakeAssessment.get_by_id(view.id).status == "draft"


def test_sign_freezes_and_admits_to_iop(clinician, client_id):
    view = intake_drafts.start_assessment(clinician, client_id)
    intake_drafts.save_draft(clinician, view.id, complete_data())
    signed = intake_signing.sign_assessment(clinician, view.id, dt.date.today())
    assert signed.is_signed and signed.signed_by.startswith("Casey Tester")
    episode = Episode.get(Episode.client == client_id)
    assert (episode.status, episode.level_of_care, episode.admission_date) == (
        "active",
        IOP,
        dt.date.today(),
    )
    stored = Client.get_by_id(client_id)
    assert stored.status == "active" and stored.counselor_id == clinician.staff_id
    with pytest.raises(DomainError, match="cannot be changed; add a dated addendum"):
        intake_drafts.save_draft(clinician, view.id, complete_data(rationale="rewritten"))
    with pytest.raises(DomainError):
        intake_signing.sign_assessment(clinician, view.id)
    assert intake.get_assessment(clinician, view.id).data.rationale.startswith("Meets")


def test_sign_with_other_level_does_not_admit(clinician, client_id):
    view = intake_drafts.start_assessment(clinician, client_id)
    intake_drafts.save_draft(
        clinician, view.id, complete_data(level="3 Residential / inpatient", rating=4)
    )
    intake_signing.sign_assessment(clinician, view.id)
    assert Client.get_by_id(client_id).status == "intake"
    assert Episode.get(Episode.client == client_id).admission_date is None


def test_justification_required_before_signing(clinician, client_id):
    view = intake_drafts.start_assessment(clinician, client_id)
    intake_drafts.save_draft(clinician, view.id, complete_data(rating=3))
    with pytest.raises(ValidationError, match="written justification"):
        intake_signing.sign_assessment(clinician, view.id)
    intake_drafts.save_draft(clinician, view.id, complete_data(rating=3, justification="Supports."))
    assert intake_signing.sign_assessment(clinician, view.id).is_signed


def test_admission_before_birth_refused(clinician, client_id):
    view = intake_drafts.start_assessment(clinician, client_id)
    intake_drafts.save_draft(clinician, view.id, complete_data())
    with pytest.raises(ValidationError) as err:
        intake_signing.sign_assessment(clinician, view.id, "1980-01-01")
    assert "admission_date" in err.value.fields


def test_addenda_only_on_signed(clinician, supervisor, client_id):
    view = intake_drafts.start_assessment(clinician, client_id)
    with pytest.raises(DomainError, match="signed assessments"):
        intake_signing.add_addendum(clinician, view.id, "note")
    intake_drafts.save_draft(clinician, view.id, complete_data())
    intake_signing.sign_assessment(clinician, view.id)
    with pytest.raises(ValidationError):
        intake_signing.add_addendum(clinician, view.id, "   ")
    intake_signing.add_addendum(supervisor, view.id, "Client later disclosed cannabis use.")
    again = intake.get_assessment(clinician, view.id)
    assert [a.text for a in again.addenda] == ["Client later disclosed cannabis use."]
    assert again.addenda[0].written_by.startswith("Sam Tester")
    assert intake.list_assessments(clinician, client_id)[0].addenda == 1


@pytest.mark.parametrize("who", ["front_desk", "admin"])
def test_non_clinicians_are_refused_and_audited(request, clinician, client_id, who):
    actor = request.getfixturevalue(who)
    view = intake_drafts.start_assessment(clinician, client_id)
    calls = [
        lambda: intake_drafts.start_assessment(actor, client_id),
        lambda: intake_drafts.save_draft(actor, view.id, AssessmentData()),
        lambda: intake_signing.sign_assessment(actor, view.id),
        lambda: intake_signing.add_addendum(actor, view.id, "x"),
        lambda: intake.get_assessment(actor, view.id),
        lambda: intake.list_assessments(actor, client_id),
        lambda: screenings.record_screening(actor, client_id, "PHQ9", PHQ9_MODERATE),
        lambda: screenings.record_safety_follow_up(actor, client_id, "x"),
        lambda: screenings.screening_history(actor, client_id),
        lambda: screenings.latest_findings(actor, client_id),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    denied = AuditEvent.select().where(
        (AuditEvent.kind == "denied") & (AuditEvent.staff == actor.staff_id)
    )
    assert denied.count() == len(calls)


def test_safety_flag_lifecycle(clinician, client_id):
    view = intake_drafts.start_assessment(clinician, client_id)
    # Raised from an unfinished PHQ-9: item 9 cannot wait for the rest.
    intake_drafts.save_draft(clinician, view.id, AssessmentData(screenings={"PHQ9": {9: 1}}))
    assert Client.get_by_id(client_id).safety_flag.startswith(SAFETY_FLAG)
    with pytest.raises(ValidationError):
        screenings.record_safety_follow_up(clinician, client_id, "")
    assert screenings.record_safety_follow_up(clinician, client_id, "Safety plan made.") == 1
    assert Client.get_by_id(client_id).safety_flag == ""
    # The same draft saved again keeps its follow-up: no new flag.
    intake_drafts.save_draft(clinician, view.id, AssessmentData(screenings={"PHQ9": {9: 2}}))
    assert Client.get_by_id(client_id).safety_flag == ""
    with pytest.raises(DomainError, match="no safety flag"):
        screenings.record_safety_follow_up(clinician, client_id, "again")
    # A later PHQ-9 raises it again.
    later = screenings.record_screening(clinician, client_id, "PHQ9", {**PHQ9_MODERATE, 9: 3})
    assert later.needs_follow_up and later.total == 14
    assert Client.get_by_id(client_id).safety_flag.startswith(SAFETY_FLAG)


def test_record_screening_validates(clinician, client_id):
    with pytest.raises(ValidationError) as err:
        screenings.record_screening(clinician, client_id, "PHQ9", {})
    assert "answers" in err.value.fields
    with pytest.raises(ValidationError) as err:
        screenings.record_screening(
            clinician, client_id, "PHQ9", PHQ9_MODERATE, dt.date.today() + dt.timedelta(days=2)
        )
    assert "administered_on" in err.value.fields
    with pytest.raises(ValidationError):
        screenings.record_screening(clinician, client_id, "XYZ", {1: 1})


def test_history_first_and_last(clinician, client_id):
    old = dt.date.today() - dt.timedelta(days=40)
    screenings.record_screening(clinician, client_id, "PHQ9", PHQ9_MODERATE, old)
    screenings.record_screening(clinician, client_id, "PHQ9", {1: 1})  # incomplete
    screenings.record_screening(
        clinician, client_id, "PHQ9", dict.fromkeys(range(1, 10), 0), dt.date.today()
    )
    history = screenings.screening_history(clinician, client_id)
    assert len(history.rows) == 3
    first, last = history.first_last["PHQ9"]
    assert (first.total, last.total) == (11, 0)
    assert first.score_text == "11 of 27 (moderate)"


def test_latest_findings(clinician, client_id):
    view = intake_drafts.start_assessment(clinician, client_id)
    data = complete_data(rating=1)
    asam = dict(data.asam)
    asam[3] = replace(asam[3], rating=2, narrative="Depressed mood since spring.")
    intake_drafts.save_draft(clinician, view.id, replace(data, asam=asam))
    intake_signing.sign_assessment(clinician, view.id)
    findings = screenings.latest_findings(clinician, client_id)
    assert findings.assessment_id == view.id
    assert [(f.dimension, f.rating, f.narrative) for f in findings.asam] == [
        (3, 2, "Depressed mood since spring.")
    ]
    assert [s.code for s in findings.screenings] == ["PHQ9"]  # 11 moderate; GAD-7 mild is not


def test_intake_after_discharge_needs_readmission_then_uses_the_new_episode(clinician, admin):
    client_id = make_client(status="discharged")
    Episode.update(status="discharged").execute()
    with pytest.raises(DomainError, match="Readmit the client first"):
        intake_drafts.start_assessment(clinician, client_id)
    readmission.readmit(clinician, client_id, readmission.ReadmitForm(dt.date.today()))
    view = intake_drafts.start_assessment(clinician, client_id)
    episode = Episode.get_by_id(view.episode_id)
    assert episode.number == 2 and episode.status == "intake"
