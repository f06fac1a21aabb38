"""Printing the safety plan for the client: their own record, so audited as printed for the
client and never logged as a disclosure."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.core import Staff
from iopdesk.domain.safety import DRAFT
from iopdesk.errors import DomainError, NotFound
from iopdesk.reports.document import Letterhead
from iopdesk.reports.printout import Printout, safe_file_name
from iopdesk.reports.safety_plan import SafetyPlanDocument, render_safety_plan
from iopdesk.services.admin.clinic import clinic_info
from iopdesk.services.clients.records import client_or_404
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.safety_plans.records import (
    get_version,
    plan_data,
    plan_of_record,
)


@use_case("safety_plan.print", "clinical.read", kind="read")
def print_safety_plan(
    actor: Actor, client_id: int, plan_id: int | None = None
) -> Printout[SafetyPlanDocument]:
    """The client's copy of a signed version (default: the plan in force) in large type."""
    client = client_or_404(client_id)
    plan = get_version(plan_id) if plan_id is not None else plan_of_record(client.id)
    if plan is None:
        raise DomainError(
            "There is no signed safety plan to print yet; write it with the client and sign it."
        )
    if plan.client_id != client.id:
        raise NotFound("That safety plan belongs to another client.")
    if plan.status == DRAFT:
        raise DomainError(
            f"Version {plan.version} is a draft; sign it before printing the client's copy."
        )
    info = clinic_info()
    data = plan_data(plan)
    counselor = Staff.get_or_none(Staff.id == client.counselor_id)
    preferred = client.preferred_name.strip()
    document = SafetyPlanDocument(
        Letterhead(info.name, info.address, info.phone, info.program_label),
        # The client's own copy calls them by the name they use.
        f"{preferred} {client.legal_last_name}" if preferred else client.full_name,
        client.record_number,
        # The client's counselor signs the paper copy; without one, whoever signed the plan.
        counselor.display_name if counselor else data.signed_by,
        dt.date.today(),
        data,
    )
    describe(
        client_id=client.id,
        record_type="safety_plan",
        record_id=plan.id,
        detail="printed for the client",
    )
    name = safe_file_name(f"safety-plan-{client.record_number}-v{plan.version}")
    return Printout(document, render_safety_plan(document), f"{name}.pdf")
