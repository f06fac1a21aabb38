"""Sobriety dates: set and reset with their history kept, the chart header's line, the week's
milestones of a counselor's own clients, bad input and who may see it."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.care import SobrietyDate
from iopdesk.domain import formats
from iopdesk.domain.sobriety import Milestone, anniversary, milestone_between, sober_line
from iopdesk.errors import PermissionDenied, ValidationError
from iopdesk.services.clients import sobriety
from iopdesk.services.context import Actor
from tests.conftest import make_staff
from tests.factories.clients import make_client

TODAY = dt.date.today()


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def test_milestones_fall_on_the_day_counts_then_on_every_anniversary():
    since = dt.date(2026, 3, 2)
    week = (dt.date(2026, 3, 30), dt.date(2026, 4, 5))
    assert milestone_between(since, *week) == Milestone("30 days", dt.date(2026, 4, 1))
    assert milestone_between(since, dt.date(2026, 8, 27), dt.date(2026, 9, 2)).label == "180 days"
    assert milestone_between(since, dt.date(2027, 3, 1), dt.date(2027, 3, 7)).label == "1 year"
    assert milestone_between(since, dt.date(2029, 3, 1), dt.date(2029, 3, 7)).label == "3 years"
    assert milestone_between(since, dt.date(2026, 4, 6), dt.date(2026, 4, 12)) is None
    assert milestone_between(since, dt.date(2026, 3, 2), dt.date(2026, 3, 8)) is None
    assert anniversary(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    line = sober_line(since, dt.date(2026, 6, 2), "03/02/2026")
    assert line == "Sober since 03/02/2026 · 92 days"
    assert sober_line(since, dt.date(2026, 3, 3), "03/02/2026").endswith("· 1 day")


def test_a_reset_adds_a_row_and_keeps_the_history(clinician: Actor):
    client_id = make_client()
    assert sobriety.sobriety_status(clinician, client_id).line == sobriety.NO_DATE
    sobriety.set_sobriety_date(clinician, client_id, ago(120), "Intake")
    after = sobriety.set_sobriety_date(clinician, client_id, ago(92), "Returned to use at a party")
    assert after.sober_since == ago(92) and after.days == 92
    assert after.line == f"Sober since {formats.show_date(ago(92))} · 92 days"
    assert [(e.action, e.sober_since, e.note) for e in after.history] == [
        ("Reset", ago(92), "Returned to use at a party"),
        ("Set", ago(120), "Intake"),
    ]
    assert {e.set_by for e in after.history} == {"Casey Tester, LADC"}
    assert SobrietyDate.select().where(SobrietyDate.client == client_id).count() == 2
    assert sobriety.sobriety_status(clinician, client_id).sober_since == ago(92)


@pytest.mark.parametrize(
    ("day", "note", "field", "words"),
    [
        (None, "", "sober_since", "required"),
        ("2026-02-30", "", "sober_since", "not a real date"),
        (TODAY + dt.timedelta(days=1), "", "sober_since", "must be between"),
        (dt.date(1980, 1, 1), "", "sober_since", "must be between"),  # before birth
        (ago(10), "x" * 201, "note", "too long"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(clinician, day, note, field, words):
    client_id = make_client(dob=dt.date(1988, 4, 2))
    with pytest.raises(ValidationError) as refused:
        sobriety.set_sobriety_date(clinician, client_id, day, note)
    assert words in refused.value.fields[field]
    assert SobrietyDate.select().count() == 0


def test_the_same_date_again_is_refused(clinician):
    client_id = make_client()
    sobriety.set_sobriety_date(clinician, client_id, ago(40))
    with pytest.raises(ValidationError) as refused:
        sobriety.set_sobriety_date(clinician, client_id, ago(40))
    assert "already" in refused.value.fields["sober_since"]
    assert SobrietyDate.select().count() == 1


def test_the_front_desk_and_administrators_see_nothing(clinician, front_desk, admin):
    client_id = make_client()
    sobriety.set_sobriety_date(clinician, client_id, ago(40))
    for actor in (front_desk, admin):
        with pytest.raises(PermissionDenied):
            sobriety.set_sobriety_date(actor, client_id, ago(10))
        for read in (sobriety.sobriety_status, sobriety.sobriety_history):
            with pytest.raises(PermissionDenied):
                read(actor, client_id)
        with pytest.raises(PermissionDenied):
            sobriety.sobriety_milestones(actor, TODAY)
    assert SobrietyDate.select().count() == 1


def test_today_lists_the_counselors_own_clients_reaching_a_milestone_this_week(admin, clinician):
    other = make_staff(admin, "olive", "clinician")
    thirty = make_client("Ana", "Thirty", counselor=clinician)
    year = make_client("Ben", "Year", counselor=clinician)
    quiet = make_client("Cal", "Quiet", counselor=clinician)
    reset = make_client("Dee", "Reset", counselor=clinician)
    theirs = make_client("Eve", "Theirs", counselor=other)
    gone = make_client("Fay", "Gone", counselor=clinician, status="discharged")
    sobriety.set_sobriety_date(clinician, thirty, TODAY - dt.timedelta(days=30))
    sobriety.set_sobriety_date(clinician, year, ago(400))
    sobriety.set_sobriety_date(clinician, quiet, ago(45))
    sobriety.set_sobriety_date(clinician, reset, ago(60))
    sobriety.set_sobriety_date(clinician, reset, ago(3))  # the reset date counts, not the old
    sobriety.set_sobriety_date(other, theirs, ago(30))
    sobriety.set_sobriety_date(clinician, gone, ago(30))
    rows = sobriety.sobriety_milestones(clinician, TODAY)
    assert [(r.client_id, r.milestone, r.on) for r in rows] == [(thirty, "30 days", TODAY)]
    one_year = anniversary(ago(400), 1)
    rows = sobriety.sobriety_milestones(clinician, one_year)
    assert [(r.client_id, r.milestone, r.on) for r in rows] == [(year, "1 year", one_year)]
    assert [r.client_id for r in sobriety.sobriety_milestones(other, TODAY)] == [theirs]
