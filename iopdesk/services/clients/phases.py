"""Program phases: a clinician records the client's move into one of the clinic's named phases
(kept as a history), the chart header shows the current one, and the chart lists them all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iopdesk.db.models.core import Episode, Staff
from iopdesk.db.models.course import PhaseChange
from iopdesk.domain import formats
from iopdesk.domain.validators import choice_field, date_field, optional_text
from iopdesk.errors import Collector, DomainError
from iopdesk.services.admin.clinic import get_setting
from iopdesk.services.clients.records import client_or_404
from iopdesk.services.context import Actor, describe, use_case

NO_PHASES = "The clinic has not named program phases (Administration, Clinic and settings)."


@dataclass(frozen=True)
class PhaseEntry:
    """One phase change as the history lists it."""

    phase: str
    effective_date: dt.date
    reason: str
    decided_by: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class EpisodePhases:
    """The current episode's phase ("" before any change), the clinic's phases to choose from,
    and every change in the episode, newest first."""

    client_id: int
    episode_number: int | None
    current: str
    phases: tuple[str, ...]
    history: tuple[PhaseEntry, ...]


def current_episode(client_id: int) -> Episode | None:
    """The client's newest episode of care, if any (plain helper)."""
    return (
        Episode.select().where(Episode.client == client_id).order_by(Episode.number.desc()).first()
    )


def admitted_episode(client_id: int, doing: str) -> Episode:
    """The client's current episode, admitted and not discharged; otherwise a sentence saying
    why ``doing`` (e.g. "record a phase change") cannot be done."""
    episode = current_episode(client_id)
    if episode is None or episode.admission_date is None:
        raise DomainError(f"The client has not been admitted: there is no episode to {doing} in.")
    if episode.status == "discharged":
        raise DomainError(
            f"Episode {episode.number} was discharged; readmit the client to {doing}."
        )
    return episode


def episode_day(
    errors: Collector, field: str, value: object, label: str, episode: Episode, since: dt.date
) -> dt.date | None:
    """A date in the episode: not before ``since`` (the admission, or the last change) and not
    after today."""
    day = date_field(errors, field, value, label)
    if day is None:
        return None
    if day > dt.date.today():
        errors.add(field, f"{label} cannot be in the future.")
    elif day < since:
        what = "the admission" if since == episode.admission_date else "the last change"
        errors.add(field, f"{label} cannot be before {what} ({formats.show_date(since)}).")
    return day


def _phase_rows(episode_id: int, newest_only: bool = False) -> list[PhaseChange]:
    query = (
        PhaseChange.select()
        .where(PhaseChange.episode == episode_id)
        .order_by(PhaseChange.effective_date.desc(), PhaseChange.id.desc())
    )
    return list(query.limit(1) if newest_only else query)


def episode_phase_changes(episode_id: int) -> tuple[PhaseEntry, ...]:
    """The episode's phase changes, newest first (plain helper)."""
    names = {s.id: s.display_name for s in Staff.select()}
    return tuple(
        PhaseEntry(r.phase, r.effective_date, r.reason, names.get(r.decided_by_id, ""),
                   r.recorded_at)
        for r in _phase_rows(episode_id)
    )  # fmt: skip


def _phases(client_id: int) -> EpisodePhases:
    episode = current_episode(client_id)
    named = tuple(get_setting("program_phases"))
    if episode is None:
        return EpisodePhases(client_id, None, "", named, ())
    history = episode_phase_changes(episode.id)
    current = history[0].phase if history else ""
    return EpisodePhases(client_id, episode.number, current, named, history)


@use_case("phase.change", "clinical.write", changes=("clinical",))
def record_phase_change(
    actor: Actor,
    client_id: int,
    phase: str,
    effective_date: dt.date | str | None,
    reason: str = "",
) -> EpisodePhases:
    """Record that the client entered ``phase`` on ``effective_date``, decided by the signed-in
    clinician; earlier phases stay in the history."""
    client = client_or_404(client_id)
    named = list(get_setting("program_phases"))
    if not named:
        raise DomainError(NO_PHASES)
    episode = admitted_episode(client.id, "record a phase change")
    newest = _phase_rows(episode.id, newest_only=True)
    errors = Collector()
    chosen = choice_field(errors, "phase", phase, "Phase", named)
    since = newest[0].effective_date if newest else episode.admission_date
    day = episode_day(errors, "effective_date", effective_date, "Effective date", episode, since)
    text = optional_text(errors, "reason", reason, "Reason", max_len=200)
    if chosen and newest and newest[0].phase == chosen:
        errors.add("phase", f"The client is already in the {chosen} phase.")
    errors.raise_if_any()
    row = PhaseChange.create(
        client=client.id, episode=episode.id, phase=chosen, effective_date=day, reason=text,
        decided_by=actor.staff_id,
    )  # fmt: skip
    describe(client_id=client.id, record_type="phase_change", record_id=row.id,
             detail=f"episode {episode.number}: {chosen} from {day}")  # fmt: skip
    return _phases(client.id)


@use_case("phase.history", "clinical.read", kind="read")
def phase_history(actor: Actor, client_id: int) -> EpisodePhases:
    """The current episode's phase changes, newest first, and the clinic's phases."""
    client_id = client_or_404(client_id).id
    describe(client_id=client_id, record_type="phase_changes")
    return _phases(client_id)
