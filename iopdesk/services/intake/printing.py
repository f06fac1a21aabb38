"""Printing a signed intake: the summary's plain data, rendered and audited in one use case."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.core import Client, Episode, Staff
from iopdesk.db.models.intake import IntakeAssessment
from iopdesk.domain import formats
from iopdesk.domain.intake import (
    ANSWERS,
    ASAM_DIMENSIONS,
    LEVELS_OF_CARE,
    SECTIONS,
    SUITABILITY_CRITERIA,
    AsamEntry,
    SuitabilityEntry,
)
from iopdesk.domain.records import age_on
from iopdesk.domain.screenings import INSTRUMENTS
from iopdesk.errors import DomainError, NotFound
from iopdesk.reports.copies import INTERNAL, Copy
from iopdesk.reports.document import Letterhead
from iopdesk.reports.intake_summary import (
    IntakeSummary,
    SummaryScreening,
    SummarySubstance,
    render_intake_summary,
)
from iopdesk.reports.printout import Printout
from iopdesk.services.admin.clinic import clinic_info
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.intake.assessments import AssessmentView, assessment_record, assessment_view


def _summary(view: AssessmentView, copy: Copy) -> IntakeSummary:
    info = clinic_info()
    episode = Episode.get_by_id(view.episode_id)
    counselor = Staff.get_or_none(Staff.id == episode.counselor_id)
    data = view.data
    screenings = tuple(
        SummaryScreening(
            s.name, s.administered_on, s.score_text, s.flags, s.administered_by, s.audit_c_text
        )
        for s in view.screenings.values()
    )
    return IntakeSummary(
        letterhead=Letterhead(info.name, info.address, info.phone, info.program_label),
        client_name=view.client_name,
        preferred_name=view.preferred_name,
        record_number=view.record_number,
        date_of_birth=view.date_of_birth,
        age=age_on(view.date_of_birth, view.assessed_on),
        sex=view.sex,
        episode_number=episode.number,
        assessed_on=view.assessed_on,
        counselor=counselor.display_name if counselor else "",
        sections=tuple((title, data.sections.get(key, "")) for key, title in SECTIONS.items()),
        substances=tuple(
            SummarySubstance(
                r.substance,
                "" if r.age_first_use is None else str(r.age_first_use),
                r.frequency,
                r.route,
                r.usual_amount,
                formats.show_date(r.last_use) if r.last_use else "",
            )
            for r in data.substances
        ),
        screenings=screenings,
        attributions=tuple(
            (INSTRUMENTS[code].name, INSTRUMENTS[code].attribution) for code in view.screenings
        ),
        asam=tuple(
            (
                dim,
                name,
                data.asam.get(dim, AsamEntry()).rating,
                data.asam.get(dim, AsamEntry()).narrative,
            )
            for dim, name in ASAM_DIMENSIONS.items()
        ),
        suitability=tuple(
            (
                text,
                ANSWERS.get(data.suitability.get(key, SuitabilityEntry()).answer, "—"),
                data.suitability.get(key, SuitabilityEntry()).note,
            )
            for key, text in SUITABILITY_CRITERIA.items()
        ),
        level_of_care=LEVELS_OF_CARE.get(data.level_of_care, data.level_of_care).split(" (")[0],
        rationale=data.rationale,
        justification=data.justification,
        justification_reasons=view.justification_reasons,
        addenda=tuple((a.written_at, a.written_by, a.text) for a in view.addenda),
        signed_by=view.signed_by,
        signed_at=view.signed_at,
        copy=copy,
    )


def summary_label(assessed_on: dt.date) -> str:
    """How an intake summary is named in pickers and the disclosure log."""
    return f"Intake summary of {assessed_on.isoformat()}"


def signed_summaries(client_id: int) -> list[tuple[int, str]]:
    """(assessment id, label) of the client's signed intakes, newest first."""
    query = (
        IntakeAssessment.select(IntakeAssessment.id, IntakeAssessment.assessed_on)
        .where((IntakeAssessment.client == client_id) & (IntakeAssessment.status == "signed"))
        .order_by(IntakeAssessment.assessed_on.desc(), IntakeAssessment.id.desc())
    )
    return [(a.id, summary_label(a.assessed_on)) for a in query]


def summary_copy(
    client_id: int, assessment_id: int, copy: Copy
) -> tuple[str, Printout[IntakeSummary]]:
    """A signed intake's summary rendered as ``copy`` (call inside a use case), with its label;
    refused unless the assessment is the client's and signed."""
    assessment = assessment_record(assessment_id)
    if assessment.client_id != client_id:
        raise NotFound("That intake assessment is not this client's.")
    if assessment.status != "signed":
        raise DomainError("Only a signed assessment can be printed; sign it first.")
    summary = _summary(assessment_view(assessment), copy)
    name = f"intake-{summary.record_number}-{dt.date.today():%Y%m%d}.pdf"
    printout = Printout(summary, render_intake_summary(summary), name)
    return summary_label(summary.assessed_on), printout


@use_case("intake.print", "clinical.read", kind="read")
def print_intake_summary(actor: Actor, assessment_id: int) -> Printout[IntakeSummary]:
    """The summary of a signed assessment as a PDF for internal use (an audited read); the
    suggested file name carries the record number and today's date, never the client's name."""
    client_id = assessment_record(assessment_id).client_id
    label, printout = summary_copy(client_id, assessment_id, INTERNAL)
    describe(
        client_id=client_id,
        record_type="intake_assessment",
        record_id=assessment_id,
        detail=f"{label} printed",
    )
    return printout


@use_case("intake.find", "clinical.read", kind="read", audited=False)
def signed_assessment_for_record(
    actor: Actor, record_number: str, assessment_id: int | None = None
) -> int:
    """The newest signed intake of the client with this record number, or the chosen one after
    checking it is theirs (for `iopdesk print`)."""
    number = (record_number or "").strip().upper()
    client = Client.get_or_none(Client.record_number == number)
    if client is None:
        raise NotFound(f"There is no client with record number {record_number}.")
    signed = IntakeAssessment.select(IntakeAssessment.id, IntakeAssessment.client).where(
        IntakeAssessment.status == "signed"
    )
    if assessment_id is not None:
        chosen = signed.where(IntakeAssessment.id == assessment_id).first()
        if chosen is None or chosen.client_id != client.id:
            raise NotFound(f"{number} has no signed intake assessment {assessment_id}.")
        return chosen.id
    found = (
        signed.where(IntakeAssessment.client == client.id)
        .order_by(IntakeAssessment.signed_at.desc(), IntakeAssessment.id.desc())
        .first()
    )
    if found is None:
        raise NotFound(f"{record_number} has no signed intake assessment yet.")
    return found.id
