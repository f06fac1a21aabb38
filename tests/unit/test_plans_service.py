"""Treatment plan services: writing, numbering, reordering, signing, freezing, versions,
reviews, the Today list, role limits and audit rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from iopdesk.db.models.core import AuditEvent, Episode
from iopdesk.db.models.plans import Objective, PlanSignature, TreatmentPlan
from iopdesk.errors import DomainError, NotFound, PermissionDenied, ValidationError
from iopdesk.services.plans import editing as plans_editing
from iopdesk.services.plans import records as plans
from iopdesk.services.plans import reviews as plans_reviews
from iopdesk.services.plans import signing as plans_signing
from iopdesk.services.plans.editing import InterventionForm, ObjectiveForm
from iopdesk.services.plans.reviews import ObjectiveProgress
from tests.conftest import make_staff
from tests.factories.clients import make_client
from tests.factories.plans import TODAY, sign_fully, write_plan


@pytest.fixture
def client_id(clinician):
    return make_client("Dana", "Quiñones", counselor=clinician, dob=dt.date(1990, 6, 15))


def numbers(actor, plan_id):
    return [(o.number, o.text) for o in plans.open_plan(actor, plan_id).objectives]


def test_new_plan_header_is_filled_from_the_record(clinician, client_id) -> None:
    plan_id = plans.create_plan(clinician, client_id)
    doc = plans.open_plan(clinician, plan_id)
    assert (doc.version, doc.status, doc.client_name) == (1, "draft", "Dana Quiñones")
    assert doc.record_number == "IOP-000001"
    assert doc.level_of_care == "2.1 Intensive outpatient"
    assert doc.counselor_id == clinician.staff_id
    assert doc.start_date == TODAY
    assert doc.next_review_date == TODAY + dt.timedelta(days=30)
    with pytest.raises(DomainError, match="already has a treatment plan"):
        plans.create_plan(clinician, client_id)


def test_no_plan_without_an_open_episode(clinician, client_id) -> None:
    Episode.update(discharge_date=TODAY, status="discharged").execute()
    with pytest.raises(DomainError, match="no open episode"):
        plans.create_plan(clinician, client_id)
    with pytest.raises(NotFound):
        plans.create_plan(clinician, 9999)


def test_objectives_number_across_goals_and_follow_reordering(clinician, client_id) -> None:
    plan_id = plans.create_plan(clinician, client_id)
    p1 = plans_editing.add_problem(clinician, plan_id, "Drinking daily", 5)
    p2 = plans_editing.add_problem(clinician, plan_id, "Conflict at home", 6)
    g1 = plans_editing.add_goal(clinician, p1, "I want to stop drinking")
    g2 = plans_editing.add_goal(clinician, p1, "I want my health back")
    g3 = plans_editing.add_goal(clinician, p2, "Talk without yelling")
    target = TODAY + dt.timedelta(days=20)
    a = plans_editing.add_objective(clinician, g1, ObjectiveForm("A", target))
    plans_editing.add_objective(clinician, g1, ObjectiveForm("B", target))
    plans_editing.add_objective(clinician, g2, ObjectiveForm("C", target))
    plans_editing.add_objective(clinician, g3, ObjectiveForm("D", target))
    assert numbers(clinician, plan_id) == [("1.1", "A"), ("1.2", "B"), ("1.3", "C"), ("2.1", "D")]
    assert plans_editing.move_item(clinician, "objective", a, 1) is True
    assert plans_editing.move_item(clinician, "objective", a, 1) is False  # already last
    assert plans_editing.move_item(clinician, "problem", p2, -1) is True
    assert numbers(clinician, plan_id) == [("1.1", "D"), ("2.1", "B"), ("2.2", "A"), ("2.3", "C")]
    plans_editing.remove_item(clinician, "goal", g1)
    assert numbers(clinician, plan_id) == [("1.1", "D"), ("2.1", "C")]
    doc = plans.open_plan(clinician, plan_id)
    assert [g.letter for g in doc.problems[1].goals] == ["A"]
    assert Objective.select().count() == 2  # the removed goal's objectives went with it


def test_bad_input_is_refused_with_field_messages(clinician, client_id) -> None:
    plan_id = plans.create_plan(clinician, client_id)
    problem = plans_editing.add_problem(clinician, plan_id, "Use of opioids")
    with pytest.raises(ValidationError) as empty_goal:
        plans_editing.add_goal(clinician, problem, "  \x00 ")
    assert "text" in empty_goal.value.fields
    goal = plans_editing.add_goal(clinician, problem, "Stay clean for my kids")
    with pytest.raises(ValidationError) as no_date:
        plans_editing.add_objective(clinician, goal, ObjectiveForm("Attend groups", None))
    assert no_date.value.fields == {"target_date": "Give the objective a target date."}
    with pytest.raises(ValidationError) as early:
        plans_editing.add_objective(
            clinician, goal, ObjectiveForm("Attend", TODAY - dt.timedelta(days=1))
        )
    assert "before the plan start" in early.value.fields["target_date"]
    with pytest.raises(ValidationError) as impossible:
        plans_editing.add_objective(clinician, goal, ObjectiveForm("Attend", "2025-02-30"))
    assert "not a real date" in impossible.value.fields["target_date"]
    with pytest.raises(ValidationError) as bad:
        plans_editing.add_problem(clinician, plan_id, "x", asam_dimension=9)
    assert "asam_dimension" in bad.value.fields
    objective = plans_editing.add_objective(clinician, goal, ObjectiveForm("Attend", TODAY))
    with pytest.raises(ValidationError) as intervention:
        plans_editing.add_intervention(clinician, objective, InterventionForm("yoga", "other", ""))
    assert set(intervention.value.fields) == {"modality", "frequency", "description"}
    header = plans.PlanHeaderForm("", "not a code", "", None, TODAY)
    with pytest.raises(ValidationError) as code:
        plans.edit_header(clinician, plan_id, header)
    assert "F10.20" in code.value.fields["icd10_code"]
    later = plans.PlanHeaderForm("AUD", "f10.20", "", None, TODAY + dt.timedelta(days=3))
    with pytest.raises(ValidationError, match="target date"):
        plans.edit_header(clinician, plan_id, later)
    assert Objective.select().count() == 1  # nothing half-saved


def test_signing_order_roles_and_freeze(admin, clinician, supervisor, client_id) -> None:
    plan_id = plans.create_plan(clinician, client_id)
    with pytest.raises(DomainError, match="not ready to sign"):
        plans_signing.sign_plan(clinician, plan_id, "counselor")
    TreatmentPlan.delete().execute()
    plan_id = write_plan(clinician, client_id)
    with pytest.raises(ValidationError, match="signs last"):
        plans_signing.sign_plan(supervisor, plan_id, "supervisor")
    assert plans_signing.sign_plan(clinician, plan_id, "counselor") == "partially_signed"
    plans_signing.sign_plan(clinician, plan_id, "client", on_paper=True)
    with pytest.raises(ValidationError, match="clinical supervisor"):
        plans_signing.sign_plan(clinician, plan_id, "supervisor")
    with pytest.raises(ValidationError, match="already signed"):
        plans_signing.sign_plan(clinician, plan_id, "client")
    with pytest.raises(PermissionDenied):
        plans_signing.sign_plan(admin, plan_id, "supervisor")
    with pytest.raises(ValidationError, match="Signature date"):
        tomorrow = TODAY + dt.timedelta(1)
        plans_signing.sign_plan(supervisor, plan_id, "supervisor", signed_on=tomorrow)
    assert plans_signing.sign_plan(supervisor, plan_id, "supervisor") == "signed"
    doc = plans.open_plan(clinician, plan_id)
    assert doc.signature("client").on_paper and doc.signature("client").name == "Dana Quiñones"
    assert doc.signature("supervisor").name == "Sam Tester, LADC"
    objective = doc.objectives[0]
    with pytest.raises(DomainError, match="revise it"):
        plans_editing.edit_objective(clinician, objective.id, ObjectiveForm("New", TODAY))
    with pytest.raises(DomainError, match="revise it"):
        plans_editing.remove_item(clinician, "problem", doc.problems[0].id)
    with pytest.raises(DomainError, match="already signed"):
        plans_signing.sign_plan(clinician, plan_id, "client")


def test_supervisor_cannot_cosign_their_own_counselor_signature(supervisor, client_id) -> None:
    plan_id = write_plan(supervisor, client_id)
    plans_signing.sign_plan(supervisor, plan_id, "client")
    plans_signing.sign_plan(supervisor, plan_id, "counselor")
    with pytest.raises(ValidationError, match="different clinical supervisor"):
        plans_signing.sign_plan(supervisor, plan_id, "supervisor")


def test_editing_a_partly_signed_plan_clears_its_signatures(clinician, client_id) -> None:
    plan_id = write_plan(clinician, client_id)
    plans_signing.sign_plan(clinician, plan_id, "client")
    goal = plans.open_plan(clinician, plan_id).problems[0].goals[0]
    plans_editing.edit_goal(clinician, goal.id, "I want to keep my job")
    doc = plans.open_plan(clinician, plan_id)
    assert doc.status == "draft" and doc.signatures == ()
    assert PlanSignature.select().count() == 0


def test_saving_the_header_unchanged_keeps_the_signatures(clinician, client_id) -> None:
    plan_id = write_plan(clinician, client_id)
    plans_signing.sign_plan(clinician, plan_id, "client")
    doc = plans.open_plan(clinician, plan_id)
    header = plans.PlanHeaderForm(
        doc.diagnosis, doc.icd10_code.lower(), doc.level_of_care, doc.counselor_id, doc.start_date
    )
    plans.edit_header(clinician, plan_id, header)
    assert plans.open_plan(clinician, plan_id).status == "partially_signed"
    plans.edit_header(clinician, plan_id, replace(header, diagnosis="Alcohol use disorder, severe"))
    doc = plans.open_plan(clinician, plan_id)
    assert doc.status == "draft" and doc.signatures == ()
    assert doc.diagnosis == "Alcohol use disorder, severe"


def test_revision_keeps_history_and_supersedes_on_signing(clinician, supervisor, client_id):
    v1 = write_plan(clinician, client_id, objectives=2)
    with pytest.raises(DomainError, match="no need to revise"):
        plans_signing.revise_plan(clinician, v1)
    sign_fully(clinician, supervisor, v1)
    v2 = plans_signing.revise_plan(clinician, v1)
    with pytest.raises(DomainError, match="already being written"):
        plans_signing.revise_plan(clinician, v1)
    doc2 = plans.open_plan(clinician, v2)
    assert (doc2.version, doc2.status, doc2.signatures) == (2, "draft", ())
    assert [o.number for o in doc2.objectives] == ["1.1", "1.2"]
    plans_editing.edit_objective(
        clinician, doc2.objectives[1].id, ObjectiveForm("Changed", TODAY, "revised")
    )
    assert plans.open_plan(clinician, v1).objectives[1].text.startswith("Objective 1-2")
    assert plans.current_plan_id(client_id) == v2
    sign_fully(clinician, supervisor, v2)
    rows = plans.plan_versions(clinician, client_id)
    assert [(r.version, r.status) for r in rows] == [(2, "signed"), (1, "superseded")]
    assert plans.current_plan_id(client_id, version=1) == v1
    with pytest.raises(DomainError, match="replaced by a newer version"):
        plans_editing.add_problem(clinician, v1, "late change")
    with pytest.raises(DomainError, match="replaced"):
        plans_signing.revise_plan(clinician, v1)


def test_review_moves_the_next_review_and_can_start_a_revision(clinician, supervisor, client_id):
    plan_id = write_plan(clinician, client_id, start=TODAY - dt.timedelta(days=40))
    progress_for = plans.open_plan(clinician, plan_id).objectives[0]
    with pytest.raises(DomainError, match="sign this version first"):
        plans_reviews.record_review(clinician, plan_id, [], "")
    sign_fully(clinician, supervisor, plan_id)
    day = TODAY - dt.timedelta(days=2)
    bad = [ObjectiveProgress(progress_for.id, "finished")]
    with pytest.raises(ValidationError):
        plans_reviews.record_review(clinician, plan_id, bad, review_date=day)
    with pytest.raises(ValidationError, match="Say what changes"):
        plans_reviews.record_review(clinician, plan_id, [], "", revise=True)
    good = [ObjectiveProgress(progress_for.id, "met", "Named five triggers")]
    outcome = plans_reviews.record_review(clinician, plan_id, good, review_date=day)
    assert outcome.next_review_date == day + dt.timedelta(days=30)
    assert outcome.new_plan_id is None
    doc = plans.open_plan(clinician, plan_id)
    assert doc.next_review_date == outcome.next_review_date
    assert doc.reviews[0].progress[0].status == "met"
    assert doc.reviews[0].progress[0].number == "1.1"
    assert doc.objectives[0].status == "open"  # the signed version itself does not change
    second = plans_reviews.record_review(
        clinician, plan_id, good, "Objective met; add a new one", revise=True
    )
    draft = plans.open_plan(clinician, second.new_plan_id)
    assert (draft.version, draft.objectives[0].status) == (2, "met")
    assert draft.next_review_date == second.next_review_date


def test_plans_due_lists_own_clients_first(admin, clinician, supervisor) -> None:
    other = make_staff(admin, "otto", "clinician")
    mine_overdue = write_plan(clinician, make_client("Ann", "Able", counselor=clinician),
                              start=TODAY - dt.timedelta(days=35))  # fmt: skip
    theirs_due = write_plan(other, make_client("Bo", "Brown", counselor=other),
                            start=TODAY - dt.timedelta(days=25))  # fmt: skip
    write_plan(
        clinician, make_client("Cy", "Clark", counselor=clinician)
    )  # due in 30 days: not listed
    sign_fully(clinician, supervisor, mine_overdue)
    rows = plans_reviews.plans_due(clinician, today=TODAY)
    assert [(r.plan_id, r.review_status, r.mine) for r in rows] == [
        (mine_overdue, "overdue", True),
        (theirs_due, "due", False),
    ]
    assert rows[0].label == "overdue by 5 days"
    only_other = plans_reviews.plans_due(clinician, counselor_id=other.staff_id, today=TODAY)
    assert [r.plan_id for r in only_other] == [theirs_due]
    Episode.update(discharge_date=TODAY).where(Episode.client == rows[0].client_id).execute()
    assert [r.plan_id for r in plans_reviews.plans_due(clinician, today=TODAY)] == [theirs_due]


def test_front_desk_and_administrators_cannot_touch_plans(admin, clinician, front_desk, client_id):
    plan_id = write_plan(clinician, client_id)
    before = AuditEvent.select().where(AuditEvent.kind == "denied").count()
    for actor in (front_desk, admin):
        with pytest.raises(PermissionDenied):
            plans.open_plan(actor, plan_id)
        with pytest.raises(PermissionDenied):
            plans.create_plan(actor, client_id)
        with pytest.raises(PermissionDenied):
            plans_editing.add_problem(actor, plan_id, "x")
        with pytest.raises(PermissionDenied):
            plans_reviews.plans_due(actor)
    assert AuditEvent.select().where(AuditEvent.kind == "denied").count() == before + 8


def test_every_change_and_read_leaves_one_audit_row(clinician, client_id) -> None:
    start = AuditEvent.select().count()
    plan_id = plans.create_plan(clinician, client_id)
    plans_editing.add_problem(clinician, plan_id, "Cocaine use")
    plans.open_plan(clinician, plan_id)
    rows = list(AuditEvent.select().where(AuditEvent.id > start).order_by(AuditEvent.id))
    assert [(r.action, r.kind, r.client_id) for r in rows] == [
        ("plan.create", "write", client_id),
        ("plan.add_problem", "write", client_id),
        ("plan.open", "read", client_id),
    ]


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("2026-02-30", "not a real date"),
        ("next week", "not a real date"),
        (dt.date(1800, 1, 1), "must be between"),
        ("1800-01-01", "must be between"),
        (dt.date(1990, 6, 14), "before the client's date of birth"),
    ],
)
def test_create_plan_refuses_an_impossible_start_date(clinician, client_id, start, message):
    with pytest.raises(ValidationError) as refused:
        plans.create_plan(clinician, client_id, start_date=start)
    assert set(refused.value.fields) == {"start_date"}
    assert message in refused.value.fields["start_date"]
    assert TreatmentPlan.select().count() == 0


def test_create_plan_takes_a_start_date_as_text(clinician, client_id) -> None:
    plan_id = plans.create_plan(clinician, client_id, start_date=TODAY.isoformat())
    assert TreatmentPlan.get_by_id(plan_id).start_date == TODAY


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("task", "problem, goal, objective or intervention"),
        ("", "problem, goal, objective or intervention"),
        (None, "Kind cannot be left empty."),
        (["goal"], "Kind must be text."),
        (3, "Kind must be text."),
    ],
)
def test_an_unknown_plan_item_kind_is_a_domain_error(clinician, client_id, kind, message) -> None:
    plan_id = write_plan(clinician, client_id)
    problem = plans.open_plan(clinician, plan_id).problems[0].id
    for attempt in (
        lambda: plans_editing.move_item(clinician, kind, problem, 1),
        lambda: plans_editing.remove_item(clinician, kind, problem),
    ):
        with pytest.raises(DomainError, match=message):
            attempt()
    assert len(plans.open_plan(clinician, plan_id).problems) == 1
