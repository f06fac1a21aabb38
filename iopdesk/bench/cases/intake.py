"""Intake figures: opening an assessment, the chart's intake tab, scoring a screening, the PDF."""

from __future__ import annotations

from iopdesk.bench import BenchCase
from iopdesk.db.models.core import Client
from iopdesk.db.models.intake import IntakeAssessment
from iopdesk.services.intake import assessments as intake
from iopdesk.services.intake import printing as intake_print
from iopdesk.services.intake import screenings as intake_screenings

PHQ9_ANSWERS = {1: 1, 2: 2, 3: 1, 4: 2, 5: 0, 6: 1, 7: 1, 8: 0, 9: 0}


def _newest_signed() -> IntakeAssessment:
    return (
        IntakeAssessment.select(IntakeAssessment.id, IntakeAssessment.client)
        .where(IntakeAssessment.status == "signed")
        .order_by(IntakeAssessment.id.desc())
        .first()
    )


def _open_assessment(actors) -> None:
    intake.get_assessment(actors["clinician"], _newest_signed().id)


def _intake_tab(actors) -> None:
    clinician = actors["clinician"]
    client_id = _newest_signed().client_id
    intake.list_assessments(clinician, client_id)
    intake_screenings.screening_history(clinician, client_id)
    intake_screenings.safety_flag(clinician, client_id)


def _score_screening(actors) -> None:
    client = Client.select(Client.id).where(Client.status == "active").order_by(Client.id).first()
    intake_screenings.record_screening(actors["clinician"], client.id, "PHQ9", PHQ9_ANSWERS)


def _summary_pdf(actors) -> None:
    intake_print.print_intake_summary(actors["clinician"], _newest_signed().id)


CASES = [
    BenchCase("open an intake assessment (audited)", 100, _open_assessment),
    BenchCase("chart intake tab (assessments, screenings, flag)", 100, _intake_tab),
    BenchCase("score and record a PHQ-9", 100, _score_screening),
    BenchCase("intake summary PDF", 150, _summary_pdf),
]
