"""TEDS codes derived from raw answers: the codebook's values, -9 for anything not known."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iopdesk.db.models.teds import TedsAdmission, TedsDischarge
from iopdesk.domain import teds

FACTS = teds.EpisodeFacts("IOP-000007", 2, dt.date(1990, 6, 15), dt.date(2025, 3, 3),
                          dt.date(2025, 5, 2), "left_against_advice")  # fmt: skip
ANSWERS = {
    "gender": "female",
    "race": "american_indian",
    "ethnicity": "not_hispanic",
    "education": "college_1_3",
    "employment": "part_time",
    "living": "independent",
    "veteran": "no",
    "pregnant": "yes",
    "referral": "court",
    "prior_episodes": "7",
    "arrests": "3",
    "self_help": "5",
    "sub1": "alcohol",
    "route1": "oral",
    "freq1": "daily",
    "age1": "14",
    "sub2": "marijuana",
    "route2": "smoking",
    "freq2": "some",
    "age2": "unknown",
    "sub3": "none",
}


def test_every_question_has_a_column_of_the_same_name():
    assert [q.key for q in teds.ADMISSION] == [
        f.name for f in TedsAdmission._meta.sorted_fields if f.name not in ("id", "assessment")
    ]
    assert [q.key for q in teds.DISCHARGE] == [
        f.name for f in TedsDischarge._meta.sorted_fields if f.name not in ("id", "discharge")
    ]


def test_an_admission_record_in_codebook_codes():
    row = teds.record("A", FACTS, ANSWERS)
    assert {k: row[k] for k in teds.IDENTITY} == {
        "RECTYPE": "A", "CLIENTID": "IOP-000007", "EPISODE": 2, "ADMDATE": "2025-03-03",
        "DISDATE": "",
    }  # fmt: skip
    assert {k: row[k] for k in teds.ADMISSION_FIELDS} == {
        "SERVICES": 6, "AGE": 6,  # 34 at admission: 30-34
        "GENDER": 2, "RACE": 2, "ETHNIC": 4, "EDUC": 4, "EMPLOY": 2, "LIVARAG": 3, "VET": 2,
        "PREG": 1, "PSOURCE": 7, "NOPRIOR": 5, "ARRESTS": 2, "FREQ_ATND_SELF_HELP": 3,
        "SUB1": 2, "ROUTE1": 1, "FREQ1": 3, "FRSTUSE1": 2,
        "SUB2": 4, "ROUTE2": 2, "FREQ2": 2, "FRSTUSE2": -9,
        "SUB3": 1, "ROUTE3": -9, "FREQ3": -9, "FRSTUSE3": -9,
    }  # fmt: skip
    assert all(row[k] == "" for k in teds.DISCHARGE_FIELDS)


def test_a_discharge_record_adds_reason_stay_and_the_follow_up_items():
    row = teds.record(
        "D", FACTS, ANSWERS, {"employment": "full_time", "self_help": "some", "freq1": "none"}
    )
    assert row["DISDATE"] == "2025-05-02" and row["GENDER"] == 2
    assert {k: row[k] for k in teds.DISCHARGE_FIELDS} == {
        "SERVICES_D": 6, "REASON": 2, "LOS": 32,  # 60 days in care: 46-60
        "EMPLOY_D": 1, "LIVARAG_D": -9, "ARRESTS_D": -9, "FREQ_ATND_SELF_HELP_D": 5,
        "FREQ1_D": 1, "FREQ2_D": -9, "FREQ3_D": -9,
        "SUB1_D": 2, "SUB2_D": 4, "SUB3_D": 1,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("days", "code"),
    [(0, 1), (1, 1), (30, 30), (31, 31), (45, 31), (46, 32), (60, 32), (61, 33), (120, 34),
     (121, 35), (365, 36), (366, 37)],
)  # fmt: skip
def test_length_of_stay_codes(days, code):
    assert teds.los_code(teds.stay_days(dt.date(2025, 1, 1), dt.date(2025, 1, 1) +
                                        dt.timedelta(days=days))) == code  # fmt: skip


@pytest.mark.parametrize(
    ("age", "code"), [(11, -9), (12, 1), (14, 1), (17, 2), (18, 3), (64, 11), (65, 12), (90, 12)]
)
def test_age_codes(age, code):
    assert teds.age_code(age) == code


def test_unknown_not_applicable_and_not_collected_are_kept_apart_but_all_code_minus_nine():
    veteran = teds.BY_KEY["veteran"]
    assert teds.code(veteran, "unknown") == teds.code(veteran, "") == teds.MISSING
    assert teds.answer_problem(veteran, "not_applicable") is not None
    assert teds.answer_problem(teds.BY_KEY["pregnant"], "not_applicable") is None
    settled = teds.settle({"gender": "male", "sub2": "none"})
    assert settled["pregnant"] == "not_applicable" and settled["route2"] == "not_applicable"
    assert "route3" not in settled


def test_impossible_answers_are_named_by_question():
    problems = teds.answer_problems(
        teds.ADMISSION,
        {"gender": "male", "pregnant": "yes", "age1": "40", "arrests": "lots", "mood": "ok"},
        age_now=30,
    )
    assert set(problems) == {"teds.pregnant", "teds.age1", "teds.arrests", "teds.mood"}
    assert "above the client's age (30)" in problems["teds.age1"]


def test_answers_that_are_not_a_mapping_are_refused_with_a_sentence():
    from iopdesk.errors import ValidationError

    with pytest.raises(ValidationError, match="question by question"):
        teds.clean_answers(teds.ADMISSION, ["gender", "male"])  # type: ignore[arg-type]
    assert teds.clean_answers(teds.ADMISSION, {"arrests": " 007 ", "race": ""}) == {"arrests": "7"}


@given(
    st.one_of(
        st.dictionaries(
            st.one_of(st.sampled_from([q.key for q in teds.ADMISSION]), st.text(max_size=8)),
            st.one_of(st.none(), st.text(max_size=12), st.integers(), st.floats()),
            max_size=8,
        ),
        st.lists(st.text(max_size=5), max_size=3),
        st.none(),
    )
)
def test_hostile_answers_give_sentences_never_a_crash(answers):
    from iopdesk.errors import ValidationError

    try:
        cleaned = teds.clean_answers(teds.ADMISSION, answers)
    except ValidationError as exc:
        assert exc.message
        return
    problems = teds.answer_problems(teds.ADMISSION, cleaned, age_now=40)
    assert all(isinstance(m, str) and m for m in problems.values())
    kept = {k: v for k, v in cleaned.items() if f"teds.{k}" not in problems}
    teds.record("A", FACTS, kept)  # whatever was accepted codes without error
