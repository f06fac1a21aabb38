"""Every kind of editable record, as the version tests drive it (in the test process, and in
the child process that plays a colleague at another workstation)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from iopdesk.domain.intake import SECTIONS, AssessmentData
from iopdesk.services.aftercare import plan as aftercare
from iopdesk.services.attendance import notes
from iopdesk.services.attendance import sheet as attendance
from iopdesk.services.clients import records as clients
from iopdesk.services.context import Actor
from iopdesk.services.groups import roster
from iopdesk.services.intake import assessments, drafts
from iopdesk.services.plans import editing
from iopdesk.services.plans import records as plans
from tests.factories.attendance import make_group, make_session
from tests.factories.clients import make_client

Ids = dict[str, int]
PAST = dt.date.today() - dt.timedelta(days=2)


@dataclass(frozen=True)
class Editable:
    """One kind of editable record: how to make it, open it as a screen does (the view carries
    the version the screen holds), save words into one of its fields from a version, and
    find that field in the view."""

    label: str  # the field's label in a conflict's two versions
    make: Callable[[Actor], Ids]
    view: Callable[[Actor, Ids], Any]
    text: Callable[[Any], str]
    save: Callable[[Actor, Ids, str, int], object]
    #: who saves in between: a colleague, or the same person at another workstation
    other: str = "sam"

    def read(self, actor: Actor, ids: Ids) -> int:
        """Open the record: the version a screen would hold."""
        return self.view(actor, ids).row_version or 0

    def stored(self, actor: Actor, ids: Ids) -> str:
        """The field as it is stored now."""
        return self.text(self.view(actor, ids))


def _client_save(actor: Actor, ids: Ids, text: str, version: int) -> object:
    form = clients.client_form(actor, ids["client"])
    return clients.edit_demographics(
        actor, ids["client"], replace(form, address=text, row_version=version)
    )


def _intake(actor: Actor) -> Ids:
    view = drafts.start_assessment(actor, make_client(status="intake"))
    return {"assessment": view.id}


def _plan(actor: Actor) -> Ids:
    plan = plans.create_plan(actor, make_client(counselor=actor))
    problem = editing.add_problem(actor, plan, "Cravings after work")
    goal = editing.add_goal(actor, problem, "I want evenings without drinking")
    objective = editing.add_objective(
        actor, goal, editing.ObjectiveForm("Attend 3 groups a week", dt.date.today())
    )
    return {"plan": plan, "problem": problem, "objective": objective}


def _doc(actor: Actor, ids: Ids) -> plans.PlanDocument:
    return plans.reload_plan(actor, ids["plan"])


def _header_save(actor: Actor, ids: Ids, text: str, version: int) -> object:
    doc = _doc(actor, ids)
    form = plans.PlanHeaderForm(
        text, doc.icd10_code, doc.level_of_care, doc.counselor_id, doc.start_date, version
    )
    return plans.edit_header(actor, ids["plan"], form)


def _objective(actor: Actor, ids: Ids) -> plans.ObjectiveView:
    return _doc(actor, ids).problems[0].goals[0].objectives[0]


def _objective_save(actor: Actor, ids: Ids, text: str, version: int) -> object:
    target = _objective(actor, ids).target_date
    form = editing.ObjectiveForm(text, target, row_version=version)
    return editing.edit_objective(actor, ids["objective"], form)


def _aftercare(actor: Actor) -> Ids:
    client = make_client(counselor=actor)
    aftercare.save_aftercare_plan(actor, client, aftercare.AftercarePlanForm(triggers="Payday"))
    return {"client": client}


def _session(actor: Actor) -> Ids:
    group = make_group(facilitator=actor)
    client = make_client()
    roster.add_member(actor, group, client, PAST)
    session = make_session(group, PAST)
    attendance.save_sheet(actor, session, [attendance.AttendanceEntry(client, "present")])
    notes.save_group_note(actor, session, "Triggers", "Mapped high-risk situations.")
    notes.save_progress_note(actor, session, client, {"data": "Shared a craving."})
    return {"session": session, "client": client}


EDITABLE: dict[str, Editable] = {
    "client details": Editable(
        "Address",
        lambda actor: {"client": make_client()},
        lambda actor, ids: clients.client_form(actor, ids["client"]),
        lambda view: view.address,
        _client_save,
    ),
    "intake draft": Editable(
        SECTIONS["presenting_problem"],
        _intake,
        lambda actor, ids: assessments.get_assessment(actor, ids["assessment"]),
        lambda view: view.data.sections["presenting_problem"],
        lambda actor, ids, text, version: drafts.save_draft(
            actor,
            ids["assessment"],
            AssessmentData(sections={"presenting_problem": text}),
            row_version=version,
        ),
    ),
    "plan header": Editable("Diagnosis", _plan, _doc, lambda view: view.diagnosis, _header_save),
    "plan problem": Editable(
        "Problem statement",
        _plan,
        lambda actor, ids: _doc(actor, ids).problems[0],
        lambda view: view.statement,
        lambda actor, ids, text, version: editing.edit_problem(
            actor, ids["problem"], text, row_version=version
        ),
    ),
    "plan objective": Editable(
        "The objective", _plan, _objective, lambda view: view.text, _objective_save
    ),
    "aftercare plan": Editable(
        "Personal triggers",
        _aftercare,
        lambda actor, ids: aftercare.get_aftercare_plan(actor, ids["client"]),
        lambda view: view.triggers,
        lambda actor, ids, text, version: aftercare.save_aftercare_plan(
            actor, ids["client"], aftercare.AftercarePlanForm(triggers=text, row_version=version)
        ),
    ),
    "group note": Editable(
        "What was covered",
        _session,
        lambda actor, ids: notes.session_notes(actor, ids["session"]).group,
        lambda view: view.fields["content"],
        lambda actor, ids, text, version: notes.save_group_note(
            actor, ids["session"], "Triggers", text, row_version=version
        ),
    ),
    "progress note": Editable(
        "Data",
        _session,
        lambda actor, ids: notes.session_notes(actor, ids["session"]).progress[ids["client"]],
        lambda view: view.fields["data"],
        lambda actor, ids, text, version: notes.save_progress_note(
            actor, ids["session"], ids["client"], {"data": text}, row_version=version
        ),
        other="casey",  # only its author changes a note: the same clinician on another PC
    ),
}
