"""A client's Progress data: hand-computed figures, the episode's limits, roles, bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.attendance import Attendance
from iopdesk.db.models.calendar import Session
from iopdesk.db.models.core import AuditEvent, Episode
from iopdesk.domain.screenings import INSTRUMENTS
from iopdesk.errors import NotFound, PermissionDenied
from iopdesk.services.clients.progress import ReviewMark, client_progress
from iopdesk.services.plans import records as plans
from iopdesk.services.plans import reviews
from iopdesk.services.plans.reviews import ObjectiveProgress
from tests.factories.attendance import make_session
from tests.factories.clients import make_client
from tests.factories.progress import MONDAY, TODAY, build_progress

WEEK = dt.timedelta(days=7)


def test_figures_match_the_hand_built_episode(clinician, supervisor):
    built = build_progress(clinician, supervisor)
    data = client_progress(clinician, built.client_id)
    assert (data.episode_id, data.episode_number) == (built.episode_id, 1)
    # The intake PHQ-9 two days before admission starts the charts; care starts on admission.
    assert (data.start, data.admitted_on, data.end) == (
        MONDAY - dt.timedelta(days=2),
        MONDAY,
        TODAY,
    )
    (phq,) = data.screenings  # the incomplete GAD-7 has no total, so no line
    assert (phq.code, phq.name, phq.max_total) == ("PHQ9", "PHQ-9", 27)
    assert phq.points == ((MONDAY - dt.timedelta(days=2), 15), (MONDAY + dt.timedelta(days=22), 4))
    assert phq.bands == INSTRUMENTS["PHQ9"].bands
    assert phq.first_and_last == "PHQ-9 15 → 4"

    # One bar per week from the week of the intake screening to this week.
    assert [w.week_start for w in data.weeks][:3] == [MONDAY - WEEK, MONDAY, MONDAY + WEEK]
    assert data.weeks[-1].week_start == TODAY - dt.timedelta(days=TODAY.weekday())
    before, first, second = data.weeks[:3]
    assert before.minutes == 0  # the group a week before admission is not in the episode
    assert (first.minutes, first.below_minimum, data.bar_kind(first)) == (540, False, "met")
    # The cancelled session and the assessment do not count: 180 + 180 + 120.
    assert (second.minutes, second.below_minimum, data.bar_kind(second)) == (480, True, "short")
    assert data.bar_kind(before) == "partial"
    assert all(w.minutes == 0 for w in data.weeks[3:])
    assert data.minimum_hours == 9 and first.minimum_minutes == 540
    assert data.minimum_caption == "Program minimum (9 h a week)"

    assert [(t.collected_on, t.outcome) for t in data.drug_tests] == [
        (MONDAY + dt.timedelta(days=1), "negative"),
        (MONDAY + dt.timedelta(days=8), "explained"),
        (MONDAY + dt.timedelta(days=16), "unexplained"),
    ]
    assert data.drug_test_captions == (
        ("negative", "Negative test (1)"),
        ("explained", "Explained positive test (1)"),
        ("unexplained", "Unexplained positive test (1)"),
    )
    (review,) = data.reviews
    assert review == ReviewMark(MONDAY + dt.timedelta(days=14), 1, 2)
    assert (review.tally, review.sentence) == ("1/2 met", f"1 of 2 on {review.reviewed_on:%b %-d}")
    assert data.has_data


def test_positions_put_each_day_on_its_weeks_bar(clinician, supervisor):
    data = client_progress(clinician, build_progress(clinician, supervisor).client_id)
    # Week 0 is the week of the first screening; Thursday sits on a bar's centre.
    assert data.week_position(MONDAY + dt.timedelta(days=3)) == pytest.approx(1.0)
    assert data.week_position(MONDAY) == pytest.approx(1 - 3 / 7)
    assert data.week_position(MONDAY + dt.timedelta(days=13)) == pytest.approx(2 + 3 / 7)
    # Room above the tallest bar (9 h) for the row of drug-test dots.
    assert data.hours_ceiling == 15 and data.dot_row < data.hours_ceiling
    assert data.dot_row > 9
    # Seven weeks: each labelled on a wide axis, every third on a narrow one.
    assert len(data.weeks) == 7 and all(data.week_labels())
    assert [bool(label) for label in data.week_labels(3)] == [True, False, False] * 2 + [True]


def test_adolescent_minimum_is_six_hours(clinician, supervisor):
    built = build_progress(clinician, supervisor, program="adolescent")
    data = client_progress(clinician, built.client_id)
    assert data.minimum_hours == 6 and data.weeks[1].minimum_minutes == 360
    assert data.bar_kind(data.weeks[2]) == "met"  # 480 minutes is over 6 hours


def test_a_new_client_has_nothing_to_chart(clinician):
    client_id = make_client(counselor=clinician, admitted=TODAY)
    data = client_progress(clinician, client_id)
    assert not data.has_data
    assert len(data.weeks) == 1 and data.weeks[0].minutes == 0
    assert data.screenings == data.drug_tests == data.reviews == ()


def test_only_the_episode_shown_is_read(clinician, supervisor):
    built = build_progress(clinician, supervisor)
    Episode.update(status="discharged", discharge_date=MONDAY + dt.timedelta(days=20)).where(
        Episode.id == built.episode_id
    ).execute()
    second = Episode.create(
        client=built.client_id, number=2, status="active", admission_date=TODAY - WEEK
    )
    session = make_session(None, TODAY - dt.timedelta(days=2), client_ids=(built.client_id,))
    Attendance.create(session=session, client=built.client_id, status="present", minutes=180)
    now = client_progress(clinician, built.client_id)
    assert now.episode_id == second.id and now.episode_number == 2
    assert sum(w.minutes for w in now.weeks) == 180
    assert now.screenings == () and now.reviews == () and now.drug_tests == ()
    then = client_progress(clinician, built.client_id, built.episode_id)
    # The first episode ends on its discharge day: the PHQ-9 of day 22 falls after it.
    assert then.end == MONDAY + dt.timedelta(days=20)
    assert then.screenings[0].points == ((MONDAY - dt.timedelta(days=2), 15),)
    assert sum(w.minutes for w in then.weeks) == 540 + 480
    assert [t.outcome for t in then.drug_tests] == ["negative", "explained", "unexplained"]


def test_reading_progress_is_audited_and_front_desk_is_refused(clinician, supervisor, front_desk):
    built = build_progress(clinician, supervisor)
    client_progress(clinician, built.client_id)
    last = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (last.action, last.kind, last.client_id) == ("client.progress", "read", built.client_id)
    assert last.record_id == str(built.episode_id) and last.detail == ""
    with pytest.raises(PermissionDenied):
        client_progress(front_desk, built.client_id)
    denied = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (denied.outcome, denied.staff_id) == ("denied", front_desk.staff_id)


@pytest.mark.parametrize("bad", ["1", 1.0, True, None, -1, 0, 2**70, 10**6])
def test_a_bad_client_id_is_a_sentence(clinician, bad):
    make_client(counselor=clinician)
    with pytest.raises(NotFound, match="client record does not exist"):
        client_progress(clinician, bad)


@pytest.mark.parametrize("bad", ["1", 2.5, False, 2**70, 10**6])
def test_a_bad_episode_id_is_a_sentence(clinician, bad):
    client_id = make_client(counselor=clinician)
    with pytest.raises(NotFound, match="episode of care does not exist"):
        client_progress(clinician, client_id, bad)


def test_another_clients_episode_is_not_shown(clinician):
    mine, theirs = make_client(counselor=clinician), make_client("Other", "Client")
    other_episode = Episode.get(Episode.client == theirs).id
    with pytest.raises(NotFound, match="episode of care does not exist"):
        client_progress(clinician, mine, other_episode)


def test_a_session_with_no_minutes_recorded_counts_as_zero(clinician):
    client_id = make_client(counselor=clinician, admitted=MONDAY)
    session = make_session(None, MONDAY + dt.timedelta(days=1), client_ids=(client_id,))
    Attendance.create(session=session, client=client_id, status="absent_excused", minutes=0)
    Session.update(kind="family").where(Session.id == session).execute()
    data = client_progress(clinician, client_id)
    assert data.weeks[0].minutes == 0 and data.bar_kind(data.weeks[0]) == "short"
    assert data.has_data  # a whole week of care with nothing attended is worth seeing


def test_a_review_day_counts_once_with_its_latest_review(clinician, supervisor):
    built = build_progress(clinician, supervisor)
    day = MONDAY + dt.timedelta(days=14)
    both = [
        ObjectiveProgress(o.id, "met") for o in plans.open_plan(clinician, built.plan_id).objectives
    ]
    reviews.record_review(clinician, built.plan_id, both, "", review_date=day)
    reviews.record_review(clinician, built.plan_id, [], "", review_date=day + WEEK)
    marks = client_progress(clinician, built.client_id).reviews
    assert marks == (ReviewMark(day, 2, 2), ReviewMark(day + WEEK, 0, 0))
    assert (marks[1].tally, marks[1].sentence) == ("", "")  # no objective reviewed: no count
