"""Discharge use cases: the episode's facts, the pre-filled summary, signing, the printed
summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from iopdesk.db.models.aftercare import Discharge
from iopdesk.db.models.attendance import NoteAddendum
from iopdesk.db.models.calendar import RosterMembership
from iopdesk.db.models.core import Client, Episode, Staff
from iopdesk.db.models.intake import IntakeAssessment
from iopdesk.db.models.teds import TedsDischarge
from iopdesk.domain import formats, teds
from iopdesk.domain.aftercare import (
    DISCHARGE_TYPES,
    DischargeFacts,
    attendance_rate,
    length_of_stay,
    summary_text,
)
from iopdesk.domain.validators import (
    MAX_LONG,
    choice_field,
    date_field,
    optional_text,
    required_text,
)
from iopdesk.errors import Collector, DomainError, NeedsConfirmation, NotFound, ValidationError
from iopdesk.reports.copies import INTERNAL, Copy
from iopdesk.reports.discharge_summary import (
    Addendum,
    DischargeDocument,
    DischargeView,
    render_discharge_summary,
)
from iopdesk.reports.printout import Printout, safe_file_name
from iopdesk.services.admin.clinic import clinic_letterhead
from iopdesk.services.aftercare import sources
from iopdesk.services.aftercare.follow_ups import schedule_standard_follow_ups
from iopdesk.services.clients.course import course_entries
from iopdesk.services.clients.level_of_care import LevelChangeForm, check_change, store_change
from iopdesk.services.clients.progress import episode_progress
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.intake.assessments import teds_answers

ROSTER_END_REASON = "Discharged"
#: How a discharge's addenda are filed among the signed records' addenda.
ADDENDUM_KIND = "discharge"
CANCEL_REASON = "Client discharged"
#: The discharge type (TEDS REASON 4) of a level-of-care change out of the program.
TRANSFERRED = "transferred"


@dataclass(frozen=True)
class DischargeForm:
    """What the clinician fills in and signs."""

    discharge_type: str
    discharge_date: dt.date | str | None
    step_down_level: str = ""
    condition_at_discharge: str = ""
    summary: str = ""
    #: state reporting (TEDS) follow-up items asked again at discharge (domain/teds.DISCHARGE)
    teds: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DischargeDraft:
    """Everything the discharge dialog opens with."""

    client_id: int
    episode_id: int
    episode_number: int
    admission_date: dt.date | None
    facts: DischargeFacts
    summary: str
    unsigned_notes: tuple[str, ...]
    #: the admission's primary, secondary and tertiary substances ("" when not recorded)
    substances: tuple[str, str, str] = ("", "", "")


def client_or_404(client_id: int) -> Client:
    """The client row, or a NotFound a person understands."""
    client = Client.get_or_none(Client.id == client_id)
    if client is None:
        raise NotFound("That client record does not exist.")
    return client


def client_id_for_record(record_number: str) -> int:
    """The client id behind a record number as printed on charts (e.g. IOP-000123)."""
    text = (record_number or "").strip().upper()
    client = Client.get_or_none(Client.record_number == text)
    if client is None:
        raise NotFound(f"No client has the record number {text or '(empty)'}.")
    return client.id


def episode_id_for_number(client_id: int, number: int | None) -> int | None:
    """The id of the client's episode ``number`` as printed on charts (None: the latest)."""
    if number is None:
        return None
    episode = Episode.get_or_none((Episode.client == client_id) & (Episode.number == number))
    if episode is None:
        raise NotFound(f"This client has no episode {number}.")
    return episode.id


def counselor_name(episode: Episode, client: Client) -> str:
    """The counselor a printed document names: the episode's, else the client's."""
    counselor_id = episode.counselor_id or client.counselor_id
    return Staff.get_by_id(counselor_id).display_name if counselor_id else ""


def episode_for(client_id: int, episode_id: int | None = None) -> Episode:
    """The chosen episode of the client, or the current one."""
    if episode_id is None:
        episode = sources.latest_episode(client_id)
    else:
        episode = Episode.get_or_none((Episode.id == episode_id) & (Episode.client == client_id))
    if episode is None:
        raise NotFound("This client has no episode of care.")
    return episode


