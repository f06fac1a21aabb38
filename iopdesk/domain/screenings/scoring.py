"""Scoring rules for the screening instruments: totals, severity bands, AUDIT-C and flags."""

from __future__ import annotations

from collections.abc import Mapping

from iopdesk.domain.screenings.model import Choice, Instrument, Score
from iopdesk.domain.screenings.mood import GAD7, PHQ9
from iopdesk.domain.screenings.substance import AUDIT, DAST10
from iopdesk.errors import Collector, ValidationError

INSTRUMENTS: dict[str, Instrument] = {
    instrument.code: instrument for instrument in (PHQ9, GAD7, AUDIT, DAST10)
}

SAFETY_FLAG = "PHQ-9 item 9 above zero: safety follow-up required"
GAD7_REFERRAL_FLAG = "GAD-7 of 10 or more: consider referral for evaluation"

AUDIT_C_CODE = "AUDITC"
AUDIT_C_ITEMS = (1, 2, 3)
AUDIT_C_MAX = 12
# Published AUDIT-C cut-offs; anyone not recorded as male gets the lower, more protective one.
_AUDIT_C_THRESHOLD = {"male": 4, "female": 3}
_AUDIT_C_PROTECTIVE = 3

_SAFETY_ITEM = 9
_GAD7_REFERRAL_TOTAL = 10


def instrument_for(code: str) -> Instrument:
    """The instrument with this code, or a ValidationError naming the codes that exist."""
    found = INSTRUMENTS.get(code) if isinstance(code, str) else None
    if found is None:
        known = ", ".join(INSTRUMENTS)
        raise ValidationError(
            {"instrument": f"There is no screening instrument with code {code!r}; use {known}."}
        )
    return found


def choices_for(code: str, item_number: int) -> tuple[Choice, ...]:
    """The answer choices a form should offer for one item, in printed order."""
    instrument = instrument_for(code)
    item = instrument.item(item_number)
    if item is None:
        raise ValidationError({f"item_{item_number}": _no_such_item(instrument, item_number)})
    return item.choices


def band_for(code: str, total: int) -> str:
    """The severity band label for a complete total on this instrument."""
    instrument = instrument_for(code)
    if not _is_whole_number(total) or not 0 <= total <= instrument.max_total:
        raise ValidationError(
            {
                "total": f"A {instrument.name} total must be a whole number from 0 to "
                f"{instrument.max_total}."
            }
        )
    for band in instrument.bands:
        if band.contains(total):
            return band.label
    # Unreachable while the bands cover 0..max_total (a unit test holds them to that).
    raise AssertionError(f"{instrument.name} has no band for {total}")


def score(code: str, answers: Mapping[int, int | None]) -> Score:
    """Score one administration; any unanswered item makes it incomplete, never a lower total."""
    instrument = instrument_for(code)
    chosen = _chosen_answers(instrument, answers)
    missing = tuple(number for number in instrument.item_numbers if number not in chosen)
    flags: list[str] = []
    # Raised even on an incomplete form: a client's answer about self-harm cannot wait.
    if instrument is PHQ9 and _SAFETY_ITEM in chosen and chosen[_SAFETY_ITEM].points > 0:
        flags.append(SAFETY_FLAG)
    if missing:
        return Score(instrument.code, None, None, False, missing, tuple(flags))
    total = sum(choice.points for choice in chosen.values())
    if instrument is GAD7 and total >= _GAD7_REFERRAL_TOTAL:
        flags.append(GAD7_REFERRAL_FLAG)
    return Score(instrument.code, total, band_for(instrument.code, total), True, (), tuple(flags))


def _recorded_sex(sex: str | None) -> str:
    return sex.strip().lower() if isinstance(sex, str) else ""


def audit_c_cut(sex: str | None) -> int:
    """The AUDIT-C total from which a screen is positive for someone of this recorded sex."""
    return _AUDIT_C_THRESHOLD.get(_recorded_sex(sex), _AUDIT_C_PROTECTIVE)


def audit_c(answers: Mapping[int, int | None], sex: str | None) -> Score:
    """AUDIT-C (AUDIT items 1-3, 0-12): positive at 4+ for men, 3+ for women and otherwise."""
    chosen = _chosen_answers(AUDIT, answers)
    missing = tuple(number for number in AUDIT_C_ITEMS if number not in chosen)
    if missing:
        return Score(AUDIT_C_CODE, None, None, False, missing, ())
    total = sum(chosen[number].points for number in AUDIT_C_ITEMS)
    recorded = _recorded_sex(sex)
    threshold = audit_c_cut(sex)
    band = "positive" if total >= threshold else "negative"
    if recorded not in _AUDIT_C_THRESHOLD:
        band += f" (sex not recorded as male or female: threshold {threshold} used)"
    return Score(AUDIT_C_CODE, total, band, True, (), ())


def audit_c_line(total: int | None, band: str, cut: int | None) -> str:
    """The AUDIT-C as the chart, the intake summary and the screening form print it."""
    if total is None or cut is None:
        return "AUDIT-C (items 1-3): incomplete"
    line = f"AUDIT-C (items 1-3): {total} of {AUDIT_C_MAX} – {band}"
    # A band given for an unrecorded sex already names the cut-off it used.
    return f"{line} (cut-off {cut} or more)" if band in ("positive", "negative") else line


def _chosen_answers(instrument: Instrument, answers: Mapping[int, int | None]) -> dict[int, Choice]:
    """Check every given answer against the instrument; return the answered items' choices."""
    if not isinstance(answers, Mapping):
        raise ValidationError(
            {"answers": f"The {instrument.name} answers must be given item by item."}
        )
    problems = Collector()
    chosen: dict[int, Choice] = {}
    for number, value in answers.items():
        if not _is_whole_number(number):
            problems.add("answers", f"{number!r} is not an item number of the {instrument.name}.")
            continue
        item = instrument.item(number)
        if item is None:
            problems.add(f"item_{number}", _no_such_item(instrument, number))
            continue
        if value is None:
            continue
        choice = item.choice(value) if _is_whole_number(value) else None
        if choice is None:
            allowed = ", ".join(f"{c.value} ({c.label})" for c in item.choices)
            problems.add(
                f"item_{number}",
                f"Item {number} of the {instrument.name} has no answer {value!r}; "
                f"choose one of {allowed}.",
            )
            continue
        chosen[number] = choice
    problems.raise_if_any()
    return chosen


def _no_such_item(instrument: Instrument, number: object) -> str:
    """The sentence for an item number the instrument does not have."""
    numbers = instrument.item_numbers
    return (
        f"The {instrument.name} has no item {number}; its items are numbered "
        f"{numbers[0]} to {numbers[-1]}."
    )


def _is_whole_number(value: object) -> bool:
    """True for a real int; bool is excluded because True would silently score as 1."""
    return isinstance(value, int) and not isinstance(value, bool)
