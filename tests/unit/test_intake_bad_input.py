"""Values typed or passed in the wrong shape reach the clinician as field errors with a
sentence, never as a raw TypeError or AttributeError: dates and ages of substance use given as
text are read or refused, and screening answers must be a mapping of item to answer (the
service boundary says so, before the draft is looked up)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iopdesk.domain.intake import AssessmentData, SubstanceRow, value_problems
from iopdesk.errors import ValidationError
from iopdesk.services.intake import assessments as intake
from iopdesk.services.intake import drafts as intake_drafts
from iopdesk.services.intake import screenings
from tests.factories.clients import make_client
from tests.factories.intake import PHQ9_MODERATE

FIXTURES_REUSED = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
NOT_A_MAPPING = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=5),
    st.lists(st.integers(0, 3), max_size=9),
    st.tuples(st.integers(0, 3), st.integers(0, 3)),
    st.sets(st.integers(1, 9), max_size=3),
)


@pytest.fixture
def draft(clinician):
    client_id = make_client(status="referred")
    return intake_drafts.start_assessment(clinician, client_id)


def _substance(**values: object) -> AssessmentData:
    return AssessmentData(substances=(SubstanceRow("Alcohol", **values),))


@pytest.mark.parametrize("text", [" 2024-02-10 ", "2/10/2024", "02/10/2024", "Feb 10, 2024"])
def test_last_use_written_as_text_is_read_as_a_date(clinician, draft, text):
    intake_drafts.save_draft(clinician, draft.id, _substance(last_use=text))
    (row,) = intake.get_assessment(clinician, draft.id).data.substances
    assert row.last_use == dt.date(2024, 2, 10)


@pytest.mark.parametrize("text", ["2024-02-30", "yesterday", "13/10/2024", "2024-2-1", "2/10/24"])
def test_last_use_that_is_not_a_real_date_is_refused_by_field(clinician, draft, text):
    with pytest.raises(ValidationError) as err:
        intake_drafts.save_draft(clinician, draft.id, _substance(last_use=text))
    assert err.value.fields["substances.0.last_use"] == (
        "Last use of Alcohol is not a real date; write it as 12/31/2026 or 2026-12-31."
    )


def test_last_use_text_is_still_checked_against_today_and_birth(clinician, draft):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError, match="cannot be in the future"):
        intake_drafts.save_draft(clinician, draft.id, _substance(last_use=tomorrow))
    with pytest.raises(ValidationError, match="before the client was born"):
        intake_drafts.save_draft(clinician, draft.id, _substance(last_use="1980-01-01"))


def test_last_use_as_a_timestamp_is_refused_by_field(clinician, draft):
    stamp = dt.datetime(2024, 3, 5, 22, 30)
    with pytest.raises(ValidationError) as err:
        intake_drafts.save_draft(clinician, draft.id, _substance(last_use=stamp))
    assert err.value.fields == {
        "substances.0.last_use": "Substances row 1: last use must be a date without a time of day."
    }
    assert intake.get_assessment(clinician, draft.id).data.substances == ()


def test_age_of_first_use_written_as_text(clinician, draft):
    intake_drafts.save_draft(clinician, draft.id, _substance(age_first_use=" 15 "))
    (row,) = intake.get_assessment(clinician, draft.id).data.substances
    assert row.age_first_use == 15
    for bad in ("fifteen", "15.5", 15.5, True, "-3"):
        with pytest.raises(ValidationError) as err:
            intake_drafts.save_draft(clinician, draft.id, _substance(age_first_use=bad))
        assert "whole number" in err.value.fields["substances.0.age_first_use"]


def test_the_pure_rules_report_a_text_date_instead_of_failing():
    data = _substance(age_first_use=15, last_use="2024-02-10")
    problems = value_problems(data, dt.date(1990, 5, 17), dt.date(2025, 1, 1))
    assert "not a real date" in problems["substances.0.last_use"]


@FIXTURES_REUSED
@given(text=st.text(max_size=14))
def test_any_text_for_last_use_is_saved_or_refused_by_field(clinician, draft, text):
    try:
        intake_drafts.save_draft(clinician, draft.id, _substance(last_use=text))
    except ValidationError as exc:
        assert set(exc.fields) == {"substances.0.last_use"}
    else:
        (row,) = intake.get_assessment(clinician, draft.id).data.substances
        assert row.last_use is None or isinstance(row.last_use, dt.date)


@FIXTURES_REUSED
@given(answers=NOT_A_MAPPING)
def test_screening_answers_that_are_not_a_mapping_are_refused(clinician, draft, answers):
    wants = "cannot be left empty." if answers is None else "must be a table of whole numbers."
    with pytest.raises(ValidationError) as err:
        screenings.record_screening(clinician, draft.client_id, "PHQ9", answers)
    assert err.value.fields == {"answers": f"Answers {wants}"}
    with pytest.raises(ValidationError) as err:
        intake_drafts.save_draft(clinician, draft.id, AssessmentData(screenings={"PHQ9": answers}))
    assert err.value.fields == {"screenings.PHQ9": f"Screenings: PHQ9 {wants}"}
    assert intake.get_assessment(clinician, draft.id).screenings == {}


def test_screenings_that_are_not_a_mapping_are_refused(clinician, draft):
    for bad in ([PHQ9_MODERATE], "PHQ9", 3):
        with pytest.raises(ValidationError) as err:
            intake_drafts.save_draft(clinician, draft.id, AssessmentData(screenings=bad))
        assert err.value.fields == {"screenings": "Screenings must be a table of tables."}


def test_screening_date_as_text_is_read_or_refused(clinician, draft):
    day = (dt.date.today() - dt.timedelta(days=2)).isoformat()
    view = screenings.record_screening(clinician, draft.client_id, "PHQ9", PHQ9_MODERATE, day)
    assert view.administered_on.isoformat() == day
    with pytest.raises(ValidationError) as err:
        screenings.record_screening(clinician, draft.client_id, "PHQ9", PHQ9_MODERATE, "2024-02-30")
    assert "administered_on" in err.value.fields
