"""Follow-up check-ins: the 30/60/90 schedule, extra and moved check-ins, recording, Today."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.aftercare import FollowUp
from iopdesk.errors import DomainError, PermissionDenied, ValidationError
from iopdesk.services.aftercare import discharge, follow_ups
from iopdesk.services.aftercare.follow_ups import FollowUpForm
from tests.factories.aftercare import TODAY
from tests.factories.clients import make_client


def _discharged(clinician, days_ago: int) -> int:
    day = TODAY - dt.timedelta(days=days_ago)
    client_id = make_client(counselor=clinician, admitted=day - dt.timedelta(days=60))
    discharge.sign_discharge(
        clinician, client_id, discharge.DischargeForm("completed", day, "", "Improved", "Done.")
    )
    return client_id


def test_standard_schedule_then_extra_and_moved(clinician):
    client_id = _discharged(clinician, 0)
    rows = follow_ups.list_follow_ups(clinician, client_id)
    assert [(r.kind, r.due_date) for r in rows] == [
        (str(d), TODAY + dt.timedelta(days=d)) for d in (30, 60, 90)
    ]
    assert rows[0].outcome == "Not yet done"
    extra = follow_ups.schedule_follow_up(clinician, client_id, TODAY + dt.timedelta(days=7))
    follow_ups.reschedule_follow_up(clinician, rows[0].id, TODAY + dt.timedelta(days=35))
    rows = follow_ups.list_follow_ups(clinician, client_id)
    assert rows[0].id == extra and rows[0].kind_label == "Extra"
    assert rows[1].due_date == TODAY + dt.timedelta(days=35)
    with pytest.raises(ValidationError, match="after the discharge"):
        follow_ups.schedule_follow_up(clinician, client_id, TODAY)
    follow_ups.remove_follow_up(clinician, extra)
    assert FollowUp.select().count() == 3


def test_no_follow_up_before_discharge(clinician):
    client_id = make_client(counselor=clinician, admitted=TODAY - dt.timedelta(days=5))
    with pytest.raises(DomainError, match="not been discharged"):
        follow_ups.schedule_follow_up(clinician, client_id, TODAY + dt.timedelta(days=30))


def test_recording_a_check_in(clinician):
    client_id = _discharged(clinician, 31)
    first = follow_ups.list_follow_ups(clinician, client_id)[0]
    with pytest.raises(ValidationError) as caught:
        follow_ups.record_follow_up(
            clinician, first.id, FollowUpForm(TODAY - dt.timedelta(days=32), True, "in_recovery")
        )
    assert "before the discharge" in caught.value.fields["done_on"]
    with pytest.raises(ValidationError) as caught:
        follow_ups.record_follow_up(clinician, first.id, FollowUpForm(TODAY, True, ""))
    assert "recovery status" in caught.value.fields["recovery_status"].lower()
    with pytest.raises(ValidationError, match="future"):
        follow_ups.record_follow_up(
            clinician, first.id, FollowUpForm(TODAY + dt.timedelta(days=1), False)
        )
    row = follow_ups.record_follow_up(
        clinician, first.id, FollowUpForm(TODAY, True, "in_recovery", True, "Going to AA")
    )
    assert row.outcome == "Reached, In recovery, engaged in care"
    assert row.recorded_by == "Casey Tester"
    with pytest.raises(DomainError, match="already recorded"):
        follow_ups.reschedule_follow_up(clinician, first.id, TODAY + dt.timedelta(days=3))
    second = follow_ups.list_follow_ups(clinician, client_id)[1]
    row = follow_ups.record_follow_up(
        clinician, second.id, FollowUpForm(TODAY, False, "returned_to_use", True, "No answer")
    )
    assert row.outcome == "Not reached" and row.engaged_in_care is None


def test_due_this_week_lists_own_clients_first(admin, clinician):
    from tests.conftest import make_staff

    other = make_staff(admin, "olga", "clinician")
    mine = _discharged(clinician, 30)  # the 30-day check-in is due today
    theirs = _discharged(other, 31)  # due yesterday (overdue if that was last week)
    _discharged(clinician, 5)  # nothing due this week
    due = follow_ups.follow_ups_due(clinician, TODAY)
    assert [d.client_id for d in due] == [mine, theirs]
    assert due[0].kind == "30" and due[0].counselor == "Casey Tester"
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    assert due[1].overdue == (TODAY - dt.timedelta(days=1) < monday)
    follow_ups.record_follow_up(clinician, due[0].id, FollowUpForm(TODAY, False))
    assert [d.client_id for d in follow_ups.follow_ups_due(clinician, TODAY)] == [theirs]


def test_front_desk_cannot_see_or_record_follow_ups(clinician, front_desk):
    client_id = _discharged(clinician, 30)
    first = follow_ups.list_follow_ups(clinician, client_id)[0]
    with pytest.raises(PermissionDenied):
        follow_ups.follow_ups_due(front_desk, TODAY)
    with pytest.raises(PermissionDenied):
        follow_ups.record_follow_up(front_desk, first.id, FollowUpForm(TODAY, False))
    with pytest.raises(PermissionDenied):
        follow_ups.list_follow_ups(front_desk, client_id)
