"""Re-screening reminders: the due rule's edges, the clinic's settings for it, and the list of
screenings due read in one query however many clients are in care."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.connection import database
from iopdesk.db.models.intake import ScreeningResult
from iopdesk.domain.screenings import is_due, rescreen_due_on
from iopdesk.errors import ValidationError
from iopdesk.services.admin import clinic
from iopdesk.services.intake import rescreening
from tests.factories.clients import episode_of, make_client
from tests.factories.reports import readmit, screen

TODAY = dt.date.today()
ADMITTED = TODAY - dt.timedelta(days=30)


def test_due_counts_weeks_from_the_last_one_given_or_from_admission():
    admitted, given = dt.date(2026, 10, 1), dt.date(2026, 10, 31)
    assert rescreen_due_on(admitted, None, 4) == dt.date(2026, 10, 29)
    assert rescreen_due_on(admitted, given, 4) == dt.date(2026, 11, 28)
    assert rescreen_due_on(admitted, given, 1) == dt.date(2026, 11, 7)
    due = dt.date(2026, 11, 28)
    assert is_due(due, due) and is_due(due, due + dt.timedelta(days=1))
    assert not is_due(due, due - dt.timedelta(days=1))


def _due(actor, today=TODAY):
    return [(r.client_name, r.code, r.due_since) for r in rescreening.screenings_due(actor, today)]


def test_never_screened_clients_are_due_four_weeks_after_admission(clinician):
    make_client("Ana", "Never", admitted=ADMITTED)
    since = ADMITTED + dt.timedelta(weeks=4)
    assert _due(clinician) == [("Ana Never", "GAD7", since), ("Ana Never", "PHQ9", since)]
    # The day before it falls due, nothing is listed.
    assert _due(clinician, since - dt.timedelta(days=1)) == []


def test_only_complete_screenings_of_this_episode_reset_the_clock(clinician):
    client_id = make_client("Ben", "Screened", status="discharged", admitted=ADMITTED)
    old = episode_of(client_id)
    screen(clinician, client_id, old, "GAD7", TODAY - dt.timedelta(days=2), 3)  # last episode
    episode = readmit(client_id, ADMITTED)
    screen(clinician, client_id, episode, "PHQ9", TODAY - dt.timedelta(days=10), 6)
    screen(clinician, client_id, episode, "GAD7", TODAY - dt.timedelta(days=3), None)  # partial
    phq_given = TODAY - dt.timedelta(days=10)
    assert _due(clinician) == [("Ben Screened", "GAD7", ADMITTED + dt.timedelta(weeks=4))]
    assert _due(clinician, phq_given + dt.timedelta(weeks=4))[-1] == (
        "Ben Screened",
        "PHQ9",
        phq_given + dt.timedelta(weeks=4),
    )


def test_clients_not_in_care_are_not_listed(clinician):
    make_client("Cal", "Referred", status="referred")
    make_client("Dee", "Gone", status="discharged", admitted=ADMITTED - dt.timedelta(days=90))
    assert _due(clinician) == []


def test_the_clinic_chooses_the_instruments_and_the_weeks(admin, clinician):
    make_client("Eve", "Audit", admitted=ADMITTED)
    clinic.change_settings(admin, {"rescreen_weeks": 2, "rescreen_instruments": ["AUDIT"]})
    assert _due(clinician) == [("Eve Audit", "AUDIT", ADMITTED + dt.timedelta(weeks=2))]
    clinic.change_settings(admin, {"rescreen_instruments": []})
    assert _due(clinician) == []


def test_own_clients_first_and_one_query_for_many_clients(clinician, supervisor):
    for n in range(6):
        make_client("Other", f"Client{n}", admitted=ADMITTED - dt.timedelta(days=n))
    mine = make_client("Mine", "First", counselor=clinician, admitted=ADMITTED)
    seen: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(seen.append)
    try:
        rows = rescreening.screenings_due(clinician, TODAY)
    finally:
        connection.set_trace_callback(None)
    assert len(rows) == 14 and rows[0].client_id == mine and rows[0].mine
    assert rows[0].counselor.startswith(clinician.full_name) and rows[-1].counselor == ""
    table = ScreeningResult._meta.table_name
    assert sum(1 for sql in seen if table in sql) == 1
    assert [r.client_id for r in rescreening.client_screenings_due(supervisor, mine)] == [mine] * 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"rescreen_weeks": 0}, "rescreen_weeks"),
        ({"rescreen_weeks": 27}, "rescreen_weeks"),
        ({"rescreen_weeks": True}, "rescreen_weeks"),
        ({"rescreen_weeks": "4"}, "rescreen_weeks"),
        ({"rescreen_instruments": ["PHQ9", "BDI"]}, "rescreen_instruments"),
        ({"rescreen_instruments": ["PHQ9", "PHQ9"]}, "rescreen_instruments"),
        ({"rescreen_instruments": "PHQ9"}, "rescreen_instruments"),
    ],
)
def test_bad_rescreen_settings_are_refused_and_change_nothing(admin, changes, field):
    with pytest.raises(ValidationError) as refused:
        clinic.change_settings(admin, {**changes, "idle_lock_minutes": 20})
    assert set(refused.value.fields) == {field}
    settings = clinic.all_settings()
    assert settings["rescreen_weeks"] == 4 and list(settings["rescreen_instruments"]) == [
        "PHQ9",
        "GAD7",
    ]
    assert settings["idle_lock_minutes"] == 10
