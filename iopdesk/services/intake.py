"""The intake assessment use cases: start, autosave a draft, sign and freeze, add addenda, read."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, replace

from iopdesk.db.models.base import now
from iopdesk.db.models.core import Client, Episode
from iopdesk.db.models.intake import (
    AsamRating,
    IntakeAddendum,
    IntakeAssessment,
    ScreeningResult,
    SubstanceUse,
    SuitabilityAnswer,
)
from iopdesk.domain.intake import (
    IOP,
    MAX_NARRATIVE,
    MAX_SECTION,
    SECTIONS,
    AsamEntry,
    AssessmentData,
    SubstanceRow,
    SuitabilityEntry,
    justification_reasons,
    missing_for_signing,
    value_problems,
)
from iopdesk.domain.validators import date_field, optional_text, required_text
from iopdesk.errors import Collector, DomainError, NotFound, ValidationError
from iopdesk.services.clinic import clinic_info
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.intake_screenings import (
    ScreeningView,
    client_or_404,
    current_episode,
    parse_answers,
    refresh_safety_flag,
    staff_names,
    store_screening,
    view_of,
)

DRAFT = "draft"
SIGNED = "signed"


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

    @property
    def is_signed(self) -> bool:
        return self.status == SIGNED


def assessment_record(assessment_id: int) -> IntakeAssessment:
    """The stored assessment, or NotFound."""
    found = IntakeAssessment.get_or_none(IntakeAssessment.id == assessment_id)
    if found is None:
        raise NotFound("That intake assessment does not exist.")
    return found


def _refuse_if_signed(assessment: IntakeAssessment) -> None:
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
    )


def assessment_view(assessment: IntakeAssessment) -> AssessmentView:
    """A stored assessment as a plain view."""
    names = staff_names()
    client: Client = assessment.client
    data = load_data(assessment)
    screenings = {
        r.code: view_of(r, names) for r in assessment.screenings.order_by(ScreeningResult.id)
    }
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
    )


def _open_episode(client: Client) -> Episode:
    """The episode an intake belongs to: the current one, or a new one after a discharge."""
    episode = current_episode(client)
    if episode is not None and episode.status != "discharged":
        if episode.status == "referred":
            episode.status = "intake"
            episode.save()
        return episode
    return Episode.create(
        client=client,
        number=(episode.number + 1) if episode else 1,
        status="intake",
        program=clinic_info().program_type,
        counselor=client.counselor_id,
        referral_date=dt.date.today(),
    )


@use_case("intake.start", "clinical.write")
def start_assessment(actor: Actor, client_id: int) -> AssessmentView:
    """Open a new draft intake for the client's current episode (a new episode after discharge)."""
    client = client_or_404(client_id)
    episode = _open_episode(client)
    draft = IntakeAssessment.get_or_none(
        (IntakeAssessment.episode == episode.id) & (IntakeAssessment.status == DRAFT)
    )
    if draft is not None:
        raise DomainError(
            f"{client.full_name} already has a draft intake started on "
            f"{draft.assessed_on:%Y-%m-%d}; open it to continue."
        )
    if client.status in ("referred", "discharged"):
        client.status = "intake"
        client.save()
    assessment = IntakeAssessment.create(
        client=client,
        episode=episode,
        assessed_on=dt.date.today(),
        created_by=actor.staff_id,
        updated_by=actor.staff_id,
    )
    describe(client_id=client.id, record_type="intake_assessment", record_id=assessment.id)
    return assessment_view(assessment)