def compute_facts(client: Client, episode: Episode, discharge_date: dt.date) -> DischargeFacts:
    """Gather the episode's figures from attendance, screenings, drug tests and the plan."""
    admitted = episode.admission_date
    start = admitted or episode.referral_date or discharge_date
    totals = sources.attendance_totals(client.id, start, discharge_date)
    return DischargeFacts(
        client_name=client.full_name,
        record_number=client.record_number,
        episode_number=episode.number,
        admission_date=admitted.isoformat() if admitted else "",
        discharge_date=discharge_date.isoformat(),
        length_of_stay_days=length_of_stay(admitted, discharge_date) if admitted else None,
        sessions_recorded=totals.recorded,
        sessions_attended=totals.attended,
        minutes_attended=totals.minutes,
        attendance_rate=attendance_rate(totals.attended, totals.recorded),
        screenings=sources.screening_changes(client.id, episode.id, admitted, discharge_date),
        drug_tests=sources.drug_test_summary(client.id, admitted, discharge_date),
        objectives=sources.objective_summary(episode.id),
    )


def _facts_date(episode: Episode, discharge_date: dt.date | None) -> dt.date:
    if episode.discharge_date is not None:
        return episode.discharge_date
    return discharge_date or dt.date.today()


@use_case("discharge.facts", "clinical.read", kind="read")
def discharge_facts(
    actor: Actor, client_id: int, discharge_date: dt.date | None = None
) -> DischargeFacts:
    """The current episode's figures up to ``discharge_date`` (default today)."""
    client = client_or_404(client_id)
    episode = episode_for(client_id)
    describe(client_id=client_id, record_type="episode", record_id=episode.id)
    return compute_facts(client, episode, _facts_date(episode, discharge_date))


@use_case("discharge.draft", "discharge.manage", kind="read")
def draft_discharge(
    actor: Actor, client_id: int, discharge_date: dt.date | None = None, discharge_type: str = ""
) -> DischargeDraft:
    """The discharge dialog's starting point: facts, a pre-filled summary, unsigned notes."""
    client = client_or_404(client_id)
    episode = episode_for(client_id)
    describe(client_id=client_id, record_type="episode", record_id=episode.id)
    facts = compute_facts(client, episode, _facts_date(episode, discharge_date))
    return DischargeDraft(
        client_id,
        episode.id,
        episode.number,
        episode.admission_date,
        facts,
        summary_text(facts, discharge_type),
        tuple(sources.unsigned_notes_for(client_id)),
        teds.substance_labels(admission_answers(episode.id)),
    )


def admission_answers(episode_id: int) -> dict[str, str]:
    """The state reporting answers of the episode's newest signed intake ({} when none)."""
    signed = (
        IntakeAssessment.select(IntakeAssessment.id)
        .where((IntakeAssessment.episode == episode_id) & (IntakeAssessment.status == "signed"))
        .order_by(IntakeAssessment.signed_at.desc(), IntakeAssessment.id.desc())
        .first()
    )
    return teds_answers(signed.id) if signed is not None else {}


def _validate(form: DischargeForm, episode: Episode) -> dict[str, object]:
    errors = Collector()
    values: dict[str, object] = {
        "discharge_type": choice_field(
            errors, "discharge_type", form.discharge_type, "Discharge type", DISCHARGE_TYPES
        ),
        "step_down_level": optional_text(
            errors, "step_down_level", form.step_down_level, "Step-down level"
        ),
        "condition_at_discharge": required_text(
            errors,
            "condition_at_discharge",
            form.condition_at_discharge,
            "Condition at discharge",
            max_len=2000,
            multiline=True,
        ),
        "summary": required_text(
            errors, "summary", form.summary, "Discharge summary", max_len=MAX_LONG, multiline=True
        ),
    }
    day = date_field(errors, "discharge_date", form.discharge_date, "Discharge date")
    if day is not None:
        today = dt.date.today()
        floor = episode.admission_date or episode.referral_date
        if day > today:
            errors.add("discharge_date", "The discharge date cannot be in the future.")
        elif floor is not None and day < floor:
            what = "admission" if episode.admission_date else "referral"
            errors.add(
                "discharge_date",
                f"The discharge date cannot be before the {what} date "
                f"({formats.show_date(floor)}).",
            )
    values["discharge_date"] = day
    answers = teds.clean_answers(teds.DISCHARGE, form.teds or {})
    for name, message in teds.answer_problems(teds.DISCHARGE, answers).items():
        errors.add(name, message)
    errors.raise_if_any()
    values["teds"] = answers
    return values


