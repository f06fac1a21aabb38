"""Shared field validators: dates, text, phones — including hostile input."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from iopdesk.domain.records import age_on, format_record_number, search_text
from iopdesk.domain.validators import (
    clean_text,
    date_field,
    fold,
    parse_date,
    phone_field,
    required_text,
)
from iopdesk.errors import Collector


def test_impossible_dates_are_refused():
    for text in ("2024-02-30", "2023-02-29", "2024-13-01", "24-01-01", "tomorrow", "2024/01/01"):
        assert parse_date(text) is None
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)


def test_date_field_messages():
    errors = Collector()
    assert date_field(errors, "dob", "2024-02-30", "Date of birth") is None
    assert date_field(errors, "start", "", "Start date") is None
    assert date_field(errors, "far", "2999-01-01", "Target date") is None
    assert "not a real date" in errors.fields["dob"]
    assert errors.fields["start"] == "Start date is required."
    assert "between" in errors.fields["far"]


def test_required_text_refuses_blank_and_huge_and_strips_nul():
    errors = Collector()
    assert required_text(errors, "a", "   \t ", "Name") == ""
    required_text(errors, "b", "x" * 300, "Name")
    assert errors.fields == {
        "a": "Name is required.",
        "b": "Name is too long (at most 200 characters).",
    }
    assert clean_text("Ann\x00a\x1b[31m") == "Anna[31m"
    assert clean_text("line 1\nline 2", multiline=True) == "line 1\nline 2"
    assert clean_text("Robert'); DROP TABLE client;--") == "Robert'); DROP TABLE client;--"
    assert clean_text("\u202eevil") == "\u202eevil"  # right-to-left marks are kept as typed


@given(st.text())
def test_clean_text_never_returns_control_characters(text):
    cleaned = clean_text(text)
    assert all(ord(ch) >= 32 and ch != "\x7f" for ch in cleaned)
    assert cleaned == cleaned.strip()


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_any_real_date_round_trips(day):
    assert parse_date(day.isoformat()) == day


def test_phone_numbers():
    errors = Collector()
    for good in ("507-555-0142", "(507) 555 0142", "+1 507 555 0142", "555-0142 x12"):
        assert phone_field(errors, "p", good, "Phone") == good
    assert errors.fields == {}
    for bad in ("call me", "12", "555-0142-99999999999999"):
        errors = Collector()
        phone_field(errors, "p", bad, "Phone")
        assert "does not look like a phone number" in errors.fields["p"]


def test_search_text_folds_accents_and_includes_both_date_styles():
    text = search_text(
        "José", "Martínez-O'Brien", "Pepe", format_record_number(42), dt.date(1990, 3, 7)
    )
    assert "jose" in text and "martinez-o'brien" in text and "iop-000042" in text
    assert "1990-03-07" in text and "03/07/1990" in text
    assert fold("ÉLODIE") == "elodie"


def test_age_on_birthday_edges():
    dob = dt.date(2000, 6, 15)
    assert age_on(dob, dt.date(2026, 6, 14)) == 25
    assert age_on(dob, dt.date(2026, 6, 15)) == 26
