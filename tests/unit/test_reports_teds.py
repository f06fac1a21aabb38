"""State reporting end to end: the intake and the discharge keep raw TEDS answers (refusing
impossible ones by question), and the extract derives the codes, -9 where nothing is known."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from iopdesk.db.models.teds import TedsAdmission, TedsDischarge
from iopdesk.domain import teds
from iopdesk.errors import ValidationError
from iopdesk.services.aftercare import discharge
from iopdesk.services.intake import drafts, signing
from iopdesk.services.reports import teds as extract
from tests.factories.clients import make_client
from tests.factories.intake import complete_data
from tests.factories.reports import period
from tests.unit.report_helpers import csv_lines

TODAY = dt.date.today()
ANSWERS = {
    "gender": "male",
    "race": "black",
    "employment": "unemployed",
    "arrests": "1",
    "self_help": "some",
    "sub1": "alcohol",
    "route1": "oral",
    "freq1": "daily",
    "age1": "15",
    "sub2": "marijuana",
}


def _intake(clinician, answers):
    client_id = make_client("Ray", "Tester", status="referred", counselor=clinician)
    view = drafts.start_assessment(clinician, client_id)
    return client_id, view, replace(complete_data(), teds=answers)


def test_impossible_answers_are_refused_by_question_and_nothing_is_kept(clinician):
    _, view, data = _intake(clinician, {**ANSWERS, "pregnant": "yes", "arrests": "a few"})
    with pytest.raises(ValidationError) as refused:
        drafts.save_draft(clinician, view.id, data)
    assert set(refused.value.fields) == {"teds.pregnant", "teds.arrests"}
    assert not TedsAdmission.select().exists()


def test_answers_are_kept_raw_with_what_follows_from_them(clinician):
    _, view, data = _intake(clinician, ANSWERS)
    saved = drafts.save_draft(clinician, view.id, data)
    assert saved.data.teds["pregnant"] == teds.NOT_APPLICABLE
    assert saved.data.teds["self_help"] == "some" and "sub3" not in saved.data.teds
    assert TedsAdmission.get().veteran == ""  # not asked: not collected


def test_the_extract_from_intake_to_discharge(clinician, supervisor, admin):
    client_id, view, data = _intake(clinician, ANSWERS)
    drafts.save_draft(clinician, view.id, data)
    signing.sign_assessment(clinician, view.id, TODAY)
    draft = discharge.draft_discharge(clinician, client_id)
    assert draft.substances == ("Alcohol", "Marijuana/hashish", "")
    form = discharge.DischargeForm("completed", TODAY, "", "Improved", "Done.",
                                   teds={"employment": "part_time", "freq1": "none"})  # fmt: skip
    discharge.sign_discharge(clinician, client_id, form, override_reason="-")
    assert TedsDischarge.get().employment == "part_time"
    printout = extract.export_teds(supervisor, period(TODAY, TODAY), "csv")
    lines = csv_lines(printout.content)
    assert lines[0] == ",".join(teds.COLUMNS)
    rows = [dict(zip(teds.COLUMNS, line.split(","), strict=True)) for line in lines[1:]]
    assert [r["RECTYPE"] for r in rows] == ["A", "D"]
    a, d = rows
    assert (a["GENDER"], a["RACE"], a["PREG"], a["EMPLOY"], a["VET"]) == ("1", "4", "-9", "3", "-9")
    assert (a["SUB1"], a["ROUTE1"], a["FREQ1"], a["FRSTUSE1"], a["SUB2"], a["ROUTE2"]) == (
        "2", "1", "3", "3", "4", "-9",
    )  # fmt: skip
    assert (a["ARRESTS"], a["FREQ_ATND_SELF_HELP"], a["REASON"]) == ("1", "5", "")
    assert (d["REASON"], d["LOS"], d["EMPLOY_D"], d["FREQ1_D"], d["FREQ2_D"]) == (
        "1", "1", "2", "1", "-9",
    )  # fmt: skip
    assert d["GENDER"] == "1" and d["DISDATE"] == TODAY.isoformat()


def test_discharge_answers_are_checked_too(clinician):
    client_id, view, data = _intake(clinician, {})
    drafts.save_draft(clinician, view.id, data)
    signing.sign_assessment(clinician, view.id, TODAY)
    form = discharge.DischargeForm("completed", TODAY, "", "Improved", "Done.",
                                   teds={"arrests": "-1"})  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        discharge.sign_discharge(clinician, client_id, form, override_reason="-")
    assert "teds.arrests" in refused.value.fields
