"""Screening instruments (PHQ-9, GAD-7, AUDIT, AUDIT-C, DAST-10) as data plus their scoring."""

from __future__ import annotations

from iopdesk.domain.screenings.model import Band, Choice, Instrument, Item, Score
from iopdesk.domain.screenings.rescreening import WEEKS_RANGE, is_due, rescreen_due_on
from iopdesk.domain.screenings.scoring import (
    AUDIT_C_CODE,
    AUDIT_C_ITEMS,
    AUDIT_C_MAX,
    GAD7_REFERRAL_FLAG,
    INSTRUMENTS,
    SAFETY_FLAG,
    audit_c,
    audit_c_cut,
    audit_c_line,
    band_for,
    choices_for,
    instrument_for,
    score,
)

__all__ = [
    "AUDIT_C_CODE",
    "AUDIT_C_ITEMS",
    "AUDIT_C_MAX",
    "GAD7_REFERRAL_FLAG",
    "INSTRUMENTS",
    "SAFETY_FLAG",
    "WEEKS_RANGE",
    "Band",
    "Choice",
    "Instrument",
    "Item",
    "Score",
    "audit_c",
    "audit_c_cut",
    "audit_c_line",
    "band_for",
    "choices_for",
    "instrument_for",
    "is_due",
    "rescreen_due_on",
    "score",
]