def _clean(data: AssessmentData, errors: Collector) -> AssessmentData:
    """Control characters dropped, lengths checked; empty values are fine in a draft."""

    def text(field: str, value: str, label: str, max_len: int = MAX_NARRATIVE) -> str:
        return optional_text(errors, field, value, label, max_len=max_len, multiline=True)

    sections = {
        key: text(f"section.{key}", value, SECTIONS.get(key, key), MAX_SECTION)
        for key, value in data.sections.items()
    }
    substances = tuple(
        replace(
            row,
            substance=optional_text(
                errors, f"substances.{i}.substance", row.substance, "Substance"
            ),
            frequency=optional_text(
                errors, f"substances.{i}.frequency", row.frequency, "Frequency"
            ),
            route=optional_text(errors, f"substances.{i}.route", row.route, "Route"),
            usual_amount=optional_text(
                errors, f"substances.{i}.usual_amount", row.usual_amount, "Usual amount"
            ),
        )
        for i, row in enumerate(data.substances)
    )
    asam = {
        dim: AsamEntry(entry.rating, text(f"asam.{dim}.narrative", entry.narrative, "Narrative"))
        for dim, entry in data.asam.items()
    }
    suitability = {
        key: SuitabilityEntry(
            (entry.answer or "").strip().lower(),
            text(f"suitability.{key}.note", entry.note, "Note"),
        )
        for key, entry in data.suitability.items()
    }
    return AssessmentData(
        sections={k: v for k, v in sections.items() if v},
        substances=tuple(row for row in substances if not row.is_blank),
        screenings=data.screenings,
        asam=asam,
        suitability=suitability,
        level_of_care=(data.level_of_care or "").strip(),
        rationale=text("rationale", data.rationale, "Rationale"),
        justification=text("justification", data.justification, "Justification"),
    )


@use_case("intake.save_draft", "clinical.write")
def save_draft(actor: Actor, assessment_id: int, data: AssessmentData) -> AssessmentView:
    """Autosave the whole form: partial content is fine, wrong values are refused by field."""
    assessment = assessment_record(assessment_id)
    _refuse_if_signed(assessment)
    client: Client = assessment.client
    errors = Collector()
    cleaned = _clean(data, errors)
    problems = value_problems(cleaned, client.date_of_birth, dt.date.today())
    for name, message in problems.items():
        errors.add(name, message)
    errors.raise_if_any()
    assessment.sections = json.dumps(dict(cleaned.sections), ensure_ascii=False)
    assessment.level_of_care = cleaned.level_of_care
    assessment.rationale = cleaned.rationale
    assessment.justification = cleaned.justification
    assessment.updated_by = actor.staff_id
    assessment.updated_at = now()
    assessment.save()
    SubstanceUse.delete().where(SubstanceUse.assessment == assessment.id).execute()
    for position, row in enumerate(cleaned.substances):
        SubstanceUse.create(assessment=assessment, position=position, **asdict(row))
    AsamRating.delete().where(AsamRating.assessment == assessment.id).execute()
    for dim, entry in sorted(cleaned.asam.items()):
        if entry.rating is not None or entry.narrative:
            AsamRating.create(
                assessment=assessment, dimension=dim, rating=entry.rating, narrative=entry.narrative
            )
    SuitabilityAnswer.delete().where(SuitabilityAnswer.assessment == assessment.id).execute()
    for key, entry in cleaned.suitability.items():
        if entry.answer or entry.note:
            SuitabilityAnswer.create(
                assessment=assessment, criterion=key, answer=entry.answer, note=entry.note
            )
    _save_screenings(actor, assessment, client, cleaned)
    refresh_safety_flag(client)
    describe(
        client_id=client.id,
        record_type="intake_assessment",
        record_id=assessment.id,
        detail="draft saved",
    )
    return assessment_view(assessment)


def _save_screenings(
    actor: Actor, assessment: IntakeAssessment, client: Client, data: AssessmentData
) -> None:
    existing = {r.code: r for r in assessment.screenings}
    for code, answers in data.screenings.items():
        row = existing.get(code)
        if not any(value is not None for value in answers.values()):
            # A cleared instrument disappears unless a safety follow-up already points at it.
            if row is not None and not row.follow_ups.exists():
                row.delete_instance()
            continue
        store_screening(
            actor,
            client,
            assessment.episode,
            code,
            answers,
            assessment.assessed_on,
            assessment=assessment,
            existing=row,
        )


@use_case("intake.sign", "clinical.sign")
def sign_assessment(
    actor: Actor, assessment_id: int, admission_date: dt.date | str | None = None
) -> AssessmentView:
    """Sign and freeze; choosing IOP admits the client (episode active from the admission date)."""
    assessment = assessment_record(assessment_id)
    _refuse_if_signed(assessment)
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


@use_case("intake.addendum", "clinical.write")
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
    return AddendumView(row.id, row.text, staff_names().get(actor.staff_id, ""), row.written_at)


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
    names = staff_names()
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
            )
        )
    return rows
