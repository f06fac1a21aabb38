"""Follow-up check-ins after discharge: the 30/60/90-day schedule, recording, what is due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iopdesk.db.models.aftercare import FollowUp
from iopdesk.db.models.core import Client, Episode, Staff
from iopdesk.domain import formats
from iopdesk.domain.aftercare import RECOVERY_STATUSES, follow_up_schedule, week_bounds
from iopdesk.domain.validators import choice_field, date_field, optional_text
from iopdesk.errors import Collector, DomainError, NotFound
from iopdesk.services.context import Actor, describe, use_case

#: Check-ins overdue by more than this drop off Today (still listed in the chart).
OVERDUE_WINDOW_DAYS = 28


@dataclass(frozen=True)
class FollowUpRow:
    """One check-in as the chart lists it."""

    id: int
    client_id: int
    episode_id: int
    due_date: dt.date
    kind: str
    done_on: dt.date | None
    reached: bool | None
    recovery_status: str
    engaged_in_care: bool | None
    notes: str
    recorded_by: str

    @property
    def kind_label(self) -> str:
        return f"{self.kind}-day" if self.kind.isdigit() else "Extra"

    @property
    def outcome(self) -> str:
        if self.done_on is None:
            return "Not yet done"
        if not self.reached:
            return "Not reached"
        care = {True: "engaged in care", False: "not engaged in care", None: ""}[
            self.engaged_in_care
        ]
        status = RECOVERY_STATUSES.get(self.recovery_status, "")
        return ", ".join(p for p in ("Reached", status, care) if p)


@dataclass(frozen=True)
class FollowUpDue:
    """A check-in due this week (or recently overdue) for the Today screen."""

    id: int
    client_id: int
    client_name: str
    record_number: str
    phone: str
    counselor: str
    counselor_id: int | None
    due_date: dt.date
    kind: str
    overdue: bool


@dataclass(frozen=True)
class FollowUpForm:
    """What happened at a check-in."""

    done_on: dt.date | str | None
    reached: bool
    recovery_status: str = ""
    engaged_in_care: bool | None = None
    notes: str = ""


def schedule_standard_follow_ups(episode_id: int, client_id: int, discharge_date: dt.date) -> int:
    """Create the 30/60/90-day check-ins for a discharged episode (plain helper)."""
    existing = {
        f.kind for f in FollowUp.select(FollowUp.kind).where(FollowUp.episode == episode_id)
    }
    rows = [
        {"episode": episode_id, "client": client_id, "due_date": due, "kind": kind}
        for kind, due in follow_up_schedule(discharge_date)
        if kind not in existing
    ]
    if rows:
        FollowUp.insert_many(rows).execute()
    return len(rows)


def _row(f: FollowUp, names: dict[int, str]) -> FollowUpRow:
    return FollowUpRow(
        f.id,
        f.client_id,
        f.episode_id,
        f.due_date,
        f.kind,
        f.done_on,
        f.reached,
        f.recovery_status,
        f.engaged_in_care,
        f.notes,
        names.get(f.recorded_by_id, "") if f.recorded_by_id else "",
    )


def _staff_names() -> dict[int, str]:
    return {s.id: s.full_name for s in Staff.select(Staff.id, Staff.full_name)}


@use_case("follow_up.list", "clinical.read", kind="read")
def list_follow_ups(actor: Actor, client_id: int) -> list[FollowUpRow]:
    """Every check-in of the client, all episodes, soonest due first."""
    describe(client_id=client_id, record_type="follow_up")
    names = _staff_names()
    rows = FollowUp.select().where(FollowUp.client == client_id)
    return [_row(f, names) for f in rows.order_by(FollowUp.due_date, FollowUp.id)]


def _discharged_episode(episode_id: int) -> Episode:
    episode = Episode.get_by_id(episode_id)
    if episode.discharge_date is None:
        raise DomainError(
            f"Episode {episode.number} has not been discharged yet; follow-ups start after "
            "discharge."
        )
    return episode


def _due_after_discharge(errors: Collector, value: object, episode: Episode) -> dt.date | None:
    day = date_field(errors, "due_date", value, "Due date")
    if day is not None and day <= episode.discharge_date:
        errors.add(
            "due_date",
            "A follow-up is due after the discharge "
            f"({formats.show_date(episode.discharge_date)}).",
        )
    return day


def _follow_up(follow_up_id: int) -> FollowUp:
    row = FollowUp.get_or_none(FollowUp.id == follow_up_id)
    if row is None:
        raise NotFound("That follow-up does not exist.")
    return row


@use_case("follow_up.schedule", "discharge.manage", changes=("clinical",))
def schedule_follow_up(actor: Actor, client_id: int, due_date: dt.date | str) -> int:
    """Add an extra check-in for the client's discharged current episode."""
    episode = (
        Episode.select().where(Episode.client == client_id).order_by(Episode.number.desc()).first()
    )
    if episode is None:
        raise NotFound("This client has no episode of care.")
    episode = _discharged_episode(episode.id)
    errors = Collector()
    day = _due_after_discharge(errors, due_date, episode)
    errors.raise_if_any()
    row = FollowUp.create(episode=episode.id, client=client_id, due_date=day, kind="custom")
    describe(client_id=client_id, record_type="follow_up", record_id=row.id, detail=f"due {day}")
    return row.id