def _end_memberships(client_id: int, day: dt.date) -> int:
    open_ = (RosterMembership.client == client_id) & (
        RosterMembership.end_date.is_null() | (RosterMembership.end_date > day)
    )
    return (
        RosterMembership.update(end_date=day, end_reason=ROSTER_END_REASON).where(open_).execute()
    )


@use_case(
    "discharge.sign", "discharge.manage", changes=("client", "clinical", "schedule", "attendance")
)
def sign_discharge(
    actor: Actor,
    client_id: int,
    form: DischargeForm,
    *,
    cancel_future_sessions: bool = False,
    override_reason: str = "",
    transfer: LevelChangeForm | None = None,
) -> DischargeView:
    """Sign the discharge: end rosters, optionally cancel bookings, schedule follow-ups.

    ``transfer`` is the level-of-care change that takes the client out of the program: it is
    recorded with this discharge (a transfer, dated the discharge day) or not at all."""
    client = client_or_404(client_id)
    episode = episode_for(client_id)
    if episode.status == "discharged" or Discharge.get_or_none(Discharge.episode == episode.id):
        when = formats.show_date(episode.discharge_date) if episode.discharge_date else "earlier"
        raise DomainError(
            f"Episode {episode.number} was already discharged ({when}). "
            "Use Readmit to start a new episode."
        )
    values = _validate(form, episode)
    answers: dict[str, str] = values.pop("teds")  # type: ignore[assignment]
    day: dt.date = values["discharge_date"]  # type: ignore[assignment]
    if transfer is not None and values["discharge_type"] != TRANSFERRED:
        raise ValidationError(
            {"discharge_type": f"A transfer out is discharged as {DISCHARGE_TYPES[TRANSFERRED]}."}
        )
    moved = check_change(client_id, replace(transfer, effective_date=day)) if transfer else None
    reason = optional_text(Collector(), "", override_reason, "Reason", max_len=2000)
    unsigned = sources.unsigned_notes_for(client_id)
    if unsigned and not reason:
        count = len(unsigned)
        raise NeedsConfirmation(
            f"{count} note{'s are' if count != 1 else ' is'} still unsigned for this client. "
            "Sign them first, or give a reason to discharge anyway.",
            unsigned,
        )
    # The facts are the episode as it stood: taken before rosters end and bookings go.
    facts = compute_facts(client, episode, day)
    ended = _end_memberships(client_id, day)
    cancelled = (
        sources.cancel_future_sessions(client_id, day, CANCEL_REASON)
        if cancel_future_sessions
        else 0
    )
    row = Discharge.create(
        episode=episode.id,
        client=client_id,
        facts=facts.to_json(),
        unsigned_notes_override=reason if unsigned else "",
        sessions_cancelled=cancelled,
        signed_by=actor.staff_id,
        created_by=actor.staff_id,
        **values,
    )
    if moved is not None:
        store_change(actor, moved, discharge_id=row.id)
    if answers:
        TedsDischarge.create(discharge=row.id, **({q.key: "" for q in teds.DISCHARGE} | answers))
    Episode.update(status="discharged", discharge_date=day).where(
        Episode.id == episode.id
    ).execute()
    Client.update(status="discharged").where(Client.id == client_id).execute()
    scheduled = schedule_standard_follow_ups(episode.id, client_id, day)
    detail = (
        f"Episode {episode.number}: {DISCHARGE_TYPES[values['discharge_type']]} on {day}; "
        f"{ended} roster membership(s) ended, {cancelled} session(s) cancelled, "
        f"{scheduled} follow-up(s) scheduled"
    )
    if moved is not None:
        detail += f"; transfer out to {moved.to_level} recorded as a level-of-care change"
    if unsigned:
        detail += f"; {len(unsigned)} unsigned note(s), reason: {reason}"
    describe(client_id=client_id, record_type="discharge", record_id=row.id, detail=detail)
    return _view(Discharge.get_by_id(row.id))


def _view(row: Discharge) -> DischargeView:
    episode = Episode.get_by_id(row.episode_id)
    signer = Staff.get_by_id(row.signed_by_id)
    return DischargeView(
        row.id,
        row.client_id,
        row.episode_id,
        episode.number,
        row.discharge_type,
        DISCHARGE_TYPES.get(row.discharge_type, row.discharge_type),
        row.discharge_date,
        row.step_down_level,
        row.condition_at_discharge,
        row.summary,
        DischargeFacts.from_json(row.facts),
        row.unsigned_notes_override,
        row.sessions_cancelled,
        signer.display_name,
        row.signed_at,
        discharge_addenda(row.id),
    )


