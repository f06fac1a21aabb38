"""The plan library, suggested problems, releases under consent (the disclosure log) and
today's plans."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.calendar import Group, RosterMembership, Session, SessionClient
from iopdesk.errors import DomainError, PermissionDenied, ValidationError
from iopdesk.reports.treatment_plan import PlanDocument
from iopdesk.services.plans import library as plans_library
from iopdesk.services.plans import printing as plans_printing
from iopdesk.services.plans import records as plans
from iopdesk.services.plans.library import LibraryForm
from tests.factories.clients import make_client
from tests.factories.plans import TODAY, write_plan


def test_library_entries_are_kept_filtered_and_retired(admin, clinician, front_desk) -> None:
    added = plans_library.add_library_item(
        admin, LibraryForm("intervention", "Relapse prevention group", modality="group",
                           approach="relapse prevention", frequency="3 times a week")
    )  # fmt: skip
    plans_library.add_library_item(clinician, LibraryForm("problem", "Cravings", 5))
    objective = plans_library.add_library_item(clinician, LibraryForm("objective", "Name triggers"))
    assert objective.fields == {"target_days": 30}
    assert added.summary == "group · relapse prevention · 3 times a week"
    assert [r.text for r in plans_library.list_library(clinician, text="RELAPSE")] == [
        "Relapse prevention group"
    ]
    assert len(plans_library.list_library(admin, kind="problem")) == 1
    plans_library.set_library_item_active(admin, added.id, False)
    assert plans_library.library_choices(clinician, "intervention") == []
    assert len(plans_library.list_library(admin, include_inactive=True)) == 3
    edited = plans_library.edit_library_item(
        clinician, objective.id, LibraryForm("objective", "Name five triggers", target_days=14)
    )
    assert (edited.text, edited.fields["target_days"]) == ("Name five triggers", 14)
    with pytest.raises(ValidationError) as bad:
        plans_library.add_library_item(admin, LibraryForm("intervention", "", modality="dance"))
    assert {"text", "modality", "approach", "frequency"} <= set(bad.value.fields)
    with pytest.raises(PermissionDenied):
        plans_library.list_library(front_desk)
    with pytest.raises(PermissionDenied):
        plans_library.add_library_item(front_desk, LibraryForm("goal", "Stay sober"))


def test_inserting_from_the_library_copies_the_entry(clinician) -> None:
    plan_id = plans.create_plan(clinician, make_client(counselor=clinician))
    problem = plans_library.add_library_item(clinician, LibraryForm("problem", "Cravings", 5))
    goal = plans_library.add_library_item(clinician, LibraryForm("goal", "Feel in control"))
    objective = plans_library.add_library_item(
        clinician, LibraryForm("objective", "List coping skills", target_days=21)
    )
    intervention = plans_library.add_library_item(
        clinician, LibraryForm("intervention", "Urge surfing practice", modality="group",
                               approach="MBSR", frequency="weekly")
    )  # fmt: skip
    p = plans_library.insert_from_library(clinician, problem.id, plan_id)
    g = plans_library.insert_from_library(clinician, goal.id, p)
    o = plans_library.insert_from_library(clinician, objective.id, g)
    plans_library.insert_from_library(clinician, intervention.id, o)
    doc = plans.open_plan(clinician, plan_id)
    assert doc.problems[0].asam_dimension == 5
    assert doc.problems[0].goals[0].text == "Feel in control"
    obj = doc.objectives[0]
    assert (obj.number, obj.target_date) == ("1.1", TODAY + dt.timedelta(days=21))
    i = obj.interventions[0]
    assert (i.modality, i.approach, i.frequency, i.description) == (
        "group", "MBSR", "weekly", "Urge surfing practice")  # fmt: skip


def test_suggestions_come_from_ratings_of_two_or_more_and_flagged_screenings() -> None:
    from iopdesk.services.intake.screenings import AsamFinding, Findings

    class Screen:
        name, score_text, flags = "PHQ-9", "16 of 27 (moderately severe)", ("Item 9 > 0",)

    findings = Findings(
        1,
        (AsamFinding(5, "Relapse", 3, "Relapsed twice after detox"),
         AsamFinding(1, "Withdrawal", 1, "none")),
        (Screen(),),
    )  # fmt: skip
    suggestions = plans_library.suggestions_from(findings)
    assert [(s.asam_dimension, s.source) for s in suggestions] == [
        (5, "ASAM dimension 5"),
        (None, "PHQ-9"),
    ]
    assert "(rated 3 at intake): Relapsed twice" in suggestions[0].statement
    assert "moderately severe" in suggestions[1].statement
    assert "Item 9" in suggestions[1].statement


def test_suggested_problems_without_an_intake_are_empty(clinician) -> None:
    assert plans_library.suggested_problems(clinician, make_client(counselor=clinician)) == []


def test_internal_print_and_record_number_lookup(clinician) -> None:
    client_id = make_client(counselor=clinician)
    plan_id = write_plan(clinician, client_id)
    assert plans_printing.plan_for_record(clinician, "iop-000001") == plan_id
    with pytest.raises(DomainError, match="no version 4"):
        plans_printing.plan_for_record(clinician, "IOP-000001", version=4)
    with pytest.raises(DomainError, match="no client with record number IOP-999"):
        plans_printing.plan_for_record(clinician, "IOP-999")
    printout = plans_printing.print_plan(clinician, plan_id)
    assert isinstance(printout.document, PlanDocument) and printout.document.copy.use == "internal"
    assert printout.file_name == "treatment-plan-IOP-000001-v1.pdf"


def test_todays_plans_cover_group_rosters_and_booked_sessions(clinician, supervisor) -> None:
    in_group = make_client("Zoe", "Adams", counselor=clinician)
    booked = make_client("Yuri", "Baker", counselor=clinician)
    left_group = make_client("Xena", "Cole", counselor=clinician)
    no_plan = make_client("Walt", "Dunn", counselor=clinician)
    not_today = make_client("Vera", "Evans", counselor=clinician)
    for c in (in_group, booked, left_group, not_today):
        write_plan(clinician, c)
    group = Group.create(name="Morning IOP")
    for c, end in ((in_group, None), (left_group, TODAY - dt.timedelta(1)), (no_plan, None)):
        RosterMembership.create(group=group, client=c, start_date=TODAY - dt.timedelta(9),
                                end_date=end)  # fmt: skip
    times = {"start_time": dt.time(9), "end_time": dt.time(12)}
    Session.create(day=TODAY, kind="group", title="Morning IOP", group=group, **times)
    individual = Session.create(day=TODAY, kind="individual", title="Individual", **times)
    SessionClient.create(session=individual, client=booked)
    tomorrow = Session.create(day=TODAY + dt.timedelta(1), kind="individual", title="I", **times)
    SessionClient.create(session=tomorrow, client=not_today)
    seen = []
    batch = plans_printing.print_todays_plans(
        clinician, TODAY, progress=lambda n, t: seen.append((n, t))
    ).document
    assert [d.client_name for d in batch.plans] == ["Zoe Adams", "Yuri Baker"]
    assert batch.without_plan == ("Walt Dunn",)
    # Gathering three clients, then laying out their two plans: one bar that only grows.
    assert seen == [(1, 6), (2, 6), (3, 6), (4, 6), (6, 6)]
    by_group = plans_printing.batch_choice_for(clinician, group_name="morning iop")
    roster = plans_printing.print_todays_plans(clinician, TODAY, by_group)
    assert [d.client_name for d in roster.document.plans] == ["Zoe Adams"]
    assert roster.file_name == f"plans-{TODAY.isoformat()}-Morning-IOP.pdf"
    chosen = plans_printing.print_todays_plans(clinician, TODAY, client_ids=[not_today])
    assert [d.client_name for d in chosen.document.plans] == ["Vera Evans"]


def test_todays_plans_for_one_counselor_and_refusals(clinician, supervisor) -> None:
    mine = make_client("Amy", "Ames", counselor=clinician)
    theirs = make_client("Ben", "Bell", counselor=supervisor)
    for client in (mine, theirs):
        write_plan(clinician, client)
    times = {"start_time": dt.time(9), "end_time": dt.time(12)}
    session = Session.create(day=TODAY, kind="individual", title="Individual", **times)
    for client in (mine, theirs):
        SessionClient.create(session=session, client=client)
    choices = plans_printing.batch_choices(clinician)
    assert [c.label for c in choices] == [
        "Everyone scheduled", "Counselor: Casey Tester", "Counselor: Sam Tester"
    ]  # fmt: skip
    casey = plans_printing.batch_choice_for(clinician, counselor="CASEY")
    assert casey == choices[1]
    batch = plans_printing.print_todays_plans(clinician, TODAY, casey).document
    assert [d.client_name for d in batch.plans] == ["Amy Ames"]
    assert batch.chosen == "Counselor: Casey Tester"
    everyone = plans_printing.print_todays_plans(clinician, TODAY).document
    assert [d.client_name for d in everyone.plans] == ["Amy Ames", "Ben Bell"]
    with pytest.raises(DomainError, match="no counselor with the user name 'fran'"):
        plans_printing.batch_choice_for(clinician, counselor="fran")
    with pytest.raises(DomainError, match="no group called 'Nope'"):
        plans_printing.batch_choice_for(clinician, group_name="Nope")
    with pytest.raises(ValidationError, match="not both"):
        plans_printing.batch_choice_for(clinician, group_name="Nope", counselor="casey")
    bad = [
        plans_printing.BatchChoice("x", group_id=1, counselor_id=clinician.staff_id),
        plans_printing.BatchChoice("x", group_id="1"),  # type: ignore[arg-type]
        plans_printing.BatchChoice("x", counselor_id=10**30),
        "everyone",
    ]
    for choice in bad:
        with pytest.raises(DomainError):
            plans_printing.print_todays_plans(clinician, TODAY, choice)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="Date"):
        plans_printing.print_todays_plans(clinician, "2026-02-30", casey)
