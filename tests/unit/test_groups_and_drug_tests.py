"""Groups (set-up, facilitators) and drug tests (results, future dates, positives)."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.errors import PermissionDenied, ValidationError
from iopdesk.services.attendance import drug_tests as dts
from iopdesk.services.attendance.drug_tests import DrugTestForm, ResultEntry
from iopdesk.services.groups import setup as groups
from tests.factories.clients import make_client

TODAY = dt.date.today()


def test_create_and_edit_group(clinician):
    row = groups.create_group(
        clinician,
        groups.GroupForm(
            "Evening Skills", "closed", "evening", "DBT skills", 10, None, (clinician.staff_id,)
        ),
    )
    assert row.facilitators == ("Casey Tester",) and row.track_label == "Evening"
    assert row.type_label == "Closed"
    edited = groups.edit_group(
        clinician,
        row.id,
        groups.GroupForm(
            "Evening Skills II", "closed", "evening", "", 8, None, (clinician.staff_id,)
        ),
    )
    assert edited.name == "Evening Skills II" and edited.capacity == 8
    assert [g.name for g in groups.list_groups(clinician)] == ["Evening Skills II"]


def test_group_validation_reports_every_field(clinician, front_desk):
    groups.create_group(
        clinician, groups.GroupForm("Morning", facilitator_ids=(clinician.staff_id,))
    )
    with pytest.raises(ValidationError) as err:
        groups.create_group(
            clinician,
            groups.GroupForm(" morning ", "weird", "night", "", 0, 999, (front_desk.staff_id,)),
        )
    assert set(err.value.fields) == {
        "name",
        "group_type",
        "track",
        "capacity",
        "room",
        "facilitators",
    }
    with pytest.raises(PermissionDenied):
        groups.create_group(front_desk, groups.GroupForm("X", facilitator_ids=()))


def test_record_drug_test_and_days_since_unexplained_positive(clinician):
    client = make_client()
    dts.record_drug_test(
        clinician,
        DrugTestForm(
            client,
            TODAY - dt.timedelta(days=20),
            "urine",
            True,
            "12-panel",
            "",
            (ResultEntry("Cocaine", "positive"), ResultEntry("Opiates", "negative")),
        ),
    )
    dts.record_drug_test(
        clinician,
        DrugTestForm(
            client,
            TODAY - dt.timedelta(days=5),
            "oral_fluid",
            False,
            "",
            "",
            (ResultEntry("Buprenorphine", "positive", True), ResultEntry("Cocaine", "negative")),
        ),
    )
    summary = dts.drug_tests(clinician, client)
    assert [t.specimen_label for t in summary.tests] == ["Oral fluid", "Urine"]
    assert summary.days_since_unexplained_positive == 20
    assert not summary.tests[0].has_unexplained_positive
    assert summary.tests[0].summary == "Positive: Buprenorphine (prescribed) · 1 negative"
    assert "20 days since" in summary.abstinence_text


def test_drug_test_bad_input(clinician, front_desk):
    client = make_client()
    with pytest.raises(ValidationError) as err:
        dts.record_drug_test(
            clinician,
            DrugTestForm(
                client,
                TODAY + dt.timedelta(days=1),
                "sweat",
                False,
                "",
                "",
                (ResultEntry("THC", "negative", True),),
            ),
        )
    assert "future" in err.value.fields["collected_on"]
    assert "specimen" in err.value.fields and "prescription" in err.value.fields["results"]
    with pytest.raises(ValidationError, match="at least one substance"):
        dts.record_drug_test(clinician, DrugTestForm(client, TODAY, "urine", False))
    with pytest.raises(PermissionDenied):
        dts.record_drug_test(
            front_desk,
            DrugTestForm(client, TODAY, "urine", False, results=(ResultEntry("THC", "negative"),)),
        )
    with pytest.raises(PermissionDenied):
        dts.drug_tests(front_desk, client)
    assert dts.drug_tests(clinician, client).abstinence_text == "No drug tests recorded."


def test_missing_attendance_and_notes_for_today(clinician, front_desk):
    from iopdesk.services.attendance import missing_records, notes
    from iopdesk.services.attendance import sheet as attendance
    from iopdesk.services.attendance.sheet import AttendanceEntry as E
    from iopdesk.services.groups import roster
    from tests.factories.attendance import make_group, make_session

    group = make_group(facilitator=clinician)
    a, b = make_client("Ana", "One"), make_client("Ben", "Two")
    for cid in (a, b):
        roster.add_member(clinician, group, cid, TODAY - dt.timedelta(days=30))
    untouched = make_session(group, TODAY - dt.timedelta(days=2))
    recorded = make_session(group, TODAY - dt.timedelta(days=3))
    make_session(group, TODAY - dt.timedelta(days=20))  # too old to nag about
    make_session(group, TODAY - dt.timedelta(days=1), status="cancelled")
    attendance.save_sheet(front_desk, recorded, [E(a, "present"), E(b, "absent_excused")])
    rows = {r.session_id: r for r in missing_records.missing_attendance(clinician)}
    assert set(rows) == {untouched, recorded}
    assert rows[untouched].attendance_missing
    assert rows[recorded].what == "no group note; 1 individual note(s) to write"
    desk = missing_records.missing_attendance(front_desk)
    assert [r.session_id for r in desk] == [untouched]
    notes.save_group_note(clinician, recorded, "Topic", "Covered")
    notes.save_progress_note(clinician, recorded, a, {"data": "ok"})
    rows = {r.session_id: r for r in missing_records.missing_attendance(clinician)}
    assert rows[recorded].what == "2 note(s) to sign"
    notes.sign_session_notes(clinician, recorded)
    assert recorded not in {r.session_id for r in missing_records.missing_attendance(clinician)}
