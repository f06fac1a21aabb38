"""Printing plans: one version for internal use (the client's own copy and a release under a
consent go through services.clients.releases, which prints with ``plan_copy``), and "today's
plans" for every client scheduled today, one group's roster, or one counselor's clients scheduled
today. Each use case renders the PDF and audits it in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import peewee as pw

from iopdesk.db.models.calendar import Group, RosterMembership, Session, SessionClient
from iopdesk.db.models.core import Client, Episode, Staff
from iopdesk.db.models.plans import TreatmentPlan
from iopdesk.domain import plans as rules
from iopdesk.domain.validators import date_field
from iopdesk.errors import Collector, NotFound, ValidationError
from iopdesk.reports.copies import Copy
from iopdesk.reports.plan_batch import PlanBatch, Progress, render_plans_batch
from iopdesk.reports.printout import Printout, safe_file_name
from iopdesk.reports.treatment_plan import PlanDocument, render_plan
from iopdesk.services.context import Actor, AuditNote, describe, use_case, write_audit
from iopdesk.services.plans.document import load_document
from iopdesk.services.plans.records import current_plan_id, get_plan


def _version_of(plan: TreatmentPlan, version: int | None) -> TreatmentPlan:
    if version is None or version == plan.version:
        return plan
    other = TreatmentPlan.get_or_none(
        (TreatmentPlan.episode == plan.episode_id) & (TreatmentPlan.version == version)
    )
    if other is None:
        raise NotFound(f"This plan has no version {version}.")
    return other


def document_name(plan: TreatmentPlan | PlanDocument) -> str:
    """How a printed plan is named in the disclosure log."""
    status = rules.PLAN_STATUSES.get(plan.status, plan.status).lower()
    return f"Treatment plan, version {plan.version} ({status})"


def _printout(doc: PlanDocument) -> Printout[PlanDocument]:
    name = safe_file_name(f"treatment-plan-{doc.record_number}-v{doc.version}")
    return Printout(doc, render_plan(doc), f"{name}.pdf")


def _printed(plan_id: int, version: int | None, use: str) -> TreatmentPlan:
    """The plan version to print, with the audit row told what it was printed for."""
    plan = _version_of(get_plan(plan_id), version)
    describe(client_id=plan.client_id, record_type="treatment_plan", record_id=plan.id,
             detail=f"printed version {plan.version} {use}")  # fmt: skip
    return plan


@use_case("plan.print", "clinical.read", kind="read")
def print_plan(actor: Actor, plan_id: int, version: int | None = None) -> Printout[PlanDocument]:
    """A plan version as a PDF for internal use (an audited read)."""
    plan = _printed(plan_id, version, "for internal use")
    return _printout(load_document(plan, actor))


@use_case("plan.find", "clinical.read", kind="read", audited=False)
def plan_for_record(actor: Actor, record_number: str, version: int | None = None) -> int:
    """The plan id for a client's record number (the current plan, or the asked version)."""
    number = (record_number or "").strip().upper()
    client = Client.get_or_none(Client.record_number == number)
    if client is None:
        raise NotFound(f"There is no client with record number {number or '(blank)'}.")
    plan_id = current_plan_id(client.id, version)
    if plan_id is None:
        if version is not None and current_plan_id(client.id) is not None:
            raise NotFound(f"{client.full_name}'s current plan has no version {version}.")
        raise NotFound(f"{client.full_name} has no treatment plan yet.")
    return plan_id


def plan_documents(client_id: int) -> list[tuple[int, str]]:
    """(plan id, name) of every version of the client's plans, newest first."""
    query = (
        TreatmentPlan.select(TreatmentPlan.id, TreatmentPlan.version, TreatmentPlan.status)
        .join(Episode, on=(TreatmentPlan.episode == Episode.id))
        .where(TreatmentPlan.client == client_id)
        .order_by(Episode.number.desc(), TreatmentPlan.version.desc())
    )
    return [(plan.id, document_name(plan)) for plan in query]


