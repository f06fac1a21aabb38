"""After an aftercare plan is final: revise it as a new version, or add a dated addendum."""

from __future__ import annotations

from iopdesk.db.models.aftercare import (
    AftercareAppointment,
    AftercarePlan,
    SupportContact,
    SupportGroup,
)
from iopdesk.db.models.attendance import NoteAddendum
from iopdesk.domain.validators import MAX_LONG, required_text
from iopdesk.errors import Collector, DomainError, NotFound
from iopdesk.services.aftercare.discharge import client_or_404, episode_for
from iopdesk.services.aftercare.plan import (
    ADDENDUM_KIND,
    TEXT_FIELDS,
    AftercarePlanData,
    current_plan,
    plan_data,
)
from iopdesk.services.context import Actor, describe, use_case

#: The rows of a plan, each with the columns a new version copies.
_ROWS = (
    (AftercareAppointment, ("position", "provider", "address", "phone", "day", "time")),
    (SupportGroup, ("position", "kind", "name", "meeting_day", "time", "place")),
    (SupportContact, ("position", "name", "relationship", "phone")),
)


@use_case("aftercare.new_version", "discharge.manage", changes=("clinical",))
def new_aftercare_version(actor: Actor, client_id: int) -> AftercarePlanData:
    """Copy the current episode's final plan into a new draft version to revise; the final one
    stays as it is, readable and printable."""
    client_or_404(client_id)
    episode = episode_for(client_id)
    plan = current_plan(episode.id)
    if plan is None:
        raise DomainError("There is no aftercare plan yet; write one and save it first.")
    if plan.status != "final":
        raise DomainError(
            f"Version {plan.version} of the aftercare plan is still a draft: change it and "
            "save; a new version is only needed once a plan is final."
        )
    revised = AftercarePlan.create(
        episode=episode.id,
        client=client_id,
        version=plan.version + 1,
        status="draft",
        created_by=actor.staff_id,
        updated_by=actor.staff_id,
        **{name: getattr(plan, name) for name in TEXT_FIELDS},
    )
    for model, columns in _ROWS:
        rows = [
            {**{c: getattr(row, c) for c in columns}, "plan": revised.id}
            for row in model.select().where(model.plan == plan.id)
        ]
        if rows:
            model.insert_many(rows).execute()
    describe(
        client_id=client_id,
        record_type="aftercare_plan",
        record_id=revised.id,
        detail=f"Episode {episode.number}: version {revised.version} started from the final one",
    )
    data = plan_data(client_id, episode.id)
    assert data is not None  # just created
    return data


@use_case("aftercare.addendum", "clinical.write", changes=("clinical",))
def add_aftercare_addendum(actor: Actor, plan_id: int, text: str) -> AftercarePlanData:
    """Add a dated addendum to a final aftercare plan (its final text stays as it is)."""
    plan = AftercarePlan.get_or_none(AftercarePlan.id == plan_id)
    if plan is None:
        raise NotFound("That aftercare plan does not exist.")
    if plan.status != "final":
        raise DomainError(
            "This aftercare plan is still a draft: change it and save. Addenda are for a plan "
            "that is final."
        )
    errors = Collector()
    body = required_text(errors, "text", text, "Addendum", max_len=MAX_LONG, multiline=True)
    errors.raise_if_any()
    NoteAddendum.create(note_kind=ADDENDUM_KIND, note_id=plan.id, text=body, by=actor.staff_id)
    describe(client_id=plan.client_id, record_type="aftercare_plan", record_id=plan.id)
    data = plan_data(plan.client_id, plan.episode_id, plan.version)
    assert data is not None  # the plan exists
    return data
