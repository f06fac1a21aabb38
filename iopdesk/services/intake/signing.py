"""Signing an intake (freezing it, admitting the client to IOP) and dated addenda after."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.base import now
from iopdesk.db.models.core import Client, Episode, Staff
from iopdesk.db.models.intake import IntakeAddendum
from iopdesk.domain.intake import IOP, MAX_SECTION, missing_for_signing
from iopdesk.domain.validators import date_field, required_text
from iopdesk.errors import Collector, DomainError, ValidationError
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.intake.assessments import (
    SIGNED,
    AddendumView,
    AssessmentView,
    assessment_record,
    assessment_view,
    load_data,
    refuse_if_discharged,
    refuse_if_signed,
)


@use_case("intake.sign", "clinical.sign", changes=("clinical", "client"))
def sign_assessment(
    actor: Actor, assessment_id: int, admission_date: dt.date | str | None = None
) -> AssessmentView:
    """Sign and freeze; choosing IOP admits the client (episode active from the admission date)."""
    assessment = assessment_record(assessment_id)
    refuse_if_signed(assessment)
    refuse_if_discharged(assessment)
    client: Client = assessment.client
    data = load_data(assessment)
    missing = missing_for_signing(data)
    if missing:
        raise ValidationError(
            {"sign": "This assessment cannot be signed yet. Still missing: " + "; ".join(missing)}
        )
    errors = Collector()
    admitted = date_field(
        errors,
        "admission_date",
        admission_date or dt.date.today(),
        "Admission date",
        earliest=client.date_of_birth + dt.timedelta(days=1),
        latest=dt.date.today() + dt.timedelta(days=60),
    )
    errors.raise_if_any()
    assessment.status = SIGNED
    assessment.signed_by = actor.staff_id
    assessment.signed_at = now()
    assessment.save()
    if data.level_of_care == IOP:
        episode: Episode = assessment.episode
        episode.level_of_care = IOP
        episode.admission_date = episode.admission_date or admitted
        episode.status = "active"
        episode.counselor = episode.counselor_id or actor.staff_id
        episode.save()
        client.status = "active"
        client.counselor = client.counselor_id or actor.staff_id
        client.save()
    describe(
        client_id=client.id,
        record_type="intake_assessment",
        record_id=assessment.id,
        detail=f"signed; level of care {data.level_of_care}",
    )
    return assessment_view(assessment)


@use_case("intake.addendum", "clinical.write", changes=("clinical",))
def add_addendum(actor: Actor, assessment_id: int, text: str) -> AddendumView:
    """Add a dated addendum to a signed assessment (drafts are simply edited)."""
    assessment = assessment_record(assessment_id)
    if assessment.status != SIGNED:
        raise DomainError("Addenda are for signed assessments; edit the draft directly instead.")
    errors = Collector()
    body = required_text(errors, "text", text, "Addendum", max_len=MAX_SECTION, multiline=True)
    errors.raise_if_any()
    row = IntakeAddendum.create(assessment=assessment, text=body, written_by=actor.staff_id)
    describe(client_id=assessment.client_id, record_type="intake_addendum", record_id=row.id)
    return AddendumView(
        row.id, row.text, Staff.display_names().get(actor.staff_id, ""), row.written_at
    )
