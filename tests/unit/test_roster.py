"""Group rosters: membership on a date, capacity warning, double membership, ending."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.calendar import Group, RosterMembership
from iopdesk.db.models.core import AuditEvent
from iopdesk.errors import NeedsConfirmation, PermissionDenied, ValidationError
from iopdesk.services import calendar
from iopdesk.services.groups import roster
from tests.conftest import make_staff
from tests.factories import calendar as cal
from tests.factories.attendance import make_group
from tests.factories.clients import make_client, make_clients

D = dt.date


def test_roster_on_a_date_follows_start_and_end(front_desk):
    group = make_group()
    ana, ben = make_client("Ana", "Lopez"), make_client("Ben", "Okoro")
    m = roster.add_member(front_desk, group, ana, "2026-01-05")
    roster.add_member(front_desk, group, ben, D(2026, 1, 12))
    roster.end_membership(front_desk, m.membership_id, "2026-01-20", "Completed the program")
    names = lambda day: [r.client_name for r in roster.roster_on(front_desk, group, day)]  # noqa: E731
    assert names(D(2026, 1, 4)) == []
    assert names(D(2026, 1, 5)) == ["Ana Lopez"]
    assert names(D(2026, 1, 20)) == ["Ana Lopez", "Ben Okoro"]  # the end date is inclusive
    assert names(D(2026, 1, 21)) == ["Ben Okoro"]


def test_double_membership_is_refused_but_rejoining_later_is_fine(clinician):
    group = make_group()
    ana = make_client("Ana", "Lopez")
    m = roster.add_member(clinician, group, ana, "2026-01-05")
    with pytest.raises(ValidationError, match="already in Relapse Prevention"):
        roster.add_member(clinician, group, ana, "2026-02-01")
    roster.end_membership(clinician, m.membership_id, "2026-01-31", "Moved to evening track")
    with pytest.raises(ValidationError):
        roster.add_member(clinician, group, ana, "2026-01-31")  # overlaps the last day
    again = roster.add_member(clinician, group, ana, "2026-03-01")
    assert again.start_date == D(2026, 3, 1)


def test_end_before_start_and_missing_reason_are_refused_and_change_nothing(clinician):
    group = make_group()
    m = roster.add_member(clinician, group, make_client(), "2026-01-05")
    with pytest.raises(ValidationError) as err:
        roster.end_membership(clinician, m.membership_id, "2026-01-04", "  ")
    assert "cannot end before it started" in err.value.fields["end_date"]
    assert "Reason for ending is required" in err.value.fields["end_reason"]
    assert RosterMembership.get_by_id(m.membership_id).end_date is None
    with pytest.raises(ValidationError, match="not a real date"):
        roster.end_membership(clinician, m.membership_id, "2026-02-30", "Done")


def test_capacity_asks_for_confirmation_and_a_reason_overrides(clinician):
    group = make_group(capacity=2)
    a, b, c = make_clients(3)
    roster.add_member(clinician, group, a, "2026-01-05")
    roster.add_member(clinician, group, b, "2026-01-05")
    with pytest.raises(NeedsConfirmation, match="capacity 2"):
        roster.add_member(clinician, group, c, "2026-01-05")
    assert RosterMembership.select().count() == 2
    row = roster.add_member(clinician, group, c, "2026-01-05", reason="Court-ordered start")
    assert row.client_id == c
    audit = (
        AuditEvent.select()
        .where(AuditEvent.action == "roster.add")
        .order_by(AuditEvent.id.desc())
        .first()
    )
    assert "(capacity 2)" in audit.detail and "reason: Court-ordered start" in audit.detail
    assert audit.client_id == c


def test_discharged_client_cannot_join(clinician):
    group = make_group()
    gone = make_client(status="discharged")
    with pytest.raises(ValidationError, match="discharged"):
        roster.add_member(clinician, group, gone, "2026-01-05")


def test_administrator_cannot_change_rosters_and_is_audited(admin):
    group = make_group()
    with pytest.raises(PermissionDenied):
        roster.add_member(admin, group, make_client(), "2026-01-05")
    assert AuditEvent.select().where(AuditEvent.outcome == "denied").count() == 1


def test_client_memberships_and_picker(front_desk):
    g1, g2 = make_group("Morning Process"), make_group("Evening Skills")
    ana = make_client("Ana", "Lopez")
    roster.add_member(front_desk, g1, ana, "2026-01-05")
    roster.add_member(front_desk, g2, ana, "2026-02-05")
    rows = roster.client_memberships(front_desk, ana)
    assert [r.group_name for r in rows] == ["Evening Skills", "Morning Process"]
    assert [c[1] for c in roster.clients_to_add(front_desk, "lopez")] == ["Ana Lopez"]


def test_a_closed_group_takes_no_one_new_after_its_cohort_began_without_a_reason(clinician):
    closed = Group.get_by_id(cal.group("Women's Cohort"))
    closed.group_type = "closed"
    closed.save()
    began = dt.date(2026, 1, 5)
    calendar.create_series(clinician, cal.group_series(closed.id, clinician.staff_id, began))
    first, late = make_clients(2)
    roster.add_member(clinician, closed.id, first, began)  # the cohort's first day: no question
    with pytest.raises(NeedsConfirmation, match="closed group whose cohort began"):
        roster.add_member(clinician, closed.id, late, began + dt.timedelta(days=14))
    assert RosterMembership.select().where(RosterMembership.client == late).count() == 0
    roster.add_member(clinician, closed.id, late, began + dt.timedelta(days=14), reason="Transfer")
    assert RosterMembership.select().where(RosterMembership.client == late).count() == 1


def test_joining_a_group_that_meets_when_the_clients_other_group_does_warns(admin, clinician):
    morning, also_morning, evening = (cal.group(n) for n in ("Morning", "Also Morning", "Evening"))
    day = dt.date(2026, 1, 5)
    calendar.create_series(
        clinician, cal.group_series(morning, clinician.staff_id, day, weekdays=(0, 2))
    )
    later = {"weekdays": (0, 2), "start": dt.time(18), "end": dt.time(20)}
    calendar.create_series(clinician, cal.group_series(evening, clinician.staff_id, day, **later))
    # another counselor's group on Wednesdays from 10:00, while Morning runs until 12:00
    other = make_staff(admin, "jlee", "clinician").staff_id
    also = cal.group_series(also_morning, other, day, weekdays=(2,), start=dt.time(10))
    calendar.create_series(clinician, also)
    client = make_client("Ana", "Lopez")
    roster.add_member(clinician, morning, client, day)
    roster.add_member(clinician, evening, client, day)  # a different time: no warning
    with pytest.raises(NeedsConfirmation, match=r"is in Morning at the same time \(Wednesdays"):
        roster.add_member(clinician, also_morning, client, day)
    assert RosterMembership.select().where(RosterMembership.client == client).count() == 2