@use_case("follow_up.reschedule", "discharge.manage", changes=("clinical",))
def reschedule_follow_up(actor: Actor, follow_up_id: int, due_date: dt.date | str) -> None:
    """Move a check-in that has not happened yet to another date."""
    row = _follow_up(follow_up_id)
    if row.done_on is not None:
        raise DomainError("This check-in is already recorded; it cannot be moved.")
    errors = Collector()
    day = _due_after_discharge(errors, due_date, _discharged_episode(row.episode_id))
    errors.raise_if_any()
    FollowUp.update(due_date=day).where(FollowUp.id == row.id).execute()
    describe(client_id=row.client_id, record_type="follow_up", record_id=row.id, detail=f"{day}")


@use_case("follow_up.record", "discharge.manage", changes=("clinical",))
def record_follow_up(actor: Actor, follow_up_id: int, form: FollowUpForm) -> FollowUpRow:
    """Record a check-in: reached or not, recovery status, continuing care, notes."""
    row = _follow_up(follow_up_id)
    episode = _discharged_episode(row.episode_id)
    errors = Collector()
    day = date_field(errors, "done_on", form.done_on, "Date of the check-in")
    if day is not None:
        if day > dt.date.today():
            errors.add("done_on", "The check-in date cannot be in the future.")
        elif day < episode.discharge_date:
            errors.add(
                "done_on",
                "A check-in cannot be before the discharge "
                f"({formats.show_date(episode.discharge_date)}).",
            )
    status = ""
    if form.reached:
        status = choice_field(
            errors, "recovery_status", form.recovery_status, "Recovery status", RECOVERY_STATUSES
        )
    notes = optional_text(errors, "notes", form.notes, "Notes", max_len=10_000, multiline=True)
    errors.raise_if_any()
    FollowUp.update(
        done_on=day,
        reached=bool(form.reached),
        recovery_status=status or "unknown",
        engaged_in_care=form.engaged_in_care if form.reached else None,
        notes=notes,
        recorded_by=actor.staff_id,
    ).where(FollowUp.id == row.id).execute()
    describe(
        client_id=row.client_id,
        record_type="follow_up",
        record_id=row.id,
        detail=f"{row.kind}: {'reached' if form.reached else 'not reached'} on {day}",
    )
    return _row(FollowUp.get_by_id(row.id), _staff_names())


@use_case("follow_up.remove", "discharge.manage", changes=("clinical",))
def remove_follow_up(actor: Actor, follow_up_id: int) -> None:
    """Drop a check-in that is no longer wanted (only one not yet recorded)."""
    row = _follow_up(follow_up_id)
    if row.done_on is not None:
        raise DomainError("This check-in is already recorded; it stays in the record.")
    FollowUp.delete().where(FollowUp.id == row.id).execute()
    describe(client_id=row.client_id, record_type="follow_up", record_id=row.id, detail="removed")


@use_case("follow_up.due", "clinical.read", kind="read", audited=False)
def follow_ups_due(actor: Actor, week: dt.date) -> list[FollowUpDue]:
    """Check-ins not yet done that fall in the week of ``week`` (and recent overdue ones)."""
    monday, sunday = week_bounds(week)
    earliest = monday - dt.timedelta(days=OVERDUE_WINDOW_DAYS)
    # Only the columns the list shows: hundreds of rows on a large clinic, each decoded.
    query = (
        FollowUp.select(
            FollowUp.id,
            FollowUp.client,
            FollowUp.due_date,
            FollowUp.kind,
            Client.legal_first_name,
            Client.legal_last_name,
            Client.record_number,
            Client.phone,
            Client.counselor,
        )
        .join(Client, on=(FollowUp.client == Client.id))
        .where(
            FollowUp.done_on.is_null()
            & (FollowUp.due_date >= earliest)
            & (FollowUp.due_date <= sunday)
        )
        .order_by(FollowUp.due_date, Client.legal_last_name)
    )
    names = _staff_names()
    rows = [
        FollowUpDue(
            follow_up_id,
            client_id,
            f"{first} {last}",
            record_number,
            phone,
            names.get(counselor_id, "") if counselor_id else "",
            counselor_id,
            due,
            kind,
            due < monday,
        )
        for follow_up_id, client_id, due, kind, first, last, record_number, phone, counselor_id in (
            query.tuples()
        )
    ]
    # The signed-in clinician's own clients first: those are the calls they will make.
    return sorted(rows, key=lambda r: (r.counselor_id != actor.staff_id, r.due_date))
