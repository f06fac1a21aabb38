"""Safety plans: write a draft, sign it (then it is frozen), revise a signed one into a new
version; every version stays readable."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from iopdesk.db.models.base import now
from iopdesk.db.models.care import SafetyPlan
from iopdesk.db.models.core import Episode, Staff
from iopdesk.domain.safety import (
    DRAFT,
    PEOPLE_STEPS,
    SIGNED,
    STATUSES,
    SUPERSEDED,
    TEXT_STEPS,
    signing_gaps,
)
from iopdesk.domain.validators import (
    MAX_SHORT,
    optional_text,
    phone_field,
    record_id,
    required_text,
)
from iopdesk.errors import Collector, DomainError, NotFound
from iopdesk.reports.safety_plan import ContactEntry, SafetyPlanData, SafetyPlanForm
from iopdesk.services.clients.records import client_or_404
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.versions import claim

#: At most this many people under one step.
MAX_PEOPLE = 20
#: A step's text, at most (a page or two of large type).
MAX_STEP_TEXT = 5000


@dataclass(frozen=True)
class VersionRow:
    """One version in the chart's list."""

    id: int
    version: int
    status: str
    updated_by: str
    updated_at: dt.datetime | None
    signed_by: str
    signed_at: dt.datetime | None

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)


def _people(text: str) -> tuple[ContactEntry, ...]:
    return tuple(ContactEntry(**p) for p in json.loads(text or "[]"))


def plan_data(plan: SafetyPlan) -> SafetyPlanData:
    """A stored version as plain data."""
    names = Staff.display_names({plan.updated_by_id, plan.created_by_id, plan.signed_by_id})
    return SafetyPlanData(
        **{step.key: getattr(plan, step.key) for step in TEXT_STEPS},
        **{step.key: _people(getattr(plan, step.key)) for step in PEOPLE_STEPS},
        row_version=plan.row_version,
        id=plan.id,
        client_id=plan.client_id,
        version=plan.version,
        status=plan.status,
        updated_by=names.get(plan.updated_by_id or plan.created_by_id, ""),
        updated_at=plan.updated_at or plan.created_at,
        signed_by=names.get(plan.signed_by_id, ""),
        signed_at=plan.signed_at,
    )


def _validate(form: SafetyPlanForm) -> dict[str, str]:
    errors = Collector()
    values = {
        step.key: optional_text(
            errors, step.key, getattr(form, step.key), step.title, max_len=MAX_STEP_TEXT,
            multiline=True,
        )
        for step in TEXT_STEPS
    }  # fmt: skip
    for step in PEOPLE_STEPS:
        people = getattr(form, step.key)
        if len(people) > MAX_PEOPLE:
            errors.add(step.key, f"At most {MAX_PEOPLE} people fit under one step.")
        cleaned = []
        for n, p in enumerate(people, start=1):
            key, label = f"{step.key}.{n}", f"{step.title.partition('. ')[2]}, row {n}:"
            cleaned.append({
                "name": required_text(errors, f"{key}.name", p.name, f"{label} name"),
                "relationship": optional_text(errors, f"{key}.relationship", p.relationship,
                                              f"{label} relationship or role", max_len=MAX_SHORT),
                "phone": phone_field(errors, f"{key}.phone", p.phone, f"{label} phone",
                                     required=True),
            })  # fmt: skip
        values[step.key] = json.dumps(cleaned, ensure_ascii=False)
    errors.raise_if_any()
    return values


def _shown(values: dict[str, str]) -> dict[str, str]:
    """A plan as the conflict dialog shows it: each step's text, people one per line."""
    shown = {step.title: values[step.key] for step in TEXT_STEPS}
    for step in PEOPLE_STEPS:
        shown[step.title] = "\n".join(
            ", ".join(v for v in p.values() if v) for p in json.loads(values[step.key])
        )
    return shown


def _stored(plan: SafetyPlan) -> dict[str, str]:
    return _shown({step.key: getattr(plan, step.key) for step in (*TEXT_STEPS, *PEOPLE_STEPS)})


def _draft(client_id: int) -> SafetyPlan | None:
    return SafetyPlan.get_or_none((SafetyPlan.client == client_id) & (SafetyPlan.status == DRAFT))


def _next_version(client_id: int) -> int:
    newest = (
        SafetyPlan.select(SafetyPlan.version)
        .where(SafetyPlan.client == client_id)
        .order_by(SafetyPlan.version.desc())
        .scalar()
    )
    return int(newest or 0) + 1


def _current_episode(client_id: int) -> int | None:
    episode = (
        Episode.select(Episode.id)
        .where(Episode.client == client_id)
        .order_by(Episode.number.desc())
        .first()
    )
    return episode.id if episode else None


def get_version(plan_id: int) -> SafetyPlan:
    """One stored version, or NotFound with a sentence."""
    plan = SafetyPlan.get_or_none(SafetyPlan.id == record_id(plan_id))
    if plan is None:
        raise NotFound("That safety plan version does not exist.")
    return plan


def plan_of_record(client_id: int) -> SafetyPlan | None:
    """The signed version in force (None before the first signature)."""
    return SafetyPlan.get_or_none((SafetyPlan.client == client_id) & (SafetyPlan.status == SIGNED))


