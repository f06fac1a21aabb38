"""Aftercare plan: start before discharge, update after, row validation, role limits."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.aftercare import AftercarePlan, SupportContact
from iopdesk.errors import DomainError, PermissionDenied, ValidationError
from iopdesk.services.aftercare import discharge
from iopdesk.services.aftercare import plan as aftercare
from iopdesk.services.aftercare.plan import (
    AftercarePlanForm,
    AppointmentEntry,
    ContactEntry,
    SupportGroupEntry,
    parse_time,
)
from tests.factories.aftercare import TODAY
from tests.factories.clients import make_client


def _plan(**changes: object) -> AftercarePlanForm:
    values = {
        "sober_living": "Oxford House, Elm St",
        "mat_follow_up": "Naltrexone with Dr. Ruiz monthly",
        "triggers": "Payday Fridays\nOld friends from work",
        "warning_signs": "Skipping meetings",
        "coping_strategies": "Call my sponsor; walk the dog",
        "appointments": (
            AppointmentEntry("Lakeside Counseling", "9 Lake Rd", "555-201-4400", TODAY, "14:30"),
        ),
        "support_groups": (SupportGroupEntry("AA", "Tuesday Night Big Book", "Tuesday", "7 pm"),),
        "contacts": (ContactEntry("Marisol", "Sponsor", "(555) 201-9911"),),
    }
    values.update(changes)
    return AftercarePlanForm(**values)  # type: ignore[arg-type]


def test_plan_started_before_discharge_and_updated_after(clinician):
    client_id = make_client(counselor=clinician, admitted=TODAY - dt.timedelta(days=30))
    assert aftercare.get_aftercare_plan(clinician, client_id) is None
    saved = aftercare.save_aftercare_plan(clinician, client_id, _plan())
    assert saved.status == "draft" and saved.episode_number == 1
    assert saved.appointments[0].time == dt.time(14, 30)
    assert saved.support_groups[0].time == dt.time(19, 0)
    discharge.sign_discharge(
        clinician,
        client_id,
        discharge.DischargeForm("completed", TODAY, "", "Improved", "Done."),
    )
    updated = aftercare.save_aftercare_plan(
        clinician,
        client_id,
        _plan(
            status="final",
            contacts=(
                ContactEntry("Marisol", "Sponsor", "555-201-9911"),
                ContactEntry("Mom", "Mother", "555 201 0000"),
            ),
        ),
    )
    assert updated.id == saved.id and updated.status == "final"
    assert [c.name for c in updated.contacts] == ["Marisol", "Mom"]
    assert SupportContact.select().count() == 2
    assert AftercarePlan.select().count() == 1


@pytest.mark.parametrize(
    ("changes", "key", "words"),
    [
        ({"contacts": (ContactEntry("Mom", "", "call me"),)}, "contacts.1.phone", "phone number"),
        ({"contacts": (ContactEntry("Mom", "", ""),)}, "contacts.1.phone", "required"),
        ({"contacts": (ContactEntry("", "", "555-201-0000"),)}, "contacts.1.name", "required"),
        (
            {"appointments": (AppointmentEntry("Clinic", phone="12"),)},
            "appointments.1.phone",
            "phone number",
        ),
        (
            {"appointments": (AppointmentEntry("Clinic", day="2026-13-01"),)},
            "appointments.1.day",
            "not a real date",
        ),
        (
            {"appointments": (AppointmentEntry("Clinic", time="25:00"),)},
            "appointments.1.time",
            "not a time",
        ),
        ({"appointments": (AppointmentEntry(""),)}, "appointments.1.provider", "required"),
        ({"support_groups": (SupportGroupEntry("CA"),)}, "support_groups.1.kind", "one of"),
        (
            {"support_groups": (SupportGroupEntry("NA", meeting_day="Funday"),)},
            "support_groups.1.meeting_day",
            "one of",
        ),
        ({"status": "done"}, "status", "one of"),
        ({"triggers": "x" * 6000}, "triggers", "too long"),
    ],
)
def test_bad_rows_are_refused_with_their_row(clinician, changes, key, words):
    client_id = make_client(counselor=clinician, admitted=TODAY)
    with pytest.raises(ValidationError) as caught:
        aftercare.save_aftercare_plan(clinician, client_id, _plan(**changes))
    assert words in caught.value.fields[key]
    assert AftercarePlan.select().count() == 0


def test_front_desk_cannot_read_or_write_plans(clinician, front_desk):
    client_id = make_client(counselor=clinician, admitted=TODAY)
    aftercare.save_aftercare_plan(clinician, client_id, _plan())
    with pytest.raises(PermissionDenied):
        aftercare.save_aftercare_plan(front_desk, client_id, _plan())
    with pytest.raises(PermissionDenied):
        aftercare.get_aftercare_plan(front_desk, client_id)
    with pytest.raises(PermissionDenied):
        aftercare.print_aftercare_plan(front_desk, client_id)


def test_document_uses_preferred_name_and_refuses_without_plan(clinician):
    client_id = make_client(counselor=clinician, admitted=TODAY)
    with pytest.raises(DomainError, match="no aftercare plan"):
        aftercare.print_aftercare_plan(clinician, client_id)
    aftercare.save_aftercare_plan(clinician, client_id, _plan())
    doc = aftercare.print_aftercare_plan(clinician, client_id).document
    assert doc.client_name == "Dana Quiñones-O'Brien"
    assert doc.letterhead.clinic_name == "Riverbend Recovery"
    assert doc.counselor.startswith("Casey")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18:30", dt.time(18, 30)),
        ("6:30 pm", dt.time(18, 30)),
        ("7pm", dt.time(19, 0)),
        ("12 am", dt.time(0, 0)),
        ("12:15 p.m.", dt.time(12, 15)),
        ("7", None),
        ("13 pm", None),
        ("24:00", None),
        ("noon", None),
    ],
)
def test_parse_time(text, expected):
    assert parse_time(text) == expected


def test_a_draft_too_large_to_keep_is_refused_and_the_last_one_stays(clinician):
    from iopdesk.services.aftercare import drafts

    key = drafts.plan_key(7)
    drafts.keep_draft(clinician, key, {"coping_strategies": "Call my sponsor"})
    huge = {"coping_strategies": "Walk the dog. " * 30_000, "triggers": "Payday"}
    with pytest.raises(ValidationError) as caught:
        drafts.keep_draft(clinician, key, huge)
    assert "too large to keep" in caught.value.message
    assert "coping_strategies" in caught.value.fields
    # Nothing was cut short and lost: the earlier draft is still there, whole.
    assert drafts.load_draft(clinician, key).payload == {"coping_strategies": "Call my sponsor"}
    # Exactly at the limit is kept, and reads back whole (accents count as one character).
    filler = "é" * (drafts.MAX_PAYLOAD - len('{"summary": ""}'))
    drafts.keep_draft(clinician, key, {"summary": filler})
    assert drafts.load_draft(clinician, key).payload == {"summary": filler}
