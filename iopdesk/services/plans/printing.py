"""Printing plans: one version for internal use (the client's own copy and a release under a
consent go through services.clients.releases, which prints with ``plan_copy``), and "today's
plans" for every client scheduled today or on a group's roster. Each use case renders the PDF
and audits it in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from iopdesk.db.models.calendar import RosterMembership, Session, SessionClient
from iopdesk.db.models.core import Client, Episode
from iopdesk.db.models.plans import TreatmentPlan
from iopdesk.domain import plans as rules
from iopdesk.errors import NotFound
from iopdesk.reports.copies import Copy
from iopdesk.reports.plan_batch import PlanBatch, Progress, render_plans_batch
from iopdesk.reports.printout import Printout, safe_file_name
from iopdesk.reports.treatment_plan import PlanDocument, render_plan
from iopdesk.services.context import Actor, AuditNote, describe, use_case, write_audit
from iopdesk.services.plans.records import current_plan_id, get_plan, load_document


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


def scheduled_clients(day: dt.date, group_id: int | None = None) -> list[int]:
    """Clients scheduled on ``day``: members of groups meeting that day plus clients booked
    into sessions; with ``group_id``, that group's roster on that day."""
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
    day: dt.date | None = None,
    group_id: int | None = None,
    client_ids: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> Printout[PlanBatch]:
    """The plans in force of every client scheduled on ``day`` (or of one group's roster, or
    of the chosen clients), in name order, as one PDF; each client's read is audited on its
    own row. ``progress(done, total)`` runs through gathering, then laying out, the plans."""
    day = day or dt.date.today()
    ids = list(client_ids) if client_ids is not None else scheduled_clients(day, group_id)
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
                detail=f"version {plan.version} in today's plans for {day.isoformat()}",
            ))  # fmt: skip
        if progress is not None:
            progress(n, 2 * len(ordered))
    batch = PlanBatch(day, tuple(documents), tuple(missing))

    def laid_out(done: int, total: int) -> None:
        # Laying out is the second half of the work, however many clients had no plan.
        if progress is not None:
            progress(len(ordered) + len(ordered) * done // total, 2 * len(ordered))

    content = render_plans_batch(batch, laid_out)
    return Printout(batch, content, f"plans-{day.isoformat()}.pdf")
