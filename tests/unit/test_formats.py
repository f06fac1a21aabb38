"""Dates and times: every way a date is typed is read the same, and shown as the clinic chose."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iopdesk import paths
from iopdesk.domain import formats
from iopdesk.domain.validators import parse_date
from iopdesk.errors import ValidationError
from iopdesk.services.admin import clinic


@pytest.mark.parametrize(
    "typed",
    [
        "5/5/1990",
        "05/05/1990",
        "5/05/1990",
        "1990-05-05",
        "May 5, 1990",
        "may 5 1990",
        " 5/5/1990 ",
    ],
)
def test_us_iso_and_long_dates_are_read_as_the_same_day(typed):
    assert formats.read_date(typed) == dt.date(1990, 5, 5)
    assert parse_date(typed) == dt.date(1990, 5, 5)


@pytest.mark.parametrize(
    "typed",
    ["2/30/2026", "13/1/2026", "5/5/90", "1990-5-5", "5-5-1990", "yesterday", "", "Mai 5, 1990"],
)
def test_what_is_not_a_real_date_is_not_read_as_one(typed):
    assert formats.read_date(typed) is None


@given(
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), st.sampled_from(list(formats.DATE_STYLES))
)
def test_a_date_shown_in_any_style_reads_back_as_itself(day, style):
    assert formats.read_date(formats.format_date(day, style)) == day


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("08:30", dt.time(8, 30)),  # reported: a time box turned this into 14:30
        ("8:30", dt.time(8, 30)),
        ("830", dt.time(8, 30)),
        ("14:30", dt.time(14, 30)),
        ("2:30 PM", dt.time(14, 30)),
        ("2:30pm", dt.time(14, 30)),
        ("12:00 AM", dt.time(0, 0)),
        ("12:15 p.m.", dt.time(12, 15)),
        ("9 am", dt.time(9, 0)),
    ],
)
def test_times_are_read_as_typed(typed, expected):
    assert formats.read_time(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "8:61", "13:00 PM", "0 am", "noon", "", "8:3", "7"])
def test_what_is_not_a_time_of_day_is_not_read_as_one(typed):
    assert formats.read_time(typed) is None


@given(
    st.times().map(lambda t: t.replace(second=0, microsecond=0)), st.sampled_from(["12h", "24h"])
)
def test_a_time_shown_in_either_style_reads_back_as_itself(moment, style):
    assert formats.read_time(formats.format_time(moment, style)) == moment


def test_each_style_shows_a_date_and_time_its_own_way():
    day, moment = dt.date(2026, 12, 1), dt.time(14, 30)
    assert [formats.format_date(day, s) for s in ("us", "iso", "long")] == [
        "12/01/2026",
        "2026-12-01",
        "Dec 1, 2026",
    ]
    assert formats.format_time(moment, "12h") == "2:30 PM"
    assert formats.format_time(moment, "24h") == "14:30"
    assert formats.format_time(dt.time(0, 5), "12h") == "12:05 AM"
    assert [formats.show_hour(h) for h in (0, 9, 12, 23)] == ["12 AM", "9 AM", "12 PM", "11 PM"]


def test_the_clinic_setting_decides_how_dates_and_times_are_shown(admin):
    moment = dt.datetime(2026, 12, 1, 14, 30)
    assert formats.show_moment(moment) == "12/01/2026 2:30 PM"  # a US clinic's default
    clinic.change_settings(admin, {"date_format": "long", "time_format": "24h"})
    assert formats.show_moment(moment) == "Dec 1, 2026 14:30"
    assert clinic.get_setting("date_format") == "long"
    with pytest.raises(ValidationError) as refused:
        clinic.change_settings(admin, {"date_format": "european", "time_format": "36h"})
    assert set(refused.value.fields) == {"date_format", "time_format"}
    assert formats.show_date(moment.date()) == "Dec 1, 2026"


def test_a_reopened_clinic_shows_dates_as_its_settings_say(admin, data_dir):
    from iopdesk.services.store import close_clinic, open_clinic
    from tests import clinic_files

    clinic.change_settings(admin, {"date_format": "iso"})
    close_clinic()
    formats.use("us", "12h")  # another clinic was open in this process
    open_clinic(data_dir, key=clinic_files.key_for(paths.database_path(data_dir)))
    assert formats.show_date(dt.date(2026, 12, 1)) == "2026-12-01"


def test_a_date_kept_as_iso_text_is_shown_the_clinics_way_and_other_text_as_it_is(admin):
    # Frozen facts of a signed discharge keep their dates as ISO text.
    assert formats.show_date("2026-07-25") == "07/25/2026"
    clinic.change_settings(admin, {"date_format": "long"})
    assert formats.show_date("2026-07-25") == "Jul 25, 2026"
    assert formats.show_date("2026-02-30") == "2026-02-30"  # not a real day: left alone
    assert formats.show_date("ongoing") == "ongoing"
    assert formats.show_date(None) == ""