@use_case("safety_plan.open", "clinical.read", kind="read")
def open_safety_plan(
    actor: Actor, client_id: int, plan_id: int | None = None
) -> SafetyPlanData | None:
    """One version (``plan_id``), or else the draft being written, or else the signed plan in
    force; None when the client has no safety plan yet."""
    client = client_or_404(client_id)
    if plan_id is not None:
        plan = get_version(plan_id)
        if plan.client_id != client.id:
            raise NotFound("That safety plan belongs to another client.")
    else:
        plan = _draft(client.id) or plan_of_record(client.id)
    describe(client_id=client.id, record_type="safety_plan", record_id=plan.id if plan else "")
    return plan_data(plan) if plan else None


@use_case("safety_plan.versions", "clinical.read", kind="read", audited=False)
def safety_plan_versions(actor: Actor, client_id: int) -> list[VersionRow]:
    """Every version of the client's safety plan, newest first."""
    client = client_or_404(client_id)
    query = SafetyPlan.select().where(SafetyPlan.client == client.id)
    plans = list(query.order_by(SafetyPlan.version.desc()))
    names = Staff.display_names(
        {i for p in plans for i in (p.created_by_id, p.updated_by_id, p.signed_by_id)}
    )
    return [
        VersionRow(
            p.id,
            p.version,
            p.status,
            names.get(p.updated_by_id or p.created_by_id, ""),
            p.updated_at or p.created_at,
            names.get(p.signed_by_id, ""),
            p.signed_at,
        )
        for p in plans
    ]


@use_case("safety_plan.save", "clinical.write", changes=("clinical",))
def save_safety_plan(actor: Actor, client_id: int, form: SafetyPlanForm) -> SafetyPlanData:
    """Save the client's draft safety plan, starting a new version when none is being written.
    A draft saved (or started) by someone since ``form.row_version`` was read is refused with
    both versions."""
    client = client_or_404(client_id)
    values = _validate(form)
    plan = _draft(client.id)
    if plan is None:
        current = plan_of_record(client.id)
        plan = SafetyPlan.create(
            client=client.id,
            episode=_current_episode(client.id),
            version=_next_version(client.id),
            previous=current.id if current else None,
            created_by=actor.staff_id,
            **values,
        )
        verb = "started"
    else:
        claim(plan, form.row_version, actor, what="safety plan", mine=_shown(values),
              shown=_stored, client_id=client.id)  # fmt: skip
        SafetyPlan.update(**values).where(SafetyPlan.id == plan.id).execute()
        verb = "saved"
    describe(client_id=client.id, record_type="safety_plan", record_id=plan.id,
             detail=f"version {plan.version} {verb}")  # fmt: skip
    return plan_data(get_version(plan.id))


@use_case("safety_plan.sign", "clinical.sign", changes=("clinical",))
def sign_safety_plan(actor: Actor, plan_id: int, row_version: int | None = None) -> SafetyPlanData:
    """Sign a draft: it becomes the plan in force and is frozen; the version it replaces is
    kept, marked replaced. Refused while a required step is empty, or when the draft changed
    since ``row_version`` was read (the signer must see what they sign)."""
    plan = get_version(plan_id)
    if plan.status != DRAFT:
        raise DomainError(
            f"Version {plan.version} is already {STATUSES[plan.status].lower()}; make a new "
            "version to change it."
        )
    if row_version is not None and row_version != plan.row_version:
        raise DomainError(
            "This safety plan was changed after you opened it; open it again to see what you "
            "would be signing."
        )
    gaps = signing_gaps({step.key: getattr(plan, step.key) for step in TEXT_STEPS})
    if gaps:
        raise DomainError("The safety plan is not ready to sign: " + " ".join(gaps))
    SafetyPlan.update(status=SUPERSEDED).where(
        (SafetyPlan.client == plan.client_id) & (SafetyPlan.status == SIGNED)
    ).execute()
    plan.status, plan.signed_by, plan.signed_at = SIGNED, actor.staff_id, now()
    plan.save()
    describe(client_id=plan.client_id, record_type="safety_plan", record_id=plan.id,
             detail=f"version {plan.version} signed")  # fmt: skip
    return plan_data(plan)


@use_case("safety_plan.revise", "clinical.write", changes=("clinical",))
def revise_safety_plan(actor: Actor, plan_id: int) -> SafetyPlanData:
    """Start a new draft version from the signed plan (which stays in force until the new one
    is signed)."""
    plan = get_version(plan_id)
    if plan.status != SIGNED:
        raise DomainError(
            f"Version {plan.version} is {STATUSES[plan.status].lower()}; only the signed plan in "
            "force is revised."
        )
    pending = _draft(plan.client_id)
    if pending is not None:
        raise DomainError(
            f"Version {pending.version} is already being written; open it and continue there."
        )
    copy = SafetyPlan.create(
        client=plan.client_id,
        episode=_current_episode(plan.client_id),
        version=_next_version(plan.client_id),
        previous=plan.id,
        created_by=actor.staff_id,
        **{step.key: getattr(plan, step.key) for step in (*TEXT_STEPS, *PEOPLE_STEPS)},
    )
    describe(client_id=plan.client_id, record_type="safety_plan", record_id=copy.id,
             detail=f"version {plan.version} revised into version {copy.version}")  # fmt: skip
    return plan_data(copy)
