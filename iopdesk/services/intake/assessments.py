"""Intake assessments as the chart reads them: the views, loading the stored content, open, list."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from iopdesk.db.models.core import Client, Episode, Staff
from iopdesk.db.models.intake import IntakeAddendum, IntakeAssessment, ScreeningResult, SubstanceUse
from iopdesk.db.models.teds import TedsAdmission
from iopdesk.domain import teds
from iopdesk.domain.intake import (
    AsamEntry,
    AssessmentData,
    SubstanceRow,
    SuitabilityEntry,
    justification_reasons,
    missing_for_signing,
)
from iopdesk.errors import DomainError, NotFound
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.intake.screenings import (
    ScreeningView,
    client_or_404,
    followed_up,
    parse_answers,
    view_of,
)

DRAFT = "draft"
SIGNED = "signed"
DISCHARGED = "discharged"  # the episode status a signed discharge leaves


@dataclass(frozen=True)
class AddendumView:
    """A dated addendum to a signed assessment."""

    id: int
    text: str
    written_by: str
    written_at: dt.datetime


@dataclass(frozen=True)
class AssessmentRow:
    """One line of a client's list of assessments."""

    id: int
    client_id: int
    episode_id: int
    episode_number: int
    status: str
    assessed_on: dt.date
    created_by: str
    signed_by: str
    signed_at: dt.datetime | None
    level_of_care: str
    addenda: int
    #: The episode's status ("discharged" means a draft there can no longer be signed).
    episode_status: str = ""


@dataclass(frozen=True)
class AssessmentView:
    """An assessment with everything the form, the summary and the rules need."""

    id: int
    client_id: int
    episode_id: int
    client_name: str
    preferred_name: str
    record_number: str
    date_of_birth: dt.date
    sex: str
    status: str
    assessed_on: dt.date
    data: AssessmentData
    screenings: dict[str, ScreeningView]
    created_by: str
    created_at: dt.datetime
    updated_by: str
    updated_at: dt.datetime
    signed_by: str
    signed_at: dt.datetime | None
    addenda: tuple[AddendumView, ...]
    missing: tuple[str, ...]
    justification_reasons: tuple[str, ...]
    #: The draft's version when read: autosave sends it back, so a newer save is not lost.
    row_version: int = 0

    @property
    def is_signed(self) -> bool:
        return self.status == SIGNED


def assessment_record(assessment_id: int) -> IntakeAssessment:
    """The stored assessment, or NotFound."""
    found = IntakeAssessment.get_or_none(IntakeAssessment.id == assessment_id)
    if found is None:
        raise NotFound("That intake assessment does not exist.")
    return found


def refuse_if_signed(assessment: IntakeAssessment) -> None:
    """Refuse any change to a signed (frozen) assessment; addenda are the way to add to it."""
    if assessment.status == SIGNED:
        raise DomainError(
            f"This assessment was signed on {assessment.signed_at:%Y-%m-%d} and cannot be "
            "changed; add a dated addendum instead."
        )


def load_data(assessment: IntakeAssessment) -> AssessmentData:
    """The stored content of an assessment as plain data."""
    return AssessmentData(
        sections=json.loads(assessment.sections or "{}"),
        substances=tuple(
            SubstanceRow(
                r.substance, r.age_first_use, r.frequency, r.route, r.usual_amount, r.last_use
            )
            for r in assessment.substances.order_by(SubstanceUse.position)
        ),
        screenings={
            r.code: parse_answers(r.answers)
            for r in assessment.screenings.order_by(ScreeningResult.id)
        },
        asam={r.dimension: AsamEntry(r.rating, r.narrative) for r in assessment.asam},
        suitability={
            r.criterion: SuitabilityEntry(r.answer, r.note) for r in assessment.suitability
        },
        level_of_care=assessment.level_of_care,
        rationale=assessment.rationale,
        justification=assessment.justification,
        teds=teds_answers(assessment.id),
    )


def teds_answers(assessment_id: int) -> dict[str, str]:
    """The state reporting answers kept with an assessment (questions never answered left out)."""
    row = TedsAdmission.get_or_none(TedsAdmission.assessment == assessment_id)
    if row is None:
        return {}
    return {q.key: value for q in teds.ADMISSION if (value := getattr(row, q.key))}


