"""Client record numbers and the folded search text behind search-as-you-type."""

from __future__ import annotations

import datetime as dt

from iopdesk.domain.validators import fold

RECORD_PREFIX = "IOP-"


def format_record_number(sequence: int) -> str:
    """The record number shown on charts and printouts, e.g. ``IOP-000123``."""
    return f"{RECORD_PREFIX}{sequence:06d}"


def search_text(
    first: str, last: str, preferred: str, record_number: str, date_of_birth: dt.date | None
) -> str:
    """Everything a person may type to find a client, folded (accents, case) into one string."""
    dob = date_of_birth.isoformat() if date_of_birth else ""
    us_dob = date_of_birth.strftime("%m/%d/%Y") if date_of_birth else ""
    return " ".join(
        fold(part) for part in (first, last, preferred, record_number, dob, us_dob) if part
    )


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    """Age in whole years on ``day``."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday
