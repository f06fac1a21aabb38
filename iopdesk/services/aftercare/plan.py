"""Aftercare plan use cases: write and update the plan, and print it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict

from iopdesk.db.models.aftercare import (
    AftercareAppointment,
    AftercarePlan,
    SupportContact,
    SupportGroup,
)
from iopdesk.db.models.core import Episode, Staff
from iopdesk.domain import formats
from iopdesk.domain.aftercare import SUPPORT_GROUP_KINDS, WEEKDAYS
from iopdesk.domain.validators import (
    choice_field,
    date_field,
    optional_text,
    phone_field,
    required_text,
)
from iopdesk.errors import Collector, DomainError
from iopdesk.reports.aftercare_plan import (
    AftercareDocument,
    AftercarePlanData,
    AftercarePlanForm,
    AppointmentEntry,
    ContactEntry,
    SupportGroupEntry,
    render_aftercare_plan,
)
from iopdesk.reports.copies import INTERNAL, Copy
from iopdesk.reports.printout import Printout, safe_file_name
from iopdesk.services.admin.clinic import clinic_letterhead
from iopdesk.services.aftercare.discharge import (
    addenda_of,
    client_or_404,
    counselor_name,
    discharge_view,
    episode_for,
)
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.versions import claim

PLAN_STATUSES = {"draft": "Draft", "final": "Final"}
#: How an aftercare plan's addenda are filed among the signed records' addenda.
ADDENDUM_KIND = "aftercare"
TEXT_FIELDS = {
    "sober_living": "Sober living",
    "mat_follow_up": "Medication (MAT) follow-up",
    "vocational_referral": "Vocational referral",
    "education_referral": "Education referral",
    "housing_referral": "Housing referral",
    "triggers": "Personal triggers",
    "warning_signs": "Early warning signs",
    "coping_strategies": "Coping strategies",
}
MAX_ROWS = 50
ROW_LABELS = {
    "appointments": "Appointments",
    "support_groups": "Support groups",
    "contacts": "People to call",
}


def parse_time(value: object) -> dt.time | None:
    """A time of day from ``time`` or text like 18:30, 6:30 pm, 7pm; None if it is not one."""
    if isinstance(value, dt.time):
        return value
    return formats.read_time(str(value or ""))


def _time_field(errors: Collector, key: str, value: object, label: str) -> dt.time | None:
    if value in (None, ""):
        return None
    parsed = parse_time(value)
    if parsed is None:
        errors.add(key, f"{label} is not a time of day; write it like 18:30 or 6:30 pm.")
    return parsed


def _validate(form: AftercarePlanForm) -> tuple[dict, list[dict], list[dict], list[dict]]:
    errors = Collector()
    values = {
        "status": choice_field(errors, "status", form.status, "Plan status", PLAN_STATUSES),
    }
    for name, label in TEXT_FIELDS.items():
        values[name] = optional_text(
            errors, name, getattr(form, name), label, max_len=5000, multiline=True
        )
    for what, rows in (
        ("appointments", form.appointments),
        ("support_groups", form.support_groups),
        ("contacts", form.contacts),
    ):
        if len(rows) > MAX_ROWS:
            errors.add(what, f"At most {MAX_ROWS} rows fit in the plan.")
    appointments = []
    for n, a in enumerate(form.appointments, start=1):
        key, label = f"appointments.{n}", f"Appointment {n}:"
        appointments.append(
            {
                "position": n,
                "provider": required_text(errors, f"{key}.provider", a.provider, f"{label} who"),
                "address": optional_text(
                    errors, f"{key}.address", a.address, f"{label} address", max_len=500
                ),
                "phone": phone_field(errors, f"{key}.phone", a.phone, f"{label} phone"),
                "day": date_field(errors, f"{key}.day", a.day, f"{label} date", required=False),
                "time": _time_field(errors, f"{key}.time", a.time, f"{label} time"),
            }
        )
    groups = []
    for n, g in enumerate(form.support_groups, start=1):
        key, label = f"support_groups.{n}", f"Support group {n}:"
        groups.append(
            {
                "position": n,
                "kind": choice_field(
                    errors, f"{key}.kind", g.kind, f"{label} kind", SUPPORT_GROUP_KINDS
                ),
                "name": optional_text(errors, f"{key}.name", g.name, f"{label} name"),
                "meeting_day": choice_field(
                    errors, f"{key}.meeting_day", g.meeting_day, f"{label} day", WEEKDAYS,
                    required=False,
                ),
                "time": _time_field(errors, f"{key}.time", g.time, f"{label} time"),
                "place": optional_text(
                    errors, f"{key}.place", g.place, f"{label} place", max_len=500
                ),
            }
        )  # fmt: skip
    contacts = []
    for n, c in enumerate(form.contacts, start=1):
        key, label = f"contacts.{n}", f"Person to call {n}:"
        contacts.append(
            {
                "position": n,
                "name": required_text(errors, f"{key}.name", c.name, f"{label} name"),
                "relationship": optional_text(
                    errors, f"{key}.relationship", c.relationship, f"{label} relationship"
                ),
                "phone": phone_field(
                    errors, f"{key}.phone", c.phone, f"{label} phone", required=True
                ),
            }
        )
    errors.raise_if_any()
    return values, appointments, groups, contacts


def current_plan(episode_id: int) -> AftercarePlan | None:
    """The episode's newest aftercare plan version (the one in use), if any (plain helper)."""
    return (
        AftercarePlan.select()
        .where(AftercarePlan.episode == episode_id)
        .order_by(AftercarePlan.version.desc())
        .first()
    )


def _data(plan: AftercarePlan) -> AftercarePlanData:
    episode = Episode.get_by_id(plan.episode_id)
    latest = current_plan(plan.episode_id)
    appointments = tuple(
        AppointmentEntry(a.provider, a.address, a.phone, a.day, a.time)
        for a in plan.appointments.order_by(AftercareAppointment.position)
    )
    groups = tuple(
        SupportGroupEntry(g.kind, g.name, g.meeting_day, g.time, g.place)
        for g in plan.support_groups.order_by(SupportGroup.position)
    )
    contacts = tuple(
        ContactEntry(c.name, c.relationship, c.phone)
        for c in plan.contacts.order_by(SupportContact.position)
    )
    return AftercarePlanData(
        status=plan.status,
        **{name: getattr(plan, name) for name in TEXT_FIELDS},
        appointments=appointments,
        support_groups=groups,
        contacts=contacts,
        id=plan.id,
        client_id=plan.client_id,
        episode_id=plan.episode_id,
        episode_number=episode.number,
        updated_by=Staff.get_by_id(plan.updated_by_id).full_name,
        updated_at=plan.updated_at,
        row_version=plan.row_version,
        version=plan.version,
        latest_version=latest.version if latest else plan.version,
        addenda=addenda_of(ADDENDUM_KIND, plan.id),
    )


def _shown(value: object) -> str:
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _plan_fields(
    status: str, texts: Mapping[str, object], rows: Mapping[str, Sequence[Mapping[str, object]]]
) -> dict[str, str]:
    """A plan as the conflict dialog shows it: each text, and each list a line per row."""
    shown = {"Plan status": PLAN_STATUSES.get(status, status)}
    shown.update({label: str(texts[name]) for name, label in TEXT_FIELDS.items()})
    for key, label in ROW_LABELS.items():
        shown[label] = "\n".join(
            ", ".join(_shown(v) for k, v in row.items() if k != "position" and v not in (None, ""))
            for row in rows[key]
        )
    return shown


def _stored_fields(plan: AftercarePlan) -> dict[str, str]:
    data = _data(plan)
    rows = {key: [asdict(entry) for entry in getattr(data, key)] for key in ROW_LABELS}
    return _plan_fields(data.status, asdict(data), rows)


def plan_data(
    client_id: int, episode_id: int | None = None, version: int | None = None
) -> AftercarePlanData | None:
    """Plain helper: the episode's aftercare plan (default: the current episode), in its newest
    version unless ``version`` names an earlier one; None if there is none."""
    episode = episode_for(client_id, episode_id)
    if version is None:
        plan = current_plan(episode.id)
    else:
        plan = AftercarePlan.get_or_none(
            (AftercarePlan.episode == episode.id) & (AftercarePlan.version == version)
        )
        if plan is None:
            raise DomainError(f"Episode {episode.number} has no aftercare plan version {version}.")
    return _data(plan) if plan is not None else None


@use_case("aftercare.open", "clinical.read", kind="read")
def get_aftercare_plan(
    actor: Actor, client_id: int, episode_id: int | None = None, version: int | None = None
) -> AftercarePlanData | None:
    """The aftercare plan of an episode (default: the current one) in its newest version or
    the one asked for, or None if not started."""
    client_or_404(client_id)
    data = plan_data(client_id, episode_id, version)
    describe(client_id=client_id, record_type="aftercare_plan", record_id=data.id if data else "")
    return data


@use_case("aftercare.save", "discharge.manage", changes=("clinical",))
def save_aftercare_plan(actor: Actor, client_id: int, form: AftercarePlanForm) -> AftercarePlanData:
    """Create or update the current episode's plan; its rows are replaced by the form's.
    A plan someone saved (or started) since ``form.row_version`` was read is refused with both
    versions."""
    client_or_404(client_id)
    episode = episode_for(client_id)
    values, appointments, groups, contacts = _validate(form)
    plan = current_plan(episode.id)
    if plan is not None:
        refuse_if_final(plan)
    if plan is None:
        plan = AftercarePlan.create(
            episode=episode.id,
            client=client_id,
            created_by=actor.staff_id,
            updated_by=actor.staff_id,
            **values,
        )
        verb = "started"
    else:
        rows = {"appointments": appointments, "support_groups": groups, "contacts": contacts}
        claim(
            plan,
            form.row_version,
            actor,
            what="aftercare plan",
            mine=_plan_fields(values["status"], values, rows),
            shown=_stored_fields,
            client_id=client_id,
        )
        AftercarePlan.update(**values).where(AftercarePlan.id == plan.id).execute()
        verb = "updated"
    for model, rows in (
        (AftercareAppointment, appointments),
        (SupportGroup, groups),
        (SupportContact, contacts),
    ):
        model.delete().where(model.plan == plan.id).execute()
        if rows:
            model.insert_many([{**r, "plan": plan.id} for r in rows]).execute()
    describe(
        client_id=client_id,
        record_type="aftercare_plan",
        record_id=plan.id,
        detail=f"Episode {episode.number}: plan {verb} ({values['status']})",
    )
    return _data(AftercarePlan.get_by_id(plan.id))


def refuse_if_final(plan: AftercarePlan) -> None:
    """A final plan is frozen: say what to do instead of changing it."""
    if plan.status == "final":
        raise DomainError(
            f"Version {plan.version} of this aftercare plan is final and cannot change. Start a "
            "new version to revise it, or add an addendum to record something new."
        )


def plan_label(episode_number: int, status: str, version: int = 1) -> str:
    """How an aftercare plan is named in pickers and the disclosure log."""
    shown = PLAN_STATUSES.get(status, status).lower()
    numbered = f", version {version}" if version > 1 else ""
    return f"Aftercare plan, episode {episode_number}{numbered} ({shown})"


def aftercare_plans(client_id: int) -> list[tuple[int, str]]:
    """(episode id, label) of the client's aftercare plans in their newest version, newest
    episode first."""
    query = (
        AftercarePlan.select(
            Episode.id.alias("episode_id"),
            Episode.number,
            AftercarePlan.status,
            AftercarePlan.version,
        )
        .join(Episode, on=(AftercarePlan.episode == Episode.id))
        .where(AftercarePlan.client == client_id)
        .order_by(Episode.number.desc(), AftercarePlan.version.desc())
        .objects()
    )
    newest: dict[int, tuple[int, str]] = {}
    for p in query:
        newest.setdefault(p.episode_id, (p.episode_id, plan_label(p.number, p.status, p.version)))
    return list(newest.values())


def plan_copy(
    client_id: int, episode_id: int | None, copy: Copy, version: int | None = None
) -> tuple[str, Printout[AftercareDocument]]:
    """The episode's aftercare plan (default: the current episode's, newest version) rendered
    as ``copy`` (call inside a use case), with its label."""
    client = client_or_404(client_id)
    data = plan_data(client_id, episode_id, version)
    if data is None:
        raise DomainError("There is no aftercare plan to print yet; write and save one first.")
    episode = Episode.get_by_id(data.episode_id)
    discharge = discharge_view(client.id, data.episode_id)
    preferred = client.preferred_name.strip()
    document = AftercareDocument(
        clinic_letterhead(),
        # The client's own copy greets them by the name they use.
        f"{preferred} {client.legal_last_name}" if preferred else client.full_name,
        client.record_number,
        counselor_name(episode, client),
        discharge.discharge_date if discharge else episode.discharge_date,
        dt.date.today(),
        data,
        copy,
    )
    name = safe_file_name(f"aftercare-plan-{client.record_number}")
    return plan_label(data.episode_number, data.status, data.version), Printout(
        document, render_aftercare_plan(document), f"{name}.pdf"
    )


@use_case("aftercare.print", "clinical.read", kind="read")
def print_aftercare_plan(
    actor: Actor, client_id: int, episode_id: int | None = None, version: int | None = None
) -> Printout[AftercareDocument]:
    """The client's aftercare plan (newest version, or the one asked for) as a PDF for internal
    use (an audited read); the client's own copy and a release go through
    services.clients.releases."""
    label, printout = plan_copy(client_id, episode_id, INTERNAL, version)
    describe(client_id=client_id, record_type="aftercare_plan",
             record_id=printout.document.plan.id, detail=f"{label} printed")  # fmt: skip
    return printout
