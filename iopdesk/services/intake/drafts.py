"""Drafting an intake: start one for the current episode, autosave the form field by field."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, astuple, replace

from iopdesk.db.models.core import Client, Episode
from iopdesk.db.models.intake import AsamRating, IntakeAssessment, SubstanceUse, SuitabilityAnswer
from iopdesk.db.models.teds import TedsAdmission
from iopdesk.domain import teds
from iopdesk.domain.intake import (
    ASAM_DIMENSIONS,
    MAX_NARRATIVE,
    MAX_SECTION,
    SECTIONS,
    SUITABILITY_CRITERIA,
    AsamEntry,
    AssessmentData,
    SuitabilityEntry,
    read_substance_row,
    value_problems,
)
from iopdesk.domain.validators import optional_text
from iopdesk.errors import Collector, DomainError
from iopdesk.services.admin.clinic import clinic_info
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.intake.assessments import (
    DISCHARGED,
    DRAFT,
    AssessmentView,
    assessment_record,
    assessment_view,
    load_data,
    refuse_if_signed,
)
from iopdesk.services.intake.screenings import (
    client_or_404,
    current_episode,
    refresh_safety_flag,
    store_screening,
)
from iopdesk.services.versions import claim


def _open_episode(client: Client) -> Episode:
    """The episode an intake belongs to: the current one (the first one for a client who has
    none); after a discharge the client is readmitted first, never reopened here."""
    episode = current_episode(client)
    if episode is None:
        return Episode.create(
            client=client,
            number=1,
            status="intake",
            program=clinic_info().program_type,
            counselor=client.counselor_id,
            referral_date=dt.date.today(),
        )
    if episode.status == DISCHARGED:
        when = f"on {episode.discharge_date:%Y-%m-%d}" if episode.discharge_date else "earlier"
        raise DomainError(
            f"{client.full_name} was discharged {when} (episode {episode.number}). Readmit the "
            "client first (Readmit… on the Discharge and aftercare tab), then start the intake."
        )
    if episode.status == "referred":
        episode.status = "intake"
        episode.save()
    return episode


@use_case("intake.start", "clinical.write", changes=("clinical", "client"))
def start_assessment(actor: Actor, client_id: int) -> AssessmentView:
    """Open a new draft intake for the client's current episode (refused after a discharge
    until the client is readmitted)."""
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

    def short(i: int, field: str, value: str, label: str) -> str:
        # The column's own size is the limit: PostgreSQL refuses a longer value.
        size = getattr(SubstanceUse, field).max_length
        return optional_text(errors, f"substances.{i}.{field}", value, label, max_len=size)

    substances = tuple(
        replace(
            read_substance_row(row),
            substance=short(i, "substance", row.substance, "Substance"),
            frequency=short(i, "frequency", row.frequency, "Frequency"),
            route=short(i, "route", row.route, "Route"),
            usual_amount=short(i, "usual_amount", row.usual_amount, "Usual amount"),
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
        teds=teds.clean_answers(teds.ADMISSION, data.teds or {}),
    )


def draft_fields(data: AssessmentData) -> dict[str, str]:
    """An intake's content by the labels the form shows (both sides of a conflict)."""
    shown = {label: data.sections.get(key, "") for key, label in SECTIONS.items()}
    shown["Substance use"] = "\n".join(
        ", ".join(str(value) for value in astuple(row) if value not in (None, ""))
        for row in data.substances
    )
    for code, answers in sorted(data.screenings.items()):
        given = sorted((n, v) for n, v in answers.items() if v is not None)
        shown[f"Screening {code}"] = ", ".join(f"item {n}: {v}" for n, v in given)
    for dim, name in ASAM_DIMENSIONS.items():
        entry = data.asam.get(dim)
        rating = "" if entry is None or entry.rating is None else f"rated {entry.rating}"
        shown[f"ASAM {dim}: {name}"] = " — ".join(filter(None, (rating, entry and entry.narrative)))
    for key, label in SUITABILITY_CRITERIA.items():
        answer = data.suitability.get(key)
        shown[label] = " — ".join(filter(None, (answer.answer, answer.note))) if answer else ""
    shown["Level of care"] = data.level_of_care
    shown["Rationale"] = data.rationale
    shown["Justification"] = data.justification
    return shown


@use_case("intake.save_draft", "clinical.write", changes=("clinical",))
def save_draft(
    actor: Actor, assessment_id: int, data: AssessmentData, *, row_version: int | None = None
) -> AssessmentView:
    """Autosave the whole form: partial content is fine, wrong values are refused by field;
    a draft someone else saved since ``row_version`` was read is refused with both versions."""
    assessment = assessment_record(assessment_id)
    refuse_if_signed(assessment)
    client: Client = assessment.client
    errors = Collector()
    cleaned = _clean(data, errors)
    problems = value_problems(cleaned, client.date_of_birth, dt.date.today())
    for name, message in problems.items():
        errors.add(name, message)
    errors.raise_if_any()
    claim(
        assessment,
        row_version,
        actor,
        what="intake draft",
        mine=draft_fields(cleaned),
        shown=lambda stored: draft_fields(load_data(stored)),
        client_id=client.id,
    )
    assessment.sections = json.dumps(dict(cleaned.sections), ensure_ascii=False)
    assessment.level_of_care = cleaned.level_of_care
    assessment.rationale = cleaned.rationale
    assessment.justification = cleaned.justification
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
    _save_teds(assessment, cleaned.teds)
    refresh_safety_flag(client)
    describe(
        client_id=client.id,
        record_type="intake_assessment",
        record_id=assessment.id,
        detail="draft saved",
    )
    return assessment_view(assessment)


def _save_teds(assessment: IntakeAssessment, answers: dict[str, str]) -> None:
    """Keep the state reporting answers (checked by value_problems) with what follows from
    them; every question not answered is stored empty ("not collected")."""
    TedsAdmission.delete().where(TedsAdmission.assessment == assessment.id).execute()
    if answers:
        values = {q.key: "" for q in teds.ADMISSION} | teds.settle(answers)
        TedsAdmission.create(assessment=assessment, **values)


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
