"""The intake rules: what is missing for signing, the justification rule, value checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from iopdesk.domain.intake import (
    ASAM_DIMENSIONS,
    IOP,
    OPTIONAL_STEPS,
    SECTIONS,
    STEPS,
    SUITABILITY_CRITERIA,
    AsamEntry,
    AssessmentData,
    SubstanceRow,
    SuitabilityEntry,
    is_concerning,
    missing_for_signing,
    needs_justification,
    value_problems,
)
from tests.factories.intake import complete_data

DOB = dt.date(1990, 5, 17)
TODAY = dt.date(2026, 3, 2)


def test_empty_assessment_names_every_step():
    missing = missing_for_signing(AssessmentData())
    # State reporting (TEDS) never holds up signing: unanswered questions are reported unknown.
    assert len(missing) == len(STEPS) - len(OPTIONAL_STEPS)
    assert missing[0] == "Presenting problem"
    assert "Substance use history (at least one substance)" in missing
    assert any(
        m.startswith("ASAM dimensions (rating for dimension 1, 2, 3, 4, 5, 6") for m in missing
    )


def test_complete_assessment_has_nothing_missing():
    assert missing_for_signing(complete_data()) == []


def test_each_missing_section_is_named():
    data = complete_data()
    sections = dict(data.sections)
    del sections["legal"]
    sections["housing"] = "   "
    missing = missing_for_signing(replace(data, sections=sections))
    assert missing == [SECTIONS["legal"], SECTIONS["housing"]]


def test_incomplete_screening_blocks_signing_and_names_items():
    data = complete_data(screenings={"PHQ9": {1: 1, 2: 1}})
    (missing,) = missing_for_signing(data)
    assert "PHQ-9 items 3, 4, 5, 6, 7, 8, 9 unanswered" in missing


def test_asam_missing_rating_and_narrative():
    asam = {d: AsamEntry(1, "n") for d in ASAM_DIMENSIONS}
    asam[4] = AsamEntry(None, "n")
    asam[6] = AsamEntry(2, "")
    (missing,) = missing_for_signing(complete_data(asam=asam))
    assert missing == "ASAM dimensions (rating for dimension 4; narrative for dimension 6)"


def test_justification_rule_high_rating_with_iop():
    data = complete_data(rating=3)
    assert needs_justification(data)
    assert missing_for_signing(data) == ["Level-of-care decision (written justification)"]
    assert missing_for_signing(replace(data, justification="Strong supports at home.")) == []


def test_justification_rule_suitability_no_with_iop():
    suitability = {k: SuitabilityEntry("yes") for k in SUITABILITY_CRITERIA}
    suitability["living_environment"] = SuitabilityEntry("no", "Couch surfing")
    assert needs_justification(complete_data(suitability=suitability))


def test_no_justification_when_another_level_is_chosen():
    assert not needs_justification(complete_data(level="3 Residential / inpatient", rating=4))
    assert not needs_justification(complete_data(rating=2))


@given(st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=6, max_size=6))
def test_justification_iff_a_rating_of_three_or_more(ratings):
    asam = {d: AsamEntry(r, "n") for d, r in zip(ASAM_DIMENSIONS, ratings, strict=True)}
    data = complete_data(asam=asam)
    assert needs_justification(data) == any(r is not None and r >= 3 for r in ratings)


def test_rating_outside_range_is_refused():
    problems = value_problems(
        AssessmentData(asam={2: AsamEntry(5, ""), 3: AsamEntry(-1, "")}), DOB, TODAY
    )
    assert set(problems) == {"asam.2.rating", "asam.3.rating"}
    assert "0 (no risk) to 4" in problems["asam.2.rating"]


def test_answer_outside_choices_is_refused():
    problems = value_problems(AssessmentData(screenings={"PHQ9": {1: 7}}), DOB, TODAY)
    assert "item 1" in problems["screening.PHQ9.item_1"].lower()


def test_last_use_before_first_use():
    row = SubstanceRow("Cannabis", 20, last_use=dt.date(2005, 1, 1))  # the client was 14
    problems = value_problems(AssessmentData(substances=(row,)), DOB, TODAY)
    assert "before the first use" in problems["substances.0.last_use"]


def test_age_of_first_use_above_current_age():
    row = SubstanceRow("Alcohol", 40)
    problems = value_problems(AssessmentData(substances=(row,)), DOB, TODAY)
    assert "above the client's current age (35)" in problems["substances.0.age_first_use"]


def test_last_use_in_future_and_bad_suitability_and_level():
    data = AssessmentData(
        substances=(SubstanceRow("Alcohol", last_use=TODAY + dt.timedelta(days=1)),),
        suitability={"living_environment": SuitabilityEntry("maybe")},
        level_of_care="9.9 Moon base",
    )
    problems = value_problems(data, DOB, TODAY)
    assert set(problems) == {
        "substances.0.last_use",
        "suitability.living_environment",
        "level_of_care",
    }


def test_partial_draft_values_are_fine():
    data = AssessmentData(
        sections={"legal": "On probation"},
        substances=(SubstanceRow("Alcohol", 15, last_use=dt.date(2026, 2, 1)),),
        screenings={"PHQ9": {9: 1}},
        level_of_care=IOP,
    )
    assert value_problems(data, DOB, TODAY) == {}


def test_concerning_bands():
    assert is_concerning("PHQ9", 10) and not is_concerning("PHQ9", 9)
    assert is_concerning("AUDIT", 8) and not is_concerning("AUDIT", 7)
    assert is_concerning("DAST10", 3) and not is_concerning("DAST10", 2)
    assert not is_concerning("GAD7", None)
