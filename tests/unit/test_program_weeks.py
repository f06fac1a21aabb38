"""The program's expected length: the week rule, the setting, the chart header's "Week N of
12" and the Today list of clients past it."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.core import Setting
from iopdesk.domain import program_length
from iopdesk.errors import PermissionDenied, ValidationError
from iopdesk.services.admin import clinic
from iopdesk.services.clients import program_weeks
from iopdesk.services.clients import records as clients
from tests.factories.clients import make_client

TODAY = dt.date(2026, 3, 2)
REAL_TODAY = dt.date.today()


def _days_ago(days: int, on: dt.date = TODAY) -> dt.date:
    return on - dt.timedelta(days=days)


@pytest.mark.parametrize(
    ("days_in", "week"), [(0, 1), (6, 1), (7, 2), (13, 2), (83, 12), (84, 13), (-1, None)]
)
def test_the_admission_day_starts_week_one(days_in, week):
    assert program_length.program_week(_days_ago(days_in), TODAY) == week


def test_the_label_and_the_sql_bound_follow_the_same_rule():
    assert program_length.week_label(_days_ago(30), TODAY, 12) == "Week 5 of 12"
    assert program_length.week_label(None, TODAY, 12) == ""
    assert program_length.week_label(_days_ago(-3), TODAY, 12) == ""  # admitted in the future
    for weeks in (4, 8, 12, 52):
        bound = program_length.latest_admission_past_length(TODAY, weeks)
        for days_in in range(-2, 7 * weeks + 10):
            admitted = _days_ago(days_in)
            past = program_length.past_expected_length(admitted, TODAY, weeks)
            assert past == (admitted <= bound), (weeks, days_in)
            assert past == (days_in >= 7 * weeks)


@pytest.mark.parametrize("value", [3, 53, 0, -12, "12", 12.5, True, None])
def test_a_length_outside_4_to_52_weeks_is_refused_and_nothing_changes(admin, value):
    with pytest.raises(ValidationError) as refused:
        clinic.change_settings(admin, {"expected_weeks": value, "idle_lock_minutes": 20})
    assert refused.value.fields == {"expected_weeks": "Choose a whole number from 4 to 52."}
    assert clinic.get_setting("expected_weeks") == 12  # the default
    assert not Setting.select().exists()


@pytest.mark.parametrize("value", [4, 52])
def test_the_shortest_and_longest_lengths_are_kept(admin, value):
    assert clinic.change_settings(admin, {"expected_weeks": value})["expected_weeks"] == value
    assert clinic.get_setting("expected_weeks") == value


def test_the_chart_header_shows_the_week_of_an_active_client_only(admin, clinician):
    active = make_client("Ana", "Reyes", admitted=REAL_TODAY - dt.timedelta(days=30))
    admitted_today = make_client("Ben", "Okoro", admitted=REAL_TODAY)
    referred = make_client("Chloé", "Martin", status="referred")
    discharged = make_client("Dmitri", "Ivanov", status="discharged")
    header = clients.chart_header
    assert header(clinician, active).program_week == "Week 5 of 12"
    assert header(clinician, admitted_today).program_week == "Week 1 of 12"
    assert header(clinician, referred).program_week == ""
    assert header(clinician, discharged).program_week == ""
    clinic.change_settings(admin, {"expected_weeks": 8})
    assert clients.header_summary(clinician, active).program_week == "Week 5 of 8"


def test_today_lists_active_clients_past_the_length_own_clients_first(admin, clinician, supervisor):
    mine = make_client("Ana", "Reyes", counselor=clinician, admitted=_days_ago(84))
    theirs = make_client("Ben", "Okoro", counselor=supervisor, admitted=_days_ago(200))
    unassigned = make_client("Esther", "Cohen", admitted=_days_ago(90))
    make_client("Chloé", "Martin", counselor=clinician, admitted=_days_ago(83))  # week 12
    make_client("Dmitri", "Ivanov", status="discharged", admitted=_days_ago(300))
    make_client("Farid", "Haddad", status="referred")
    rows = program_weeks.clients_past_expected_length(clinician, TODAY)
    assert [(r.client_id, r.week, r.mine) for r in rows] == [
        (mine, 13, True),
        (theirs, 29, False),  # then the longest in the program
        (unassigned, 13, False),
    ]
    assert rows[0].counselor_name == "Casey Tester, LADC"
    assert rows[2].counselor_name == "(no counselor)"
    assert {r.expected_weeks for r in rows} == {12}
    clinic.change_settings(admin, {"expected_weeks": 26})
    rows = program_weeks.clients_past_expected_length(clinician, TODAY)
    assert [(r.client_id, r.expected_weeks) for r in rows] == [(theirs, 26)]


def test_front_desk_may_not_see_the_list(front_desk):
    make_client(admitted=_days_ago(100))
    with pytest.raises(PermissionDenied):
        program_weeks.clients_past_expected_length(front_desk, TODAY)
