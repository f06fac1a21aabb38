"""Treatment plans: create a plan for the current episode, open it, its header and versions.

Editing the content lives in plans_editing, signatures and revisions in plans_signing,
reviews and the Today list in plans_reviews, the library in plans_library, printing in
plans_printing. This module holds what they share: loading a plan version as a
the "frozen plans cannot change" rule (loading a plan version as a ``PlanDocument`` is in
plans.document).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from iopdesk.db.models.core import Client, Episode, Staff
from iopdesk.db.models.plans import (
    Goal,
    Objective,
    PlanReview,
    PlanSignature,
    Problem,
    TreatmentPlan,
)
from iopdesk.domain import formats
from iopdesk.domain import plans as rules
from iopdesk.domain.validators import date_field, optional_text
from iopdesk.errors import Collector, DomainError, NotFound, ValidationError
from iopdesk.reports.treatment_plan import (
    PlanDocument,
)
from iopdesk.services.admin.clinic import get_setting
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.plans.document import load_document
from iopdesk.services.versions import claim

DEFAULT_LEVEL_OF_CARE = "ASAM 2.1 Intensive outpatient"
_ICD10 = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")


@dataclass(frozen=True)
class PlanHeaderForm:
    """The plan header a counselor edits (the client's facts come from the record)."""

    diagnosis: str
    icd10_code: str
    level_of_care: str
    counselor_id: int | None
    start_date: dt.date | str | None
    #: The header's version when the editor read it (``PlanDocument.row_version``).
    row_version: int | None = None


@dataclass(frozen=True)
class PlanVersionRow:
    """One line of a client's plan history."""

    plan_id: int
    version: int
    status: str
    status_label: str
    start_date: dt.date
    next_review_date: dt.date
    created_at: dt.datetime
    signed_at: dt.datetime | None
    counselor_name: str
    episode_number: int
    episode_closed_on: dt.date | None = None


# --- shared helpers -------------------------------------------------------------------------


def get_plan(plan_id: int) -> TreatmentPlan:
    """The plan version, or NotFound."""
    plan = TreatmentPlan.get_or_none(TreatmentPlan.id == plan_id)
    if plan is None:
        raise NotFound("That treatment plan does not exist.")
    return plan


def frozen_message(plan: TreatmentPlan) -> str:
    """What a person is told when they try to change a version that can no longer change."""
    if plan.status == rules.SUPERSEDED:
        return (
            f"Version {plan.version} of this plan has been replaced by a newer version and "
            "cannot change; open the current version and revise it."
        )
    return (
        f"Version {plan.version} of this plan is signed and frozen; revise it to make a new "
        "version you can change."
    )


def require_editable(plan: TreatmentPlan, *, clears_signatures: bool = True) -> str:
    """Refuse changes to a frozen version; a partly signed version loses its signatures (they
    were given to different content) unless nothing changes. Returns a note for the audit row."""
    if plan.status not in rules.EDITABLE:
        raise DomainError(frozen_message(plan))
    if plan.status == rules.PARTIALLY_SIGNED and clears_signatures:
        PlanSignature.delete().where(PlanSignature.plan == plan.id).execute()
        plan.status = rules.DRAFT
        plan.save(only=[TreatmentPlan.status])
        return "; signatures cleared"
    return ""


def review_interval() -> int:
    return int(get_setting("review_interval_days"))


def current_episode(client: Client) -> Episode:
    """The client's open episode of care (the latest one not discharged)."""
    episode = (
        Episode.select()
        .where((Episode.client == client.id) & Episode.discharge_date.is_null())
        .order_by(Episode.number.desc())
        .first()
    )
    if episode is None or episode.status == "discharged":
        raise DomainError(
            f"{client.full_name} has no open episode of care; admit or re-admit the client "
            "before writing a treatment plan."
        )
    return episode


# --- use cases ------------------------------------------------------------------------------


def start_date_field(errors: Collector, value: object, client: Client) -> dt.date | None:
    """The plan start date: a real date in the plausible range, not before the client's birth."""
    start = date_field(errors, "start_date", value, "Plan start date")
    if start is not None and start < client.date_of_birth:
        errors.add("start_date", "Plan start date cannot be before the client's date of birth.")
        return None
    return start


@use_case("plan.create", "clinical.write", changes=("clinical",))
def create_plan(actor: Actor, client_id: int, start_date: dt.date | str | None = None) -> int:
    """Start version 1 of a plan for the client's open episode, its header filled from the
    record; returns the new plan's id."""
    client = Client.get_or_none(Client.id == client_id)
    if client is None:
        raise NotFound("That client does not exist.")
    errors = Collector()
    start = start_date_field(errors, dt.date.today() if start_date in (None, "") else start_date,
                             client)  # fmt: skip
    errors.raise_if_any()
    episode = current_episode(client)
    existing = (
        TreatmentPlan.select()
        .where(TreatmentPlan.episode == episode.id)
        .order_by(TreatmentPlan.version.desc())
        .first()
    )
    if existing is not None:
        raise DomainError(
            f"{client.full_name} already has a treatment plan for this episode (version "
            f"{existing.version}); open it, or revise it to make a new version."
        )
    counselor = episode.counselor_id or client.counselor_id
    if counselor is None and actor.role == "clinician":
        counselor = actor.staff_id
    plan = TreatmentPlan.create(
        client=client.id,
        episode=episode.id,
        version=1,
        status=rules.DRAFT,
        level_of_care=episode.level_of_care or DEFAULT_LEVEL_OF_CARE,
        counselor=counselor,
        start_date=start,
        next_review_date=rules.next_review_date(start, None, review_interval()),
        created_by=actor.staff_id,
    )
    describe(client_id=client.id, record_type="treatment_plan", record_id=plan.id,
             detail="version 1 created")  # fmt: skip
    return plan.id


@use_case("plan.open", "clinical.read", kind="read")
def open_plan(actor: Actor, plan_id: int) -> PlanDocument:
    """One plan version with all its content, signatures and reviews (an audited read)."""
    plan = get_plan(plan_id)
    describe(client_id=plan.client_id, record_type="treatment_plan", record_id=plan.id,
             detail=f"version {plan.version}")  # fmt: skip
    return load_document(plan, actor)


@use_case("plan.reload", "clinical.read", kind="read", audited=False)
def reload_plan(actor: Actor, plan_id: int) -> PlanDocument:
    """The editor's refresh right after its own change (opening is audited by open_plan)."""
    return load_document(get_plan(plan_id), actor)


def staff_name(staff_id: int | None) -> str:
    """A staff member's name with credentials ("" for nobody)."""
    staff = Staff.get_or_none(Staff.id == staff_id) if staff_id else None
    return staff.display_name if staff else ""


def _header_fields(
    diagnosis: str, code: str, level: str, counselor_id: int | None, start: dt.date
) -> dict[str, str]:
    return {
        "Diagnosis": diagnosis,
        "ICD-10 code": code,
        "Level of care": level,
        "Counselor": staff_name(counselor_id),
        "Plan start": start.isoformat(),
    }


@use_case("plan.edit_header", "clinical.write", changes=("clinical",))
def edit_header(actor: Actor, plan_id: int, form: PlanHeaderForm) -> None:
    """Change the diagnosis, ICD-10 code, level of care, counselor or start date."""
    plan = get_plan(plan_id)
    errors = Collector()
    diagnosis = optional_text(errors, "diagnosis", form.diagnosis, "Diagnosis", max_len=2000,
                              multiline=True)  # fmt: skip
    code = optional_text(errors, "icd10_code", form.icd10_code, "ICD-10 code", max_len=20)
    code = code.upper().replace(" ", "")
    if code and not _ICD10.match(code):
        errors.add("icd10_code", "An ICD-10 code looks like F10.20 (a letter, two characters, "
                   "then an optional dot and up to four more).")  # fmt: skip
    level = optional_text(errors, "level_of_care", form.level_of_care, "Level of care",
                          max_len=80) or DEFAULT_LEVEL_OF_CARE  # fmt: skip
    start = start_date_field(errors, form.start_date, Client.get_by_id(plan.client_id))
    counselor_id = form.counselor_id
    if counselor_id is not None:
        staff = Staff.get_or_none(Staff.id == counselor_id)
        if staff is None or staff.role != "clinician":
            errors.add("counselor_id", "Choose a clinician as the plan's counselor.")
    errors.raise_if_any()
    assert start is not None
    saved = (plan.diagnosis, plan.icd10_code, plan.level_of_care, plan.counselor_id)
    if (diagnosis, code, level, counselor_id) == saved and start == plan.start_date:
        # Saved as it was: the signatures were given to this very content, so they stay.
        require_editable(plan, clears_signatures=False)
        describe(client_id=plan.client_id, record_type="treatment_plan", record_id=plan.id,
                 detail=f"header of version {plan.version} saved unchanged")  # fmt: skip
        return
    if start != plan.start_date:
        earliest = (
            Objective.select(Objective.target_date)
            .join(Goal).join(Problem)
            .where(Problem.plan == plan.id)
            .order_by(Objective.target_date)
            .scalar()
        )  # fmt: skip
        if earliest is not None and earliest < start:
            raise ValidationError({"start_date": (
                f"An objective's target date ({formats.show_date(earliest)}) is before this start "
                "date; change that objective first."
            )})  # fmt: skip
    note = require_editable(plan)
    claim(
        plan,
        form.row_version,
        actor,
        what="treatment plan's header",
        mine=_header_fields(diagnosis, code, level, counselor_id, start),
        shown=lambda p: _header_fields(
            p.diagnosis, p.icd10_code, p.level_of_care, p.counselor_id, p.start_date
        ),
        client_id=plan.client_id,
    )
    plan.diagnosis, plan.icd10_code, plan.level_of_care = diagnosis, code, level
    plan.counselor = counselor_id
    if start != plan.start_date:
        plan.start_date = start
        has_reviews = PlanReview.select().where(PlanReview.plan == plan.id).exists()
        if plan.previous_id is None and not has_reviews:
            plan.next_review_date = rules.next_review_date(start, None, review_interval())
    plan.save()
    describe(client_id=plan.client_id, record_type="treatment_plan", record_id=plan.id,
             detail=f"header of version {plan.version} edited{note}")  # fmt: skip


@use_case("plan.versions", "clinical.read", kind="read", audited=False)
def plan_versions(actor: Actor, client_id: int) -> list[PlanVersionRow]:
    """Every plan version of the client, newest episode and version first."""
    staff_names = Staff.display_names()
    query = (
        TreatmentPlan.select(TreatmentPlan, Episode.number, Episode.discharge_date)
        .join(Episode)
        .where(TreatmentPlan.client == client_id)
        .order_by(Episode.number.desc(), TreatmentPlan.version.desc())
    )
    return [
        PlanVersionRow(
            p.id,
            p.version,
            p.status,
            rules.PLAN_STATUSES.get(p.status, p.status),
            p.start_date,
            p.next_review_date,
            p.created_at,
            p.signed_at,
            staff_names.get(p.counselor_id, "") if p.counselor_id else "",
            p.episode.number,
            p.episode.discharge_date,
        )
        for p in query
    ]


def current_plan_id(client_id: int, version: int | None = None) -> int | None:
    """The plan version to show for a client: the asked version of the latest episode, else
    the newest version that is not superseded (a draft revision before its signed original)."""
    query = (
        TreatmentPlan.select(
            TreatmentPlan.id, TreatmentPlan.episode, TreatmentPlan.version, TreatmentPlan.status
        )
        .join(Episode)
        .where(TreatmentPlan.client == client_id)
        .order_by(Episode.number.desc(), TreatmentPlan.version.desc())
    )
    rows = list(query)
    if not rows:
        return None
    episode_rows = [r for r in rows if r.episode_id == rows[0].episode_id]
    if version is not None:
        match = [r for r in episode_rows if r.version == version]
        return match[0].id if match else None
    for r in episode_rows:
        if r.status != rules.SUPERSEDED:
            return r.id
    return episode_rows[0].id
