"""Releases of information (42 CFR 2.31-2.32, 2.25): what a consent covers, which client
documents exist and what each one discloses, and how far back the accounting of disclosures
reaches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

#: The categories of information a consent to disclose may cover, chosen when it is recorded
#: (the consent's own words stay beside them, as the client signed them).
CATEGORIES: dict[str, str] = {
    "attendance": "Attendance (dates, minutes attended, absences)",
    "drug_tests": "Drug test results",
    "treatment_plan": "Treatment plan and progress",
    "assessment": "Intake assessment and screening results",
    "discharge_aftercare": "Discharge summary and aftercare plan",
    "all_records": "All records of the program",
}
#: The same in a few words, for table cells and the disclosure log.
SHORT_NAMES: dict[str, str] = {
    "attendance": "attendance",
    "drug_tests": "drug tests",
    "treatment_plan": "treatment plan",
    "assessment": "intake assessment",
    "discharge_aftercare": "discharge and aftercare",
    "all_records": "all records",
}
ALL_RECORDS = "all_records"
#: Only attendance is front-desk information; every other category is clinical content.
NON_CLINICAL = frozenset({"attendance"})

#: How a record left the program: a printed document, or the ways a manual entry records.
METHODS: dict[str, str] = {
    "printed": "Printed document",
    "phone": "Telephone",
    "fax": "Fax",
    "in_person": "In person",
    "mail": "Mail",
    "email": "Secure e-mail",
}
MANUAL_METHODS = tuple(m for m in METHODS if m != "printed")

#: 42 CFR 2.25: the accounting covers disclosures made with consent in the past three years.
ACCOUNTING_YEARS = 3


@dataclass(frozen=True)
class DocumentKind:
    """A kind of client document and the categories of information it discloses."""

    key: str
    label: str
    categories: frozenset[str]
    needs_period: bool = False

    @property
    def clinical(self) -> bool:
        """True when it holds clinical content (only a clinician may print or release it)."""
        return is_clinical(self.categories)


#: In the order pickers offer them: the letters courts and probation ask for daily come first.
DOCUMENT_KINDS: dict[str, DocumentKind] = {
    kind.key: kind
    for kind in (
        DocumentKind(
            "attendance_drug_test_letter",
            "Attendance and drug-test letter",
            frozenset({"attendance", "drug_tests"}),
            needs_period=True,
        ),
        DocumentKind(
            "attendance_letter", "Attendance letter", frozenset({"attendance"}), needs_period=True
        ),
        DocumentKind("intake_summary", "Intake summary", frozenset({"assessment"})),
        DocumentKind("treatment_plan", "Treatment plan", frozenset({"treatment_plan"})),
        DocumentKind("discharge_summary", "Discharge summary", frozenset({"discharge_aftercare"})),
        DocumentKind("aftercare_plan", "Aftercare plan", frozenset({"discharge_aftercare"})),
    )
}


def is_clinical(categories: Iterable[str]) -> bool:
    """True when any of the categories is clinical content."""
    return any(c not in NON_CLINICAL for c in categories)


def uncovered(consent_categories: Iterable[str], needed: Iterable[str]) -> list[str]:
    """The needed categories a consent does not cover, in CATEGORIES order (none: covered)."""
    covered = set(consent_categories)
    if ALL_RECORDS in covered:
        return []
    wanted = set(needed)
    return [key for key in CATEGORIES if key in wanted and key not in covered]


def category_words(keys: Iterable[str]) -> str:
    """Categories in words, in CATEGORIES order, for a sentence or a printed consent."""
    chosen = set(keys)
    return "; ".join(label for key, label in CATEGORIES.items() if key in chosen)


def category_names(keys: Iterable[str]) -> str:
    """Categories in a few words, in CATEGORIES order ("attendance, drug tests")."""
    chosen = set(keys)
    return ", ".join(SHORT_NAMES[key] for key in CATEGORIES if key in chosen)


def parse_categories(stored: str) -> tuple[str, ...]:
    """The category keys kept in a consent or disclosure row ("attendance,drug_tests")."""
    return tuple(key for key in (stored or "").split(",") if key in CATEGORIES)


def store_categories(keys: Iterable[str]) -> str:
    """Category keys as kept in a row, in CATEGORIES order."""
    chosen = set(keys)
    return ",".join(key for key in CATEGORIES if key in chosen)


def accounting_start(today: dt.date) -> dt.date:
    """The first day the accounting of disclosures covers (three years back, 42 CFR 2.25)."""
    try:
        return today.replace(year=today.year - ACCOUNTING_YEARS)
    except ValueError:  # 29 February, three years on, is 28 February
        return today.replace(year=today.year - ACCOUNTING_YEARS, day=28)
