"""The course of an episode: named program phases (a clinic setting) recorded with their date
and who decided, the chart header's phase, and level-of-care changes with a justification and
ASAM re-ratings; a transfer out ends the episode through the discharge, the TEDS way."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.core import Episode
from iopdesk.db.models.course import LevelOfCareChange, LevelOfCareRating, PhaseChange
from iopdesk.domain import teds
from iopdesk.domain.episode_course import DEFAULT_PHASES, direction
from iopdesk.domain.intake import IOP, AsamEntry
from iopdesk.errors import DomainError, PermissionDenied, ValidationError
from iopdesk.services.admin import clinic
from iopdesk.services.aftercare import discharge
from iopdesk.services.clients import level_of_care, phases, records
from iopdesk.services.clients.level_of_care import LevelChangeForm
from iopdesk.services.reports import teds as extract
from tests.factories.clients import make_client
from tests.factories.reports import period
from tests.unit.report_helpers import csv_lines, pdf_pages

TODAY = dt.date.today()
PHP = "2.5 Partial hospitalization"
RESIDENTIAL = "3 Residential / inpatient"
RATINGS = {d: AsamEntry(r, f"Dimension {d} now") for d, r in enumerate((1, 0, 3, 2, 3, 2), 1)}


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def change(
    day: dt.date | str | None = None,
    level: str = PHP,
    why: str = "Relapsed twice this week",
    ratings: dict[int, AsamEntry] | None = None,
) -> LevelChangeForm:
    return LevelChangeForm(day or ago(2), level, why, RATINGS if ratings is None else ratings)


def test_phases_default_to_tip_47_and_the_administrator_names_them(admin):
    assert clinic.get_setting("program_phases") == DEFAULT_PHASES
    saved = clinic.change_settings(admin, {"program_phases": [" Orientation ", "Recovery"]})
    assert saved["program_phases"] == ["Orientation", "Recovery"]
    assert clinic.change_settings(admin, {"program_phases": []})["program_phases"] == []
    for bad, words in (
        (["Recovery", "recovery"], "once"),
        (["Recovery", "  "], "1 to 60"),
        (["x" * 61], "1 to 60"),
        ([f"P{n}" for n in range(13)], "at most 12"),
        ("Recovery", "list"),
    ):
        with pytest.raises(ValidationError) as refused:
            clinic.change_settings(admin, {"program_phases": bad})
        assert words in refused.value.fields["program_phases"]
    assert clinic.get_setting("program_phases") == []


def test_a_phase_change_is_kept_as_history_and_shown_in_the_header(clinician):
    client_id = make_client(admitted=ago(40))
    assert records.chart_header(clinician, client_id).program_phase == ""
    phases.record_phase_change(clinician, client_id, "Engagement", ago(40))
    after = phases.record_phase_change(clinician, client_id, "Early recovery", ago(10), "Stable")
    assert after.current == "Early recovery"
    assert [(e.phase, e.effective_date, e.reason) for e in after.history] == [
        ("Early recovery", ago(10), "Stable"),
        ("Engagement", ago(40), ""),
    ]
    assert {e.decided_by for e in after.history} == {"Casey Tester, LADC"}
    assert PhaseChange.select().count() == 2
    header = records.chart_header(clinician, client_id)
    assert (header.program_week, header.program_phase) == ("Week 6 of 12", "Early recovery")
    assert phases.phase_history(clinician, client_id).phases == DEFAULT_PHASES


@pytest.mark.parametrize(
    ("phase", "day", "reason", "field", "words"),
    [
        ("Engagement", None, "", "effective_date", "required"),
        ("Engagement", "2026-02-30", "", "effective_date", "not a real date"),
        ("Engagement", TODAY + dt.timedelta(days=1), "", "effective_date", "future"),
        ("Engagement", ago(31), "", "effective_date", "before the admission"),
        ("Graduation", ago(3), "", "phase", "Phase"),
        ("", ago(3), "", "phase", "Choose a phase"),
        ("Engagement", ago(3), "x" * 201, "reason", "too long"),
    ],
)
def test_bad_phase_changes_are_refused_and_change_nothing(clinician, phase, day, reason, field,
                                                          words):  # fmt: skip
    client_id = make_client(admitted=ago(30))
    with pytest.raises(ValidationError) as refused:
        phases.record_phase_change(clinician, client_id, phase, day, reason)
    assert words in refused.value.fields[field]
    assert PhaseChange.select().count() == 0


def test_a_phase_change_follows_the_last_one_and_needs_an_episode_and_named_phases(
    admin, clinician
):
    client_id = make_client(admitted=ago(30))
    phases.record_phase_change(clinician, client_id, "Engagement", ago(5))
    with pytest.raises(ValidationError) as refused:
        phases.record_phase_change(clinician, client_id, "Maintenance", ago(6))
    assert "before the last change" in refused.value.fields["effective_date"]
    with pytest.raises(ValidationError) as refused:
        phases.record_phase_change(clinician, client_id, "Engagement", ago(1))
    assert "already in the Engagement phase" in refused.value.fields["phase"]
    referred = make_client(status="referred")
    with pytest.raises(DomainError, match="not been admitted"):
        phases.record_phase_change(clinician, referred, "Engagement", TODAY)
    gone = make_client(status="discharged")
    with pytest.raises(DomainError, match="discharged; readmit"):
        phases.record_phase_change(clinician, gone, "Engagement", TODAY)
    clinic.change_settings(admin, {"program_phases": []})
    with pytest.raises(DomainError, match="not named program phases"):
        phases.record_phase_change(clinician, client_id, "Maintenance", TODAY)
    assert PhaseChange.select().count() == 1


def test_the_front_desk_sees_the_phase_in_the_header_but_never_the_history(
    clinician, front_desk, admin
):
    client_id = make_client(admitted=ago(20))
    phases.record_phase_change(clinician, client_id, "Engagement", ago(20), "Ambivalent")
    assert records.chart_header(front_desk, client_id).program_phase == "Engagement"
    for actor in (front_desk, admin):
        with pytest.raises(PermissionDenied):
            phases.phase_history(actor, client_id)
        with pytest.raises(PermissionDenied):
            phases.record_phase_change(actor, client_id, "Maintenance", TODAY)
        with pytest.raises(PermissionDenied):
            level_of_care.level_history(actor, client_id)
        with pytest.raises(PermissionDenied):
            level_of_care.record_level_change(actor, client_id, change())
    assert PhaseChange.select().count() == 1 and LevelOfCareChange.select().count() == 0


def test_a_step_up_moves_the_episode_and_keeps_its_re_ratings(clinician):
    client_id = make_client(admitted=ago(30))
    levels = level_of_care.record_level_change(clinician, client_id, change(ago(10)))
    assert levels.current_level == PHP
    (row,) = levels.changes
    assert (row.direction, row.from_level, row.to_level) == ("Step up", IOP, PHP)
    assert row.ratings_text == "D1 1 · D2 0 · D3 3 · D4 2 · D5 3 · D6 2"
    assert row.ratings[2].narrative == "Dimension 3 now"
    assert row.decided_by == "Casey Tester, LADC"
    assert PHP in records.chart_header(clinician, client_id).episode_summary
    down = level_of_care.record_level_change(clinician, client_id, change(ago(1), IOP))
    assert [c.direction for c in down.changes] == ["Step down", "Step up"]
    assert Episode.get(Episode.client == client_id).level_of_care == IOP
    assert LevelOfCareRating.select().count() == 12
    assert direction(IOP, "Other") == "Change"


@pytest.mark.parametrize(
    ("form", "field", "words"),
    [
        (change(why="   "), "justification", "required"),
        (change(level=IOP), "new_level", "already at"),
        (change(level="4 Hospital"), "new_level", "New level of care"),
        (change(day=ago(31)), "effective_date", "before the admission"),
        (change(day=TODAY + dt.timedelta(days=1)), "effective_date", "future"),
        (change(ratings={**RATINGS, 3: AsamEntry(5)}), "asam.3.rating", "0 (no risk) to 4"),
        (change(ratings={**RATINGS, 4: AsamEntry(-1)}), "asam.4.rating", "0 (no risk) to 4"),
        (change(ratings={1: AsamEntry(2)}), "asam.6.rating", "Rate dimension 6"),
        (change(ratings={**RATINGS, 7: AsamEntry(1)}), "asam.7.rating", "numbered 1 to 6"),
    ],
)
def test_bad_level_changes_are_refused_and_change_nothing(clinician, form, field, words):
    client_id = make_client(admitted=ago(30))
    with pytest.raises(ValidationError) as refused:
        level_of_care.record_level_change(clinician, client_id, form)
    assert words in refused.value.fields[field]
    assert LevelOfCareChange.select().count() == 0 and LevelOfCareRating.select().count() == 0
    assert Episode.get(Episode.client == client_id).level_of_care == IOP


def test_a_transfer_out_ends_the_episode_through_the_discharge_and_counts_in_teds(
    clinician, supervisor
):
    client_id = make_client("Ray", "Tester", admitted=ago(30), counselor=clinician)
    phases.record_phase_change(clinician, client_id, "Engagement", ago(30))
    assert level_of_care.check_level_change(clinician, client_id, change(level=RESIDENTIAL)) == (
        f"Step up from {IOP} to {RESIDENTIAL}"
    )
    wrong = discharge.DischargeForm("completed", ago(1), RESIDENTIAL, "Unstable", "Transfer.")
    with pytest.raises(ValidationError) as refused:
        discharge.sign_discharge(clinician, client_id, wrong, override_reason="-",
                                 transfer=change(level=RESIDENTIAL))  # fmt: skip
    assert "Transferred to another program" in refused.value.fields["discharge_type"]
    form = discharge.DischargeForm("transferred", ago(1), RESIDENTIAL, "Unstable", "Transfer.")
    with pytest.raises(ValidationError) as refused:
        discharge.sign_discharge(clinician, client_id, form, override_reason="-",
                                 transfer=change(level=RESIDENTIAL, why=""))  # fmt: skip
    assert "justification" in refused.value.fields
    assert Episode.get(Episode.client == client_id).status == "active"
    assert LevelOfCareChange.select().count() == 0
    signed = discharge.sign_discharge(clinician, client_id, form, override_reason="-",
                                      transfer=change(ago(5), RESIDENTIAL))  # fmt: skip
    episode = Episode.get(Episode.client == client_id)
    assert (episode.status, episode.discharge_date, episode.level_of_care) == (
        "discharged", ago(1), IOP,
    )  # fmt: skip
    row = LevelOfCareChange.get()
    assert (row.discharge_id, row.effective_date, row.to_level) == (signed.id, ago(1), RESIDENTIAL)
    (moved,) = level_of_care.level_history(clinician, client_id).changes
    assert moved.direction == "Transfer out"
    lines = csv_lines(extract.export_teds(supervisor, period(ago(60), TODAY), "csv").content)
    rows = [dict(zip(teds.COLUMNS, line.split(","), strict=True)) for line in lines[1:]]
    assert [(r["RECTYPE"], r["REASON"]) for r in rows if r["RECTYPE"] == "D"] == [("D", "4")]
    pages = " ".join(pdf_pages(discharge.print_discharge_summary(clinician, client_id).content))
    assert "Course of the episode" in pages
    assert "Phase: Engagement" in pages
    assert f"Transfer out: {IOP} to {RESIDENTIAL}" in pages
    assert "ASAM re-ratings: D1 1 · D2 0 · D3 3" in pages
