"""Screening instruments: published content, scoring, bands, flags, AUDIT-C and bad input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iopdesk.domain.screenings import (
    AUDIT_C_CODE,
    GAD7_REFERRAL_FLAG,
    INSTRUMENTS,
    SAFETY_FLAG,
    Instrument,
    audit_c,
    band_for,
    choices_for,
    score,
)
from iopdesk.errors import ValidationError

# The published facts, written out independently of the instrument data so a slip there shows.
ITEM_COUNTS = {"PHQ9": 9, "GAD7": 7, "AUDIT": 10, "DAST10": 10}
MAX_TOTALS = {"PHQ9": 27, "GAD7": 21, "AUDIT": 40, "DAST10": 10}
BAND_EDGES = {
    "PHQ9": [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately severe"),
        (19, "moderately severe"),
        (20, "severe"),
        (27, "severe"),
    ],
    "GAD7": [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
    "AUDIT": [
        (0, "zone I low risk"),
        (7, "zone I low risk"),
        (8, "zone II hazardous"),
        (15, "zone II hazardous"),
        (16, "zone III harmful"),
        (19, "zone III harmful"),
        (20, "zone IV possible dependence"),
        (40, "zone IV possible dependence"),
    ],
    "DAST10": [
        (0, "none"),
        (1, "low"),
        (2, "low"),
        (3, "moderate"),
        (5, "moderate"),
        (6, "substantial"),
        (8, "substantial"),
        (9, "severe"),
        (10, "severe"),
    ],
}
ALL_EDGES = [(code, total, label) for code, edges in BAND_EDGES.items() for total, label in edges]


def points_table(code: str) -> dict[int, dict[int, int]]:
    """Item number -> {answer value: points}, as the scoring guides state them."""
    if code in ("PHQ9", "GAD7"):
        return {n: {v: v for v in range(4)} for n in range(1, ITEM_COUNTS[code] + 1)}
    if code == "AUDIT":
        table = {n: {v: v for v in range(5)} for n in range(1, 9)}
        table.update({9: {0: 0, 1: 2, 2: 4}, 10: {0: 0, 1: 2, 2: 4}})
        return table
    # DAST-10: No = 0, Yes = 1 as values; every "Yes" scores 1 except item 3, where "No" does.
    table = {n: {0: 0, 1: 1} for n in range(1, 11)}
    table[3] = {0: 1, 1: 0}
    return table


def answers_for_total(code: str, total: int) -> dict[int, int]:
    """A complete answer set whose published points add up to ``total`` (greedy per item)."""
    answers: dict[int, int] = {}
    remaining = total
    for number, worth in sorted(points_table(code).items()):
        # Prefer the largest award that still fits; an exact 0 always exists on every item.
        fitting = [(pts, value) for value, pts in worth.items() if pts <= remaining]
        pts, value = max(fitting)
        answers[number] = value
        remaining -= pts
    assert remaining == 0, f"could not build {code} total {total}"
    return answers


# --- the published content -------------------------------------------------------------


def test_the_four_instruments_are_there_with_their_item_counts_and_maxima() -> None:
    assert set(INSTRUMENTS) == set(ITEM_COUNTS)
    for code, instrument in INSTRUMENTS.items():
        assert instrument.code == code
        assert instrument.item_numbers == tuple(range(1, ITEM_COUNTS[code] + 1))
        assert instrument.max_total == MAX_TOTALS[code]
        assert sum(item.max_points for item in instrument.items) == instrument.max_total
        assert all(item.text.strip() for item in instrument.items)
        assert instrument.instructions.strip() and instrument.title.strip()


@pytest.mark.parametrize("code", sorted(ITEM_COUNTS))
def test_bands_cover_every_total_once_in_order(code: str) -> None:
    instrument = INSTRUMENTS[code]
    covered = [t for band in instrument.bands for t in range(band.low, band.high + 1)]
    assert covered == list(range(instrument.max_total + 1))


@pytest.mark.parametrize("code", sorted(ITEM_COUNTS))
def test_answer_values_and_points_follow_the_scoring_guides(code: str) -> None:
    for number, worth in points_table(code).items():
        assert {c.value: c.points for c in choices_for(code, number)} == worth


def test_attributions_credit_the_authors() -> None:
    assert "Spitzer" in INSTRUMENTS["PHQ9"].attribution
    assert "Pfizer" in INSTRUMENTS["GAD7"].attribution
    assert "World Health Organization" in INSTRUMENTS["AUDIT"].attribution
    assert "Babor" in INSTRUMENTS["AUDIT"].attribution
    assert "Skinner" in INSTRUMENTS["DAST10"].attribution
    assert "non-commercial" in INSTRUMENTS["DAST10"].attribution


def test_no_columbia_scale_or_asam_text() -> None:
    everything = " ".join(
        " ".join([i.title, i.instructions, i.attribution, *(item.text for item in i.items)])
        for i in INSTRUMENTS.values()
    ).lower()
    assert "columbia" not in everything and "asam" not in everything


def test_key_item_wording() -> None:
    phq9_item9 = INSTRUMENTS["PHQ9"].item(9)
    assert phq9_item9 is not None and "better off dead" in phq9_item9.text
    dast_item3 = INSTRUMENTS["DAST10"].item(3)
    assert dast_item3 is not None and "able to stop" in dast_item3.text
    assert [c.label for c in choices_for("AUDIT", 9)] == [
        "No",
        "Yes, but not in the last year",
        "Yes, during the last year",
    ]
    assert [c.label for c in choices_for("PHQ9", 1)] == [
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    ]


# --- bands ---------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "total", "label"), ALL_EDGES)
def test_band_for_every_edge(code: str, total: int, label: str) -> None:
    assert band_for(code, total) == label


@pytest.mark.parametrize(("code", "total", "label"), ALL_EDGES)
def test_score_reaches_every_band_edge(code: str, total: int, label: str) -> None:
    result = score(code, answers_for_total(code, total))
    assert (result.total, result.band, result.complete, result.missing) == (
        total,
        label,
        True,
        (),
    )
    assert result.code == code


@pytest.mark.parametrize("bad", [-1, 28, True, 3.0, "5", None])
def test_band_for_refuses_impossible_totals(bad: object) -> None:
    with pytest.raises(ValidationError) as caught:
        band_for("PHQ9", bad)  # type: ignore[arg-type]
    assert "total" in caught.value.fields


# --- incomplete administrations ----------------------------------------------------------


def test_an_unanswered_item_gives_no_total() -> None:
    answers: dict[int, int | None] = {n: 3 for n in range(1, 10)}
    answers[4] = None
    del answers[6]
    result = score("PHQ9", answers)
    assert result.complete is False
    assert result.total is None and result.band is None
    assert result.missing == (4, 6)


def test_an_empty_form_lists_every_item_as_missing() -> None:
    result = score("DAST10", {})
    assert result.missing == tuple(range(1, 11))
    assert (result.total, result.band, result.complete, result.flags) == (None, None, False, ())


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "item", "value"),
    [
        ("PHQ9", 1, 4),
        ("PHQ9", 2, -1),
        ("GAD7", 7, 9),
        ("AUDIT", 9, 4),  # the 4 *points* answer is stored as value 2
        ("AUDIT", 1, 5),
        ("DAST10", 3, 2),
        ("PHQ9", 1, True),
        ("PHQ9", 1, "2"),
        ("PHQ9", 1, 1.0),
    ],
)
def test_an_answer_that_is_not_a_choice_is_refused(code: str, item: int, value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        score(code, {item: value})  # type: ignore[dict-item]
    assert set(caught.value.fields) == {f"item_{item}"}
    assert str(item) in caught.value.fields[f"item_{item}"]


def test_every_bad_answer_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        score("GAD7", {1: 7, 2: 0, 3: 8, 12: 0})
    assert set(caught.value.fields) == {"item_1", "item_3", "item_12"}


@pytest.mark.parametrize("item", [0, 10, -3])
def test_an_unknown_item_number_is_refused(item: int) -> None:
    with pytest.raises(ValidationError) as caught:
        score("PHQ9", {item: 0})
    assert f"item_{item}" in caught.value.fields


def test_a_non_numeric_item_key_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        score("PHQ9", {"1": 0})  # type: ignore[dict-item]
    assert "answers" in caught.value.fields


@pytest.mark.parametrize("code", ["PHQ-9", "phq9", "CSSRS", "", None])
def test_an_unknown_instrument_is_refused(code: object) -> None:
    with pytest.raises(ValidationError) as caught:
        score(code, {})  # type: ignore[arg-type]
    assert "instrument" in caught.value.fields
    with pytest.raises(ValidationError):
        band_for(code, 0)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        choices_for(code, 1)  # type: ignore[arg-type]


def test_choices_for_an_unknown_item_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        choices_for("GAD7", 8)
    assert "item_8" in caught.value.fields


# --- scoring quirks ---------------------------------------------------------------------


@pytest.mark.parametrize(("value", "points"), [(0, 0), (1, 2), (2, 4)])
def test_audit_items_9_and_10_score_0_2_4(value: int, points: int) -> None:
    base = {n: 0 for n in range(1, 11)}
    assert score("AUDIT", {**base, 9: value}).total == points
    assert score("AUDIT", {**base, 10: value}).total == points
    assert score("AUDIT", {**base, 9: value, 10: value}).total == 2 * points


def test_dast10_item_3_is_reversed() -> None:
    all_no = {n: 0 for n in range(1, 11)}
    assert score("DAST10", all_no).total == 1  # "No, I cannot always stop" is the problem
    assert score("DAST10", {**all_no, 3: 1}).total == 0
    all_yes = {n: 1 for n in range(1, 11)}
    assert score("DAST10", all_yes).total == 9
    assert score("DAST10", {**all_yes, 3: 0}).total == 10
    assert score("DAST10", {**all_yes, 3: 0}).band == "severe"


# --- flags ----------------------------------------------------------------------------


@pytest.mark.parametrize("item9", [1, 2, 3])
def test_phq9_item_9_above_zero_raises_the_safety_flag(item9: int) -> None:
    result = score("PHQ9", {**{n: 0 for n in range(1, 9)}, 9: item9})
    assert result.flags == (SAFETY_FLAG,)
    assert result.band == "minimal"  # the flag stands whatever the total says


def test_phq9_safety_flag_is_raised_on_an_incomplete_form() -> None:
    result = score("PHQ9", {9: 1})
    assert result.complete is False and result.total is None
    assert SAFETY_FLAG in result.flags


def test_phq9_item_9_at_zero_or_unanswered_raises_no_flag() -> None:
    assert score("PHQ9", {n: 3 for n in range(1, 9)} | {9: 0}).flags == ()
    assert score("PHQ9", {n: 3 for n in range(1, 9)}).flags == ()
    assert score("PHQ9", {9: None}).flags == ()


def test_gad7_referral_flag_from_10() -> None:
    assert score("GAD7", answers_for_total("GAD7", 9)).flags == ()
    assert score("GAD7", answers_for_total("GAD7", 10)).flags == (GAD7_REFERRAL_FLAG,)
    assert score("GAD7", answers_for_total("GAD7", 21)).flags == (GAD7_REFERRAL_FLAG,)
    assert score("GAD7", {n: 3 for n in range(1, 7)}).flags == ()  # no total, no referral


@pytest.mark.parametrize("code", ["AUDIT", "DAST10"])
def test_substance_instruments_raise_no_flags(code: str) -> None:
    assert score(code, answers_for_total(code, MAX_TOTALS[code])).flags == ()


# --- AUDIT-C --------------------------------------------------------------------------


def audit_c_answers(total: int) -> dict[int, int]:
    """Items 1-3 adding to ``total`` (0-12), the rest of the AUDIT left unanswered."""
    first = min(total, 4)
    second = min(total - first, 4)
    return {1: first, 2: second, 3: total - first - second}


@pytest.mark.parametrize(
    ("sex", "total", "band"),
    [
        ("male", 3, "negative"),
        ("male", 4, "positive"),
        ("Male ", 4, "positive"),
        ("female", 2, "negative"),
        ("female", 3, "positive"),
        ("FEMALE", 3, "positive"),
        ("male", 0, "negative"),
        ("female", 12, "positive"),
    ],
)
def test_audit_c_thresholds_by_sex(sex: str, total: int, band: str) -> None:
    result = audit_c(audit_c_answers(total), sex)
    assert (result.code, result.total, result.band, result.complete) == (
        AUDIT_C_CODE,
        total,
        band,
        True,
    )


@pytest.mark.parametrize("sex", [None, "", "other", "intersex", "unknown"])
def test_audit_c_uses_the_protective_threshold_and_says_so(sex: str | None) -> None:
    negative = audit_c(audit_c_answers(2), sex).band
    positive = audit_c(audit_c_answers(3), sex).band
    assert negative is not None and negative.startswith("negative")
    assert positive is not None and positive.startswith("positive")
    assert "threshold 3" in positive and positive != "positive"


def test_audit_c_ignores_items_4_to_10_but_still_checks_them() -> None:
    answers = {**audit_c_answers(2), **{n: 4 for n in range(4, 9)}, 9: 2, 10: 2}
    assert audit_c(answers, "female").total == 2
    with pytest.raises(ValidationError) as caught:
        audit_c({**audit_c_answers(2), 9: 4}, "female")
    assert "item_9" in caught.value.fields


def test_audit_c_is_incomplete_without_items_1_to_3() -> None:
    result = audit_c({1: 4, 3: None, 4: 0}, "male")
    assert (result.total, result.band, result.complete, result.missing) == (
        None,
        None,
        False,
        (2, 3),
    )


# --- properties -----------------------------------------------------------------------


@st.composite
def complete_answers(draw: st.DrawFn) -> tuple[Instrument, dict[int, int]]:
    """A random instrument and a random complete, valid answer set for it."""
    instrument = INSTRUMENTS[draw(st.sampled_from(sorted(INSTRUMENTS)))]
    answers = {
        item.number: draw(st.sampled_from([c.value for c in item.choices]))
        for item in instrument.items
    }
    return instrument, answers


@given(complete_answers())
def test_complete_total_is_the_sum_of_points_and_in_its_band(
    drawn: tuple[Instrument, dict[int, int]],
) -> None:
    instrument, answers = drawn
    table = points_table(instrument.code)
    result = score(instrument.code, answers)
    assert result.complete and result.missing == ()
    assert result.total == sum(table[n][v] for n, v in answers.items())
    assert 0 <= result.total <= instrument.max_total
    containing = [b.label for b in instrument.bands if b.low <= result.total <= b.high]
    assert containing == [result.band]


@given(complete_answers(), st.data())
def test_removing_any_one_answer_makes_it_incomplete(
    drawn: tuple[Instrument, dict[int, int]], data: st.DataObject
) -> None:
    instrument, answers = drawn
    removed = data.draw(st.sampled_from(instrument.item_numbers))
    blanked = data.draw(st.booleans())
    partial: dict[int, int | None] = dict(answers)
    if blanked:
        partial[removed] = None
    else:
        del partial[removed]
    result = score(instrument.code, partial)
    assert (result.complete, result.total, result.band) == (False, None, None)
    assert result.missing == (removed,)


@given(
    st.dictionaries(st.sampled_from((1, 2, 3)), st.integers(0, 4), min_size=3),
    st.sampled_from(["male", "female", None, "other"]),
)
def test_audit_c_total_is_the_sum_of_items_1_to_3(answers: dict[int, int], sex: str | None) -> None:
    result = audit_c(answers, sex)
    assert result.total == answers[1] + answers[2] + answers[3]
    assert result.band is not None
    threshold = 4 if sex == "male" else 3
    assert result.band.startswith("positive" if result.total >= threshold else "negative")


def test_each_finding_band_is_one_of_the_instruments_own_bands():
    from iopdesk.domain.screenings import INSTRUMENTS

    for instrument in INSTRUMENTS.values():
        labels = {band.label for band in instrument.bands}
        assert instrument.finding_band == "" or instrument.finding_band in labels, instrument.code
    assert INSTRUMENTS["PHQ9"].is_finding(10) and not INSTRUMENTS["PHQ9"].is_finding(9)
    assert not INSTRUMENTS["PHQ9"].is_finding(None)