def plan_copy(
    actor: Actor, client_id: int, plan_id: int, copy: Copy
) -> tuple[str, Printout[PlanDocument]]:
    """A plan version rendered as ``copy`` (call inside a use case), with its name; refused
    unless the plan is the client's."""
    plan = get_plan(plan_id)
    if plan.client_id != client_id:
        raise NotFound("That treatment plan is not this client's.")
    return document_name(plan), _printout(replace(load_document(plan, actor), copy=copy))


def plan_in_force_id(client_id: int) -> int | None:
    """The signed plan in force for the client's latest episode, else their newest draft."""
    latest_episode = (
        Episode.select(Episode.id)
        .where(Episode.client == client_id)
        .order_by(Episode.number.desc())
        .scalar()
    )
    if latest_episode is None:
        return None
    signed = (
        TreatmentPlan.select(TreatmentPlan.id)
        .where((TreatmentPlan.episode == latest_episode) & (TreatmentPlan.status == rules.SIGNED))
        .order_by(TreatmentPlan.version.desc())
        .scalar()
    )
    return signed if signed is not None else current_plan_id(client_id)


@dataclass(frozen=True)
class BatchChoice:
    """Whose plans "Print today's plans" prints: everyone scheduled, one group's roster, or the
    clients of one counselor scheduled that day."""

    name: str = ""  # the group's or the counselor's name
    group_id: int | None = None
    counselor_id: int | None = None

    @property
    def label(self) -> str:
        """The choice in words, for the picker and the audit trail."""
        if self.group_id is not None:
            return f"Group: {self.name}"
        if self.counselor_id is not None:
            return f"Counselor: {self.name}"
        return "Everyone scheduled"


EVERYONE = BatchChoice()


def _group_choice(group: Group) -> BatchChoice:
    return BatchChoice(group.name, group_id=group.id)


def _counselor_choice(staff: Staff) -> BatchChoice:
    return BatchChoice(staff.full_name, counselor_id=staff.id)


@use_case("plan.batch_choices", "clinical.read", kind="read", audited=False)
def batch_choices(actor: Actor) -> list[BatchChoice]:
    """Everyone scheduled, then each active group, then each active counselor (for the
    picker beside "Print today's plans")."""
    groups = Group.select().where(Group.active == True).order_by(Group.name)  # noqa: E712
    counselors = (
        Staff.select()
        .where((Staff.role == "clinician") & (Staff.active == True))  # noqa: E712
        .order_by(Staff.full_name)
    )
    return [EVERYONE, *map(_group_choice, groups), *map(_counselor_choice, counselors)]


@use_case("plan.batch_find", "clinical.read", kind="read", audited=False)
def batch_choice_for(actor: Actor, group_name: str = "", counselor: str = "") -> BatchChoice:
    """The choice named by a group's name or a counselor's user name (for ``iopdesk print
    plans``); neither is everyone scheduled."""
    group_name, counselor = str(group_name or "").strip(), str(counselor or "").strip()
    if group_name and counselor:
        raise ValidationError({"group": "Choose one group or one counselor, not both."})
    if group_name:
        group = Group.get_or_none(pw.fn.LOWER(Group.name) == group_name.lower())
        if group is None:
            raise NotFound(f"There is no group called {group_name!r}.")
        return _group_choice(group)
    if counselor:
        staff = Staff.get_or_none(pw.fn.LOWER(Staff.username) == counselor.lower())
        if staff is None or staff.role != "clinician":
            raise NotFound(f"There is no counselor with the user name {counselor!r}.")
        return _counselor_choice(staff)
    return EVERYONE


def _checked(choice: object) -> BatchChoice:
    """The choice as given, refused when it names no real group or counselor."""
    if not isinstance(choice, BatchChoice) or not all(
        i is None or (type(i) is int and 0 < i < 2**63)  # a row id SQLite can hold
        for i in (choice.group_id, choice.counselor_id)
    ):
        raise ValidationError({"group": "Choose everyone scheduled, one group or one counselor."})
    if choice.group_id is not None and choice.counselor_id is not None:
        raise ValidationError({"group": "Choose one group or one counselor, not both."})
    if choice.group_id is not None and Group.get_or_none(Group.id == choice.group_id) is None:
        raise NotFound("That group no longer exists.")
    if choice.counselor_id is not None:
        staff = Staff.get_or_none(Staff.id == choice.counselor_id)
        if staff is None or staff.role != "clinician":
            raise NotFound("That counselor is not on the staff list.")
    return choice


