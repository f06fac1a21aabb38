"""Client rules with no database: who may be registered, search words, duplicate keys."""

from __future__ import annotations

import datetime as dt
import re

from iopdesk.domain.formats import read_date
from iopdesk.domain.validators import fold

#: Youngest age an IOP client may be on the day they are registered (adolescent programs).
MIN_AGE = 12
SEXES = {
    "female": "Female",
    "male": "Male",
    "intersex": "Intersex",
    "unknown": "Not recorded",
}
STATUSES = {
    "referred": "Referred",
    "intake": "In intake",
    "active": "Active",
    "discharged": "Discharged",
}
MAX_TOKEN = 120
_JOINERS = re.compile(r"[-'’‘.]")


def phone_digits(phone: str) -> str:
    """The digits of a phone number (extension dropped), for comparing two numbers."""
    main = re.split(r"(?i)x|ext", phone or "")[0]
    digits = re.sub(r"\D", "", main)
    # A leading US country code should not hide a duplicate.
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def _word_variants(word: str) -> set[str]:
    """A word plus its parts, so "ana-lucia" is found by "lucia" and "o'brien" by "obrien"."""
    variants = {word}
    if _JOINERS.search(word):
        variants.add(_JOINERS.sub("", word))
        variants.update(part for part in _JOINERS.split(word) if part)
    return variants


def search_tokens(search_text: str, record_number: str = "", phone: str = "") -> set[str]:
    """Every folded word of a client a person may start typing (names, number, birth date)."""
    tokens: set[str] = set()
    for word in search_text.split():
        tokens.update(_word_variants(word))
    number = record_number.rsplit("-", 1)[-1]
    if number.isdigit():
        tokens.update({number, number.lstrip("0") or "0"})
    digits = phone_digits(phone)
    if len(digits) >= 7:
        tokens.update({digits, digits[-7:], digits[-4:]})
    return {t[:MAX_TOKEN] for t in tokens if t}


def query_words(text: str) -> list[str]:
    """The folded words of what was typed in a search box (longest first: most selective); a
    whole date typed any usual way (5/5/1990) is looked up as the date it is."""
    words = {_as_date_word(w) for w in fold(text or "").split() if w}
    return sorted(words, key=len, reverse=True)[:6]


def _as_date_word(word: str) -> str:
    day = read_date(word)
    return day.isoformat() if day else word


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``."""
    return prefix + "\U0010ffff"


def too_young(date_of_birth: dt.date, on: dt.date) -> bool:
    """True when the person is younger than MIN_AGE on ``on``."""
    before_birthday = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - before_birthday < MIN_AGE


def same_person_key(first: str, last: str, date_of_birth: dt.date | None) -> tuple[str, str, str]:
    """Folded name and birth date: two registrations with the same key are likely one person."""
    return (
        fold(first).strip(),
        fold(last).strip(),
        date_of_birth.isoformat() if date_of_birth else "",
    )
