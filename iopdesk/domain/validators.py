"""Field validators shared by every form and command: text, names, dates, phones, minutes."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from iopdesk.domain import formats
from iopdesk.errors import Collector

MAX_SHORT = 200
MAX_LONG = 100_000  # about 40 printed pages: beyond that a note is a paste accident
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)
#: The largest id a row can have (a 64-bit integer, in SQLite and PostgreSQL alike).
MAX_ID = 2**63 - 1
_PHONE = re.compile(r"^\+?[0-9 ().\-]{7,25}(\s*(x|ext\.?)\s*[0-9]{1,6})?$", re.IGNORECASE)


def record_id(value: object) -> int:
    """An id as a caller passed it when it can name a row at all (a whole number that fits the
    database), else 0, which names none: a lookup then says "not found" in words instead of
    the database refusing a huge number or a wrong type."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID:
        return value
    return 0


def clean_text(value: object, *, multiline: bool = False) -> str:
    """Strip, normalise to NFC and drop control characters (NUL, escapes) from user text."""
    text = unicodedata.normalize("NFC", str(value or ""))
    allowed = "\n\t" if multiline else ""
    kept = "".join(
        ch for ch in text if ch in allowed or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    return kept.strip()


def required_text(
    errors: Collector,
    field: str,
    value: object,
    label: str,
    *,
    max_len: int = MAX_SHORT,
    multiline: bool = False,
) -> str:
    """A required field: empty or whitespace-only is refused with the field's label."""
    text = clean_text(value, multiline=multiline)
    if not text:
        errors.add(field, f"{label} is required.")
    elif len(text) > max_len:
        errors.add(field, f"{label} is too long (at most {max_len:,} characters).")
    return text


def optional_text(
    errors: Collector,
    field: str,
    value: object,
    label: str,
    *,
    max_len: int = MAX_SHORT,
    multiline: bool = False,
) -> str:
    """An optional field, still limited in length and cleaned of control characters."""
    text = clean_text(value, multiline=multiline)
    if len(text) > max_len:
        errors.add(field, f"{label} is too long (at most {max_len:,} characters).")
    return text


def parse_date(value: object) -> dt.date | None:
    """A date from a ``date`` or typed text (``M/D/YYYY``, ``YYYY-MM-DD``, ``Mon D, YYYY``);
    None when it is not a real date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return formats.read_date(str(value or ""))


def date_field(
    errors: Collector,
    field: str,
    value: object,
    label: str,
    *,
    required: bool = True,
    earliest: dt.date = EARLIEST,
    latest: dt.date = LATEST,
) -> dt.date | None:
    """A date that exists on the calendar and lies in a plausible range."""
    if value in (None, ""):
        if required:
            errors.add(field, f"{label} is required.")
        return None
    day = parse_date(value)
    if day is None:
        errors.add(field, f"{label} is not a real date; write it as {formats.date_example()}.")
        return None
    if not earliest <= day <= latest:
        errors.add(
            field,
            f"{label} must be between {formats.show_date(earliest)} and "
            f"{formats.show_date(latest)}.",
        )
        return None
    return day


def phone_field(
    errors: Collector, field: str, value: object, label: str, *, required: bool = False
) -> str:
    """A phone number: digits with the usual separators, 7 to 15 digits, optional extension."""
    text = clean_text(value)
    if not text:
        if required:
            errors.add(field, f"{label} is required.")
        return ""
    digits = re.sub(r"\D", "", text.split("x")[0].split("ext")[0])
    if not _PHONE.match(text) or not 7 <= len(digits) <= 15:
        errors.add(field, f"{label} does not look like a phone number (for example 555-201-3344).")
    return text


def choice_field(
    errors: Collector,
    field: str,
    value: object,
    label: str,
    choices: dict[str, str] | list[str],
    *,
    required: bool = True,
) -> str:
    """A value that must be one of a fixed vocabulary."""
    text = str(value or "").strip()
    if not text:
        if required:
            errors.add(field, f"Choose a {label.lower()}.")
        return ""
    if text not in choices:
        errors.add(field, f"{label} must be one of: {', '.join(choices)}.")
    return text


def fold(text: str) -> str:
    """Lower-case and strip accents, for search that finds "José" when "jose" is typed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
