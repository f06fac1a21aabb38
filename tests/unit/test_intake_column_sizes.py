"""Every text column of the intake tables holds the longest value the intake accepts, so a
clinic on PostgreSQL (which refuses an over-long value where SQLite silently stores it) never
meets a DataError: free text is refused one character past its column, and every vocabulary
value fits its column."""

from __future__ import annotations

import peewee as pw
import pytest

from iopdesk.db.models.intake import (
    INTAKE_MODELS,
    IntakeAssessment,
    ScreeningResult,
    SubstanceUse,
    SuitabilityAnswer,
)
from iopdesk.domain.intake import ANSWERS, LEVELS_OF_CARE, SUITABILITY_CRITERIA, AssessmentData
from iopdesk.domain.intake import SubstanceRow as Row
from iopdesk.domain.screenings import INSTRUMENTS, audit_c
from iopdesk.errors import ValidationError
from iopdesk.services.intake import assessments as intake
from iopdesk.services.intake import drafts as intake_drafts
from iopdesk.services.intake.assessments import DRAFT, SIGNED
from tests.factories.clients import make_client

#: Columns the counselor types freely into (checked by saving through the service).
TYPED = ("substance", "frequency", "route", "usual_amount")
#: Columns filled only from a fixed vocabulary: the longest value of each must fit.
VOCABULARY: dict[pw.CharField, list[str]] = {
    IntakeAssessment.status: [DRAFT, SIGNED],
    IntakeAssessment.level_of_care: list(LEVELS_OF_CARE),
    ScreeningResult.code: list(INSTRUMENTS),
    ScreeningResult.band: [band.label for i in INSTRUMENTS.values() for band in i.bands],
    # Every AUDIT-C band: negative and positive, for each way the client's sex is recorded.
    ScreeningResult.audit_c_band: [
        audit_c({1: points, 2: points, 3: points}, sex).band or ""
        for points in (0, 4)
        for sex in ("male", "female", "")
    ],
    SuitabilityAnswer.criterion: list(SUITABILITY_CRITERIA),
    SuitabilityAnswer.answer: list(ANSWERS),
}


@pytest.fixture
def draft(clinician):
    return intake_drafts.start_assessment(clinician, make_client(status="referred"))


def _row(field: str, value: str) -> AssessmentData:
    values = {"substance": "Alcohol", field: value}
    return AssessmentData(substances=(Row(**values),))


def test_every_text_column_of_the_intake_is_checked_here():
    char_fields = {
        field
        for model in INTAKE_MODELS
        for field in model._meta.sorted_fields
        if isinstance(field, pw.CharField)
    }
    assert char_fields == {getattr(SubstanceUse, name) for name in TYPED} | set(VOCABULARY)


@pytest.mark.parametrize("name", TYPED)
def test_typed_text_fits_its_column_and_one_more_character_is_refused(clinician, draft, name):
    size = getattr(SubstanceUse, name).max_length
    longest = "Ä" * size  # characters, not bytes: PostgreSQL's varchar counts characters
    intake_drafts.save_draft(clinician, draft.id, _row(name, longest))
    (saved,) = intake.get_assessment(clinician, draft.id).data.substances
    assert getattr(saved, name) == longest
    with pytest.raises(ValidationError) as err:
        intake_drafts.save_draft(clinician, draft.id, _row(name, longest + "Ä"))
    assert f"at most {size}" in err.value.fields[f"substances.0.{name}"]


@pytest.mark.parametrize("column", list(VOCABULARY), ids=lambda c: c.name)
def test_every_vocabulary_value_fits_its_column(column):
    longest = max(VOCABULARY[column], key=len)
    assert len(longest) <= column.max_length, f"{longest!r} does not fit {column.name}"
