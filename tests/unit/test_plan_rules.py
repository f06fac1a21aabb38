"""Pure treatment plan rules: numbering, reordering, review dates, signing order, gaps."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iopdesk.domain import plans as rules

D = dt.date


def test_objectives_are_numbered_across_goals_of_a_problem() -> None:
    assert rules.objective_numbers([[2, 1], [0, 3]]) == [
        [["1.1", "1.2"], ["1.3"]],
        [[], ["2.1", "2.2", "2.3"]],
    ]


@given(st.lists(st.lists(st.integers(0, 6), max_size=4), max_size=6))
def test_every_objective_number_is_unique_and_counts_up(problems: list[list[int]]) -> None:
    numbers = rules.objective_numbers(problems)
    flat = [n for p in numbers for g in p for n in g]
    assert len(flat) == len(set(flat)) == sum(map(sum, problems))
    for p, goals in enumerate(numbers, start=1):
        in_problem = [n for g in goals for n in g]
        assert in_problem == [f"{p}.{k}" for k in range(1, len(in_problem) + 1)]


def test_moving_swaps_with_the_neighbour_and_stops_at_the_ends() -> None:
    assert rules.moved([1, 2, 3], 2, -1) == [2, 1, 3]
    assert rules.moved([1, 2, 3], 2, 1) == [1, 3, 2]
    assert rules.moved([1, 2, 3], 1, -1) == [1, 2, 3]
    assert rules.moved([1, 2, 3], 3, 1) == [1, 2, 3]
    with pytest.raises(ValueError):
        rules.moved([1, 2], 1, 2)


@given(st.lists(st.integers(), min_size=1, max_size=8, unique=True), st.data())
def test_moving_up_then_down_restores_the_order(items: list[int], data: st.DataObject) -> None:
    item = data.draw(st.sampled_from(items))
    once = rules.moved(items, item, -1)
    if once != items:
        assert rules.moved(once, item, 1) == items
    assert sorted(once) == sorted(items)


def test_next_review_counts_from_the_last_review_or_the_start() -> None:
    assert rules.next_review_date(D(2025, 1, 10)) == D(2025, 2, 9)
    assert rules.next_review_date(D(2025, 1, 10), D(2025, 2, 5), 14) == D(2025, 2, 19)
    with pytest.raises(ValueError):
        rules.next_review_date(D(2025, 1, 1), None, 0)


@pytest.mark.parametrize(
    ("next_review", "status", "label"),
    [
        (D(2025, 3, 9), "overdue", "overdue by 1 day"),
        (D(2025, 3, 1), "overdue", "overdue by 9 days"),
        (D(2025, 3, 10), "due", "due today"),
        (D(2025, 3, 17), "due", "due in 7 days"),
        (D(2025, 3, 18), "ok", "due in 8 days"),
    ],
)
def test_review_status_and_label(next_review: dt.date, status: str, label: str) -> None:
    today = D(2025, 3, 10)
    assert rules.review_status(next_review, today) == status
    assert rules.review_label(next_review, today) == label


def test_status_follows_the_signatures() -> None:
    assert rules.status_after_signatures([]) == rules.DRAFT
    assert rules.status_after_signatures(["client"]) == rules.PARTIALLY_SIGNED
    assert rules.status_after_signatures(["client", "counselor", "supervisor"]) == rules.SIGNED


def _refusal(role: str, existing: dict[str, int | None], **who: object) -> str | None:
    kw = {"signer_id": 7, "signer_is_clinician": True, "signer_is_supervisor": False}
    kw.update(who)
    return rules.signing_refusal(role, existing, **kw)  # type: ignore[arg-type]


def test_client_and_counselor_sign_in_either_order() -> None:
    assert _refusal("client", {}) is None
    assert _refusal("counselor", {}) is None
    assert _refusal("client", {"counselor": 7}) is None
    assert _refusal("counselor", {"client": None}) is None


def test_supervisor_signs_last_and_must_be_a_different_supervisor() -> None:
    assert "signs last" in _refusal("supervisor", {"client": None}, signer_is_supervisor=True)
    assert "Only a clinical supervisor" in _refusal("supervisor", {"client": None, "counselor": 3})
    both = {"client": None, "counselor": 7}
    assert "different" in _refusal("supervisor", both, signer_is_supervisor=True)
    assert _refusal("supervisor", both, signer_id=9, signer_is_supervisor=True) is None


def test_wrong_roles_are_refused() -> None:
    assert "already signed" in _refusal("client", {"client": None})
    assert "Only a clinician" in _refusal("counselor", {}, signer_is_clinician=False)
    assert _refusal("witness", {}) is not None


def test_plan_gaps_name_what_is_missing() -> None:
    assert rules.plan_gaps([[[1]]], True) == []
    gaps = rules.plan_gaps([[[1, 0]], []], False)
    assert gaps == [
        "Add the diagnosis (text or ICD-10 code).",
        "Objective 1.2 needs an intervention.",
        "Problem 2 needs a goal.",
    ]
    assert "Add at least one problem." in rules.plan_gaps([], True)


def test_target_date_must_exist_and_not_precede_the_start() -> None:
    start = D(2025, 5, 1)
    assert rules.target_date_problem(None, start) == "Give the objective a target date."
    assert "before the plan start" in rules.target_date_problem(D(2025, 4, 30), start)
    assert rules.target_date_problem(start, start) is None