def assessment_view(assessment: IntakeAssessment) -> AssessmentView:
    """A stored assessment as a plain view."""
    names = Staff.display_names()
    client: Client = assessment.client
    data = load_data(assessment)
    stored = list(assessment.screenings.order_by(ScreeningResult.id))
    followed = followed_up(stored)
    screenings = {r.code: view_of(r, names, followed) for r in stored}
    addenda = tuple(
        AddendumView(a.id, a.text, names.get(a.written_by_id, ""), a.written_at)
        for a in assessment.addenda.order_by(IntakeAddendum.written_at, IntakeAddendum.id)
    )
    return AssessmentView(
        id=assessment.id,
        client_id=client.id,
        episode_id=assessment.episode_id,
        client_name=client.full_name,
        preferred_name=client.preferred_name,
        record_number=client.record_number,
        date_of_birth=client.date_of_birth,
        sex=client.sex,
        status=assessment.status,
        assessed_on=assessment.assessed_on,
        data=data,
        screenings=screenings,
        created_by=names.get(assessment.created_by_id, ""),
        created_at=assessment.created_at,
        updated_by=names.get(assessment.updated_by_id, ""),
        updated_at=assessment.updated_at,
        signed_by=names.get(assessment.signed_by_id, ""),
        signed_at=assessment.signed_at,
        addenda=addenda,
        missing=tuple(missing_for_signing(data)),
        justification_reasons=tuple(justification_reasons(data)),
        row_version=assessment.row_version,
    )


@use_case("intake.open", "clinical.read", kind="read")
def get_assessment(actor: Actor, assessment_id: int) -> AssessmentView:
    """Open one assessment (an audited read of clinical content)."""
    assessment = assessment_record(assessment_id)
    describe(
        client_id=assessment.client_id, record_type="intake_assessment", record_id=assessment.id
    )
    return assessment_view(assessment)


@use_case("intake.list", "clinical.read", kind="read", audited=False)
def list_assessments(actor: Actor, client_id: int) -> list[AssessmentRow]:
    """A client's assessments across all episodes, newest first."""
    client = client_or_404(client_id)
    names = Staff.display_names()
    rows = []
    query = (
        IntakeAssessment.select(IntakeAssessment, Episode)
        .join(Episode)
        .where(IntakeAssessment.client == client.id)
        .order_by(IntakeAssessment.assessed_on.desc(), IntakeAssessment.id.desc())
    )
    for a in query:
        rows.append(
            AssessmentRow(
                a.id,
                client.id,
                a.episode_id,
                a.episode.number,
                a.status,
                a.assessed_on,
                names.get(a.created_by_id, ""),
                names.get(a.signed_by_id, ""),
                a.signed_at,
                a.level_of_care,
                a.addenda.count(),
                a.episode.status,
            )
        )
    return rows


def open_draft_intakes(client_id: int) -> list[AssessmentRow]:
    """The client's draft intakes on episodes not yet discharged, oldest first (not audited:
    for use cases such as discharge that hold their own permission and write their own audit
    row). A discharge would strand these: they could never be signed afterwards."""
    names = Staff.display_names()
    query = (
        IntakeAssessment.select(IntakeAssessment, Episode)
        .join(Episode)
        .where(
            (IntakeAssessment.client == client_id)
            & (IntakeAssessment.status == DRAFT)
            & (Episode.status != DISCHARGED)
        )
        .order_by(IntakeAssessment.assessed_on, IntakeAssessment.id)
    )
    return [
        AssessmentRow(
            a.id,
            a.client_id,
            a.episode_id,
            a.episode.number,
            a.status,
            a.assessed_on,
            names.get(a.created_by_id, ""),
            "",
            None,
            a.level_of_care,
            0,
            a.episode.status,
        )
        for a in query
    ]


def refuse_if_discharged(assessment: IntakeAssessment) -> None:
    """Refuse to sign an intake whose episode was discharged: signing would reopen it."""
    episode: Episode = assessment.episode
    if episode.status != DISCHARGED:
        return
    when = f"on {episode.discharge_date:%Y-%m-%d}" if episode.discharge_date else "earlier"
    current = (
        Episode.select()
        .where(Episode.client == assessment.client_id)
        .order_by(Episode.number.desc())
        .first()
    )
    if current is not None and current.status != DISCHARGED:
        raise DomainError(
            f"This draft intake belongs to episode {episode.number}, which was discharged "
            f"{when}, so it can no longer be signed. Start a new intake for the current "
            f"episode ({current.number}) instead."
        )
    raise DomainError(
        f"Episode {episode.number} was discharged {when}, so this draft intake can no longer "
        "be signed: signing it would reopen a closed episode. Readmit the client first "
        "(Readmit… on the Discharge and aftercare tab), then start a new intake."
    )
