"""Notes linked to plan objectives: the client's own plan in force only, frozen when signed,
readable after the plan is superseded, and listed per objective at the plan review."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import pathlib

import pytest
from pypdf import PdfReader

from iopdesk.db.models.attendance import ProgressNote
from iopdesk.db.models.core import AuditEvent
from iopdesk.errors import DomainError, PermissionDenied, ValidationError
from iopdesk.services.attendance import note_objectives, notes
from iopdesk.services.attendance import sheet as attendance
from iopdesk.services.attendance.sheet import AttendanceEntry as E
from iopdesk.services.plans import printing as plans_printing
from iopdesk.services.plans import records as plans
from iopdesk.services.plans import review_notes, reviews
from iopdesk.services.plans import signing as plans_signing
from tests.factories.attendance import make_session
from tests.factories.clients import make_clients
from tests.factories.plans import sign_fully, write_plan

TODAY = dt.date.today()
PAST = TODAY - dt.timedelta(days=3)


@pytest.fixture
def clinic(clinician, supervisor):
    """Two clients, each with a signed plan (two problems of two objectives), in one session."""
    ana, ben = make_clients(2)
    plan_ids = {}
    for cid in (ana, ben):
        plan_ids[cid] = write_plan(
            clinician, cid, problems=2, objectives=2, start=TODAY - dt.timedelta(days=20)
        )
        sign_fully(clinician, supervisor, plan_ids[cid])
    session = make_session(None, PAST, client_ids=(ana, ben), counselor=clinician)
    attendance.save_sheet(clinician, session, [E(ana, "present"), E(ben, "present")])
    return ana, ben, plan_ids, session


def _ids(clinician, client_id):
    return [o.objective_id for o in notes_choices(clinician, client_id).objectives]


def notes_choices(actor, client_id):
    return note_objectives.note_objective_choices(actor, client_id)


def test_the_picker_lists_the_plan_in_force_in_plan_order(clinician, clinic):
    ana, _, _, _ = clinic
    choices = notes_choices(clinician, ana)
    assert choices.plan_version == 1 and choices.message == ""
    assert [o.number for o in choices.objectives] == ["1.1", "1.2", "2.1", "2.2"]
    first = choices.objectives[0]
    assert first.problem == "1. Problem statement 1"
    assert first.goal == "I want to stay sober (1)"
    assert first.label == "1.1 Objective 1-1: name three triggers"


def test_a_note_links_its_clients_objectives_and_shows_them(clinician, clinic):
    ana, _, _, session = clinic
    chosen = _ids(clinician, ana)[1:3]
    view = notes.save_progress_note(clinician, session, ana, {"data": "Named triggers."}, chosen)
    assert view.objective_ids == tuple(chosen)
    assert [o.number for o in view.objectives] == ["1.2", "2.1"]
    assert ProgressNote.get().objective_ids == f"[{chosen[0]}, {chosen[1]}]"
    # Left out, the links stay; an empty list takes them off.
    again = notes.save_progress_note(clinician, session, ana, {"data": "Named two triggers."})
    assert again.objective_ids == tuple(chosen)
    cleared = notes.save_progress_note(clinician, session, ana, {"data": "x"}, [])
    assert cleared.objective_ids == ()


def test_another_clients_objective_is_refused_and_nothing_is_saved(clinician, clinic):
    ana, ben, _, session = clinic
    theirs = _ids(clinician, ben)[0]
    with pytest.raises(ValidationError) as caught:
        notes.save_progress_note(clinician, session, ana, {"data": "Talked."}, [theirs])
    assert caught.value.fields == {
        "objectives": "An objective chosen is not on Ana Tester00's treatment plan; choose "
        "from the objectives listed."
    }
    assert ProgressNote.select().count() == 0
    notes.save_progress_note(clinician, session, ana, {"data": "Talked."})
    with pytest.raises(ValidationError, match="not on"):
        notes.save_progress_note(clinician, session, ana, {"data": "Changed"}, [theirs, 999_999])
    note = ProgressNote.get()
    assert (json.loads(note.fields)["data"], note.objective_ids) == ("Talked.", "[]")


@pytest.mark.parametrize("bad", [[0], [-4]])
def test_impossible_ids_get_a_sentence(clinician, clinic, bad):
    ana, _, _, session = clinic
    with pytest.raises(ValidationError, match="Choose objectives from the client's"):
        notes.save_progress_note(clinician, session, ana, {"data": "x"}, bad)
    with pytest.raises(ValidationError):
        notes.save_progress_note(clinician, session, ana, {"data": "x"}, ["1"])  # type: ignore[list-item]
    assert ProgressNote.select().count() == 0


def test_without_a_signed_plan_nothing_can_be_linked(clinician, clinic):
    _, _, _, session = clinic
    (cal,) = make_clients(1, last="Unplanned")
    attendance.save_sheet(clinician, session, [E(cal, "present", guest=True)])
    draft = write_plan(clinician, cal)
    choices = notes_choices(clinician, cal)
    assert choices.objectives == () and "no signed treatment plan yet" in choices.message
    draft_objective = plans.open_plan(clinician, draft).objectives[0].id
    with pytest.raises(ValidationError, match="no signed treatment plan yet"):
        notes.save_progress_note(clinician, session, cal, {"data": "x"}, [draft_objective])


def test_a_superseded_version_stays_readable_on_old_notes_and_is_refused_on_new(
    clinician, supervisor, clinic
):
    ana, _, plan_ids, session = clinic
    old = _ids(clinician, ana)
    notes.save_progress_note(clinician, session, ana, {"data": "Week one."}, old[:1])
    notes.sign_session_notes(clinician, session)
    new_plan = plans_signing.revise_plan(clinician, plan_ids[ana])
    sign_fully(clinician, supervisor, new_plan)
    later = make_session(None, TODAY, client_ids=(ana,), counselor=clinician)
    attendance.save_sheet(clinician, later, [E(ana, "present")])
    with pytest.raises(ValidationError) as caught:
        notes.save_progress_note(clinician, later, ana, {"data": "Week two."}, old[:1])
    assert "earlier version of Ana Tester00's treatment plan; choose from version 2" in str(
        caught.value.fields["objectives"]
    )
    assert ProgressNote.select().count() == 1
    # The signed note keeps its link, read with the version it came from.
    (signed,) = notes.session_notes(clinician, session).progress.values()
    assert signed.objectives[0].label == (
        "1.1 Objective 1-1: name three triggers – plan version 1, since superseded"
    )
    with pytest.raises(DomainError, match="signed"):
        notes.save_progress_note(clinician, session, ana, {"data": "Week one."}, [])
    new = _ids(clinician, ana)
    assert set(new).isdisjoint(old)
    assert notes.save_progress_note(clinician, later, ana, {"data": "x"}, new[:1]).objectives


def test_a_draft_keeps_a_link_it_had_when_the_plan_is_superseded(clinician, supervisor, clinic):
    ana, _, plan_ids, session = clinic
    old = _ids(clinician, ana)
    notes.save_progress_note(clinician, session, ana, {"data": "Draft."}, old[:2])
    sign_fully(clinician, supervisor, plans_signing.revise_plan(clinician, plan_ids[ana]))
    new = _ids(clinician, ana)
    view = notes.save_progress_note(clinician, session, ana, {"data": "Draft 2."}, [old[0], new[3]])
    assert view.objective_ids == tuple(sorted([old[0], new[3]]))
    assert [o.plan_version for o in view.objectives] == [1, 2]


def test_the_review_lists_the_notes_since_the_last_review_and_keeps_them(
    clinician, supervisor, front_desk, clinic
):
    ana, ben, plan_ids, session = clinic
    first, second = _ids(clinician, ana)[:2]
    notes.save_progress_note(clinician, session, ana, {"data": "Triggers."}, [first, second])
    notes.save_progress_note(clinician, session, ben, {"data": "Other."}, _ids(clinician, ben)[:1])
    notes.sign_session_notes(clinician, session)
    found = review_notes.notes_since_review(clinician, plan_ids[ana])
    assert found.since is None and set(found.by_objective) == {first, second}
    (seen,) = found.by_objective[first]
    assert seen.line == f"{PAST.strftime('%m/%d/%Y')} · Session · Casey Tester, LADC"
    with pytest.raises(PermissionDenied):
        review_notes.notes_since_review(front_desk, plan_ids[ana])
    progress = [reviews.ObjectiveProgress(i, "open") for i in _ids(clinician, ana)]
    reviews.record_review(clinician, plan_ids[ana], progress, review_date=TODAY)
    assert review_notes.notes_since_review(clinician, plan_ids[ana]).by_objective == {}
    audited = AuditEvent.select().where(AuditEvent.action == "plan.review_notes")
    assert [(e.outcome, e.client_id) for e in audited] == [
        ("ok", ana),
        ("denied", None),
        ("ok", ana),
    ]
    pdf = plans_printing.print_plan(clinician, plan_ids[ana]).content
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    line = f"{PAST.strftime('%m/%d/%Y')} · Session · Casey Tester, LADC"
    assert f"1.1 open – addressed in 1 note: {line} 1.2 open – addressed in 1 note" in text
    assert "2.1 open 2.2 open" in text
    if shots := os.environ.get("IOPDESK_SHOTS"):  # a person looks at the page (pdftoppm)
        pathlib.Path(shots, "plan-review.pdf").write_bytes(pdf)


def test_a_link_stored_before_links_were_checked_never_shows_another_clients_plan(
    clinician, clinic
):
    ana, ben, _, session = clinic
    own, theirs = _ids(clinician, ana)[0], _ids(clinician, ben)[0]
    notes.save_progress_note(clinician, session, ana, {"data": "Older note."})
    ProgressNote.update(objective_ids=json.dumps([own, theirs])).execute()
    (view,) = notes.session_notes(clinician, session).progress.values()
    assert [o.objective_id for o in view.objectives] == [own]