def addenda_of(kind: str, record_id: int) -> tuple[Addendum, ...]:
    """The dated addenda to one signed or final record of ``kind``, oldest first (plain
    helper)."""
    query = (
        NoteAddendum.select(NoteAddendum, Staff)
        .join(Staff)
        .where((NoteAddendum.note_kind == kind) & (NoteAddendum.note_id == record_id))
        .order_by(NoteAddendum.at, NoteAddendum.id)
    )
    return tuple(Addendum(a.at, a.by.display_name, a.text) for a in query)


def discharge_addenda(discharge_id: int) -> tuple[Addendum, ...]:
    """The dated addenda to a signed discharge, oldest first (plain helper)."""
    return addenda_of(ADDENDUM_KIND, discharge_id)


@use_case("discharge.addendum", "clinical.write", changes=("clinical",))
def add_discharge_addendum(actor: Actor, discharge_id: int, text: str) -> DischargeView:
    """Add a dated addendum to a signed discharge (the signed text itself stays as it is)."""
    # A discharge row is written only by signing: every one found here is a signed discharge.
    row = Discharge.get_or_none(Discharge.id == discharge_id)
    if row is None:
        raise NotFound("That discharge does not exist.")
    errors = Collector()
    body = required_text(errors, "text", text, "Addendum", max_len=MAX_LONG, multiline=True)
    errors.raise_if_any()
    NoteAddendum.create(note_kind=ADDENDUM_KIND, note_id=row.id, text=body, by=actor.staff_id)
    describe(client_id=row.client_id, record_type="discharge", record_id=row.id)
    return _view(row)


def discharge_view(client_id: int, episode_id: int | None = None) -> DischargeView | None:
    """Plain helper for other use cases: the episode's signed discharge, if any."""
    episode = episode_for(client_id, episode_id)
    row = Discharge.get_or_none(Discharge.episode == episode.id)
    return _view(row) if row is not None else None


@use_case("discharge.open", "clinical.read", kind="read")
def get_discharge(
    actor: Actor, client_id: int, episode_id: int | None = None
) -> DischargeView | None:
    """The signed discharge of an episode (default: the current one), or None."""
    client_or_404(client_id)
    view = discharge_view(client_id, episode_id)
    describe(client_id=client_id, record_type="discharge", record_id=view.id if view else "")
    return view


def discharge_label(episode_number: int) -> str:
    """How a discharge summary is named in pickers and the disclosure log."""
    return f"Discharge summary, episode {episode_number}"


def discharged_episodes(client_id: int) -> list[tuple[int, str]]:
    """(episode id, label) of the client's signed discharges, newest first."""
    query = (
        Episode.select(Episode.id, Episode.number)
        .join(Discharge, on=(Discharge.episode == Episode.id))
        .where(Episode.client == client_id)
        .order_by(Episode.number.desc())
    )
    return [(e.id, discharge_label(e.number)) for e in query]


def summary_copy(
    client_id: int, episode_id: int | None, copy: Copy
) -> tuple[str, Printout[DischargeDocument]]:
    """The signed discharge summary of an episode (default: the current one) rendered as
    ``copy`` (call inside a use case), with its label."""
    client = client_or_404(client_id)
    view = discharge_view(client_id, episode_id)
    if view is None:
        raise DomainError("This episode has not been discharged; there is no summary to print.")
    episode = Episode.get_by_id(view.episode_id)
    document = DischargeDocument(
        clinic_letterhead(),
        client.full_name,
        client.record_number,
        client.date_of_birth,
        counselor_name(episode, client),
        episode.level_of_care,
        view,
        dt.date.today(),
        copy,
        episode_progress(episode),
        course_entries(episode.id),
    )
    name = safe_file_name(f"discharge-summary-{client.record_number}-{view.episode_number}")
    printout = Printout(document, render_discharge_summary(document), f"{name}.pdf")
    return discharge_label(view.episode_number), printout


@use_case("discharge.print", "clinical.read", kind="read")
def print_discharge_summary(
    actor: Actor, client_id: int, episode_id: int | None = None
) -> Printout[DischargeDocument]:
    """The signed discharge summary of an episode (default: the current one) as a PDF for
    internal use (an audited read)."""
    _, printout = summary_copy(client_id, episode_id, INTERNAL)
    describe(client_id=client_id, record_type="discharge",
             record_id=printout.document.discharge.id, detail="summary printed")  # fmt: skip
    return printout