def scheduled_clients(
    day: dt.date, group_id: int | None = None, counselor_id: int | None = None
) -> list[int]:
    """Clients scheduled on ``day``: members of groups meeting that day plus clients booked
    into sessions; with ``group_id``, that group's roster on that day; with ``counselor_id``,
    only the scheduled clients that counselor is assigned to."""
    ids = _scheduled(day, group_id)
    if counselor_id is None or not ids:
        return ids
    query = Client.select(Client.id).where(Client.id.in_(ids) & (Client.counselor == counselor_id))
    return sorted(c.id for c in query)


def _scheduled(day: dt.date, group_id: int | None) -> list[int]:
    on_roster = (RosterMembership.start_date <= day) & (
        RosterMembership.end_date.is_null() | (RosterMembership.end_date >= day)
    )
    if group_id is not None:
        query = RosterMembership.select(RosterMembership.client).where(
            (RosterMembership.group == group_id) & on_roster
        )
        return sorted({r.client_id for r in query})
    sessions = Session.select(Session.id, Session.group).where(
        (Session.day == day) & (Session.status == "scheduled")
    )
    groups = {s.group_id for s in sessions if s.group_id is not None}
    ids: set[int] = set()
    if groups:
        ids |= {
            r.client_id
            for r in RosterMembership.select(RosterMembership.client).where(
                RosterMembership.group.in_(list(groups)) & on_roster
            )
        }
    session_ids = [s.id for s in sessions]
    if session_ids:
        ids |= {
            r.client_id
            for r in SessionClient.select(SessionClient.client).where(
                SessionClient.session.in_(session_ids)
            )
        }
    return sorted(ids)


@use_case("plan.print_batch", "clinical.read", kind="read", audited=False)
def print_todays_plans(
    actor: Actor,
    day: dt.date | str | None = None,
    choice: BatchChoice = EVERYONE,
    client_ids: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> Printout[PlanBatch]:
    """The plans in force of every client scheduled on ``day`` (or of one group's roster, or
    of one counselor's scheduled clients, or of the chosen clients), in name order, as one
    PDF; each client's read is audited on its own row. ``progress(done, total)`` runs through
    gathering, then laying out, the plans."""
    errors = Collector()
    on = date_field(errors, "date", day or dt.date.today(), "Date")
    errors.raise_if_any()
    assert on is not None
    day = on
    choice = _checked(choice)
    ids = (
        list(client_ids)
        if client_ids is not None
        else scheduled_clients(day, choice.group_id, choice.counselor_id)
    )
    query = Client.select().where(Client.id.in_(ids))
    clients = {c.id: c for c in query} if ids else {}
    ordered = sorted(clients.values(), key=lambda c: (c.legal_last_name, c.legal_first_name))
    documents, missing = [], []
    for n, client in enumerate(ordered, start=1):
        plan_id = plan_in_force_id(client.id)
        if plan_id is None:
            missing.append(client.full_name)
        else:
            plan = get_plan(plan_id)
            documents.append(load_document(plan, actor))
            write_audit(actor, "plan.print_batch", "read", note=AuditNote(
                client_id=client.id, record_type="treatment_plan", record_id=str(plan.id),
                detail=f"version {plan.version} in the plans for {day.isoformat()} "
                f"({choice.label})",
            ))  # fmt: skip
        if progress is not None:
            progress(n, 2 * len(ordered))
    batch = PlanBatch(day, tuple(documents), tuple(missing), choice.label)

    def laid_out(done: int, total: int) -> None:
        # Laying out is the second half of the work, however many clients had no plan.
        if progress is not None:
            progress(len(ordered) + len(ordered) * done // total, 2 * len(ordered))

    content = render_plans_batch(batch, laid_out)
    scope = f"-{safe_file_name(choice.name)}" if choice.name else ""
    return Printout(batch, content, f"plans-{day.isoformat()}{scope}.pdf")
