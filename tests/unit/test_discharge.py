"""Discharge: the pre-filled facts, its effects on roster and schedule, bad input, re-admission."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.aftercare import Discharge, FollowUp
from iopdesk.db.models.attendance import Attendance
from iopdesk.db.models.calendar import RosterMembership, Session, SessionClient
from iopdesk.db.models.core import AuditEvent, Client, Episode
from iopdesk.errors import DomainError, NeedsConfirmation, PermissionDenied, ValidationError
from iopdesk.services.aftercare import discharge
from iopdesk.services.aftercare.discharge import DischargeForm
from iopdesk.services.aftercare.readmission import ReadmitForm, readmit
from tests.factories.aftercare import TODAY, build_episode
from tests.factories.clients import episode_of, make_client


def _form(**changes: object) -> DischargeForm:
    values = {
        "discharge_type": "completed",
        "discharge_date": TODAY,
        "step_down_level": "Standard outpatient (ASAM 1.0)",
        "condition_at_discharge": "Improved",
        "summary": "Completed the program.",
    }
    values.update(changes)
    return DischargeForm(**values)  # type: ignore[arg-type]


def test_facts_match_the_hand_built_episode(clinician):
    built = build_episode(clinician)
    facts = discharge.discharge_facts(clinician, built.client_id)
    assert facts.admission_date == built.admission.isoformat()
    assert facts.discharge_date == TODAY.isoformat()
    assert facts.length_of_stay_days == 40
    assert (facts.sessions_recorded, facts.sessions_attended) == (7, 5)
    assert facts.minutes_attended == 690
    assert facts.hours_attended == 11.5
    assert facts.attendance_rate == 71.4
    gad, phq = facts.screenings
    assert (phq.code, phq.first_total, phq.last_total, phq.change) == ("PHQ-9", 18, 7, -11)
    assert phq.direction == "improved"
    assert (gad.code, gad.change, gad.direction) == ("GAD-7", 0, "no change")
    tests = facts.drug_tests
    assert (tests.tests, tests.negative, tests.unexplained_positive) == (3, 1, 1)
    assert tests.explained_positive == 1
    assert tests.positive_substances == ("Cocaine",)
    # Only the latest plan version counts.
    assert facts.objectives.met == ("Attend 3 groups a week", "Name 5 triggers")
    assert facts.objectives.not_met == ("Attend 2 AA meetings a week",)
    assert facts.objectives.discontinued == ("Daily journal",)


def test_draft_summary_states_the_figures(clinician):
    built = build_episode(clinician)
    draft = discharge.draft_discharge(clinician, built.client_id, discharge_type="completed")
    text = draft.summary
    assert "40 days in care" in text
    assert "Attended 5 of 7 sessions (71.4%), 11.5 hours" in text
    assert "PHQ-9: 18 (moderately severe)" in text and "-11 (improved)" in text
    assert "3 drug tests: 1 negative, 1 with an unexplained positive" in text
    assert "Objectives met: 2 of 4; not met: 1; discontinued: 1." in text
    assert "Discharge type: Treatment completed." in text
    assert draft.unsigned_notes == ()


def test_sign_ends_roster_cancels_future_and_schedules_follow_ups(clinician):
    built = build_episode(clinician)
    view = discharge.sign_discharge(
        clinician, built.client_id, _form(), cancel_future_sessions=True
    )
    membership = RosterMembership.get(RosterMembership.client == built.client_id)
    assert (membership.end_date, membership.end_reason) == (TODAY, "Discharged")
    for sid in built.future_session_ids:
        assert Session.get_by_id(sid).status == "cancelled"
    assert Session.get_by_id(built.past_individual_id).status == "scheduled"
    assert view.sessions_cancelled == 2
    assert Episode.get_by_id(built.episode_id).status == "discharged"
    assert Episode.get_by_id(built.episode_id).discharge_date == TODAY
    assert Client.get_by_id(built.client_id).status == "discharged"
    dues = [f.due_date for f in FollowUp.select().order_by(FollowUp.due_date)]
    assert dues == [TODAY + dt.timedelta(days=d) for d in (30, 60, 90)]
    assert view.facts.sessions_attended == 5  # the snapshot is kept with the discharge
    audit = AuditEvent.select().where(AuditEvent.action == "discharge.sign").get()
    assert audit.client_id == built.client_id and audit.detail == ""  # no clinical content


def test_discharge_keeps_the_discharge_day_and_counts_it(clinician):
    built = build_episode(clinician)
    on_the_day = Session.create(
        day=TODAY,
        start_time=dt.time(9),
        end_time=dt.time(10),
        kind="individual",
        title="Individual",
        counselor=clinician.staff_id,
    )
    SessionClient.create(session=on_the_day.id, client=built.client_id)
    Attendance.create(session=on_the_day.id, client=built.client_id, status="present", minutes=60)
    recorded_later = built.future_session_ids[0]
    Attendance.create(session=recorded_later, client=built.client_id, status="absent_excused")
    view = discharge.sign_discharge(
        clinician, built.client_id, _form(), cancel_future_sessions=True
    )
    # The last session was attended on the discharge day: it stays, and the facts count it.
    assert Session.get_by_id(on_the_day.id).status == "scheduled"
    assert view.facts.sessions_attended == 6 and view.facts.minutes_attended == 750
    # A later session with a record is left alone, not silently cancelled.
    assert Session.get_by_id(recorded_later).status == "scheduled"
    assert Session.get_by_id(built.future_session_ids[1]).status == "cancelled"
    assert view.sessions_cancelled == 1


def test_future_sessions_stay_unless_asked(clinician):
    built = build_episode(clinician)
    discharge.sign_discharge(clinician, built.client_id, _form())
    assert all(Session.get_by_id(s).status == "scheduled" for s in built.future_session_ids)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"discharge_date": TODAY + dt.timedelta(days=1)}, "discharge_date", "future"),
        ({"discharge_date": TODAY - dt.timedelta(days=41)}, "discharge_date", "before the adm"),
        ({"discharge_date": "2026-02-30"}, "discharge_date", "not a real date"),
        ({"discharge_type": "graduated"}, "discharge_type", "must be one of"),
        ({"discharge_type": ""}, "discharge_type", "Choose"),
        ({"summary": "  \x07 "}, "summary", "required"),
        ({"summary": "A\x00B"}, "summary", "null character"),
        ({"condition_at_discharge": ""}, "condition_at_discharge", "required"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(clinician, changes, field, words):
    built = build_episode(clinician)
    with pytest.raises(ValidationError) as caught:
        discharge.sign_discharge(clinician, built.client_id, _form(**changes))
    assert words in caught.value.fields[field]
    assert Discharge.select().count() == 0
    assert Episode.get_by_id(built.episode_id).status == "active"
    assert RosterMembership.get(RosterMembership.client == built.client_id).end_date is None


def test_double_discharge_is_refused(clinician):
    built = build_episode(clinician)
    discharge.sign_discharge(clinician, built.client_id, _form())
    with pytest.raises(DomainError, match="already discharged"):
        discharge.sign_discharge(clinician, built.client_id, _form())
    assert Discharge.select().count() == 1


def test_unsigned_notes_need_a_reason(clinician):
    built = build_episode(clinician, unsigned_note=True)
    with pytest.raises(NeedsConfirmation) as caught:
        discharge.sign_discharge(clinician, built.client_id, _form())
    assert "1 note is still unsigned" in caught.value.message
    assert len(caught.value.warnings) == 1 and "Relapse Prevention" in caught.value.warnings[0]
    assert Episode.get_by_id(built.episode_id).status == "active"
    view = discharge.sign_discharge(
        clinician, built.client_id, _form(), override_reason="Author left the clinic"
    )
    assert view.unsigned_notes_override == "Author left the clinic"


def test_front_desk_cannot_discharge_or_see_facts(clinician, front_desk):
    built = build_episode(clinician)
    for call in (
        lambda: discharge.sign_discharge(front_desk, built.client_id, _form()),
        lambda: discharge.discharge_facts(front_desk, built.client_id),
        lambda: discharge.draft_discharge(front_desk, built.client_id),
        lambda: readmit(front_desk, built.client_id, ReadmitForm(TODAY)),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert AuditEvent.select().where(AuditEvent.kind == "denied").count() == 4
    assert Episode.get_by_id(built.episode_id).status == "active"


def test_readmission_starts_a_new_episode_and_keeps_the_old(clinician):
    built = build_episode(clinician)
    with pytest.raises(ValidationError, match="still open"):
        readmit(clinician, built.client_id, ReadmitForm(TODAY))
    discharge.sign_discharge(clinician, built.client_id, _form())
    with pytest.raises(ValidationError) as caught:
        readmit(clinician, built.client_id, ReadmitForm(TODAY + dt.timedelta(days=2)))
    assert "future" in caught.value.fields["referral_date"]
    new_id = readmit(clinician, built.client_id, ReadmitForm(TODAY, "Self", "Returned to use"))
    new = Episode.get_by_id(new_id)
    assert (new.number, new.status, new.referral_source) == (2, "referred", "Self")
    assert Client.get_by_id(built.client_id).status == "referred"
    old = discharge.get_discharge(clinician, built.client_id, built.episode_id)
    assert old is not None and old.episode_number == 1 and old.facts.sessions_attended == 5
    assert discharge.get_discharge(clinician, built.client_id) is None
    # The new episode can be discharged on its own later.
    Episode.update(admission_date=TODAY, status="active").where(Episode.id == new_id).execute()
    discharge.sign_discharge(clinician, built.client_id, _form())
    assert Discharge.select().count() == 2


def test_client_never_admitted_can_be_closed_from_referral(clinician):
    client_id = make_client(counselor=clinician, status="referred")
    episode_id = episode_of(client_id)
    view = discharge.sign_discharge(
        clinician, client_id, _form(discharge_type="other", summary="Never attended.")
    )
    assert view.facts.length_of_stay_days is None
    assert Episode.get_by_id(episode_id).status == "discharged"


def test_drafts_are_private_and_front_desk_has_none(admin, clinician, front_desk):
    from iopdesk.services.aftercare import drafts
    from tests.conftest import make_staff

    key = drafts.discharge_key(7)
    drafts.keep_draft(clinician, key, {"summary": "half written"})
    drafts.keep_draft(clinician, key, {"summary": "three quarters"})
    assert drafts.load_draft(clinician, key).payload == {"summary": "three quarters"}
    other = make_staff(admin, "olga", "clinician")
    assert drafts.load_draft(other, key) is None
    with pytest.raises(PermissionDenied):
        drafts.keep_draft(front_desk, key, {})
    drafts.drop_draft(clinician, key)
    assert drafts.load_draft(clinician, key) is None
