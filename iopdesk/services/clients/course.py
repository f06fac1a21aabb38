"""The course of an episode in one list: its program phases and level-of-care changes, as the
chart's Intake section shows them and the discharge summary prints them."""

from __future__ import annotations

from dataclasses import dataclass

from iopdesk.reports.discharge_summary import CourseEntry
from iopdesk.services.clients.level_of_care import LevelChange, episode_level_changes
from iopdesk.services.clients.phases import PhaseEntry, current_episode, episode_phase_changes
from iopdesk.services.clients.records import client_or_404
from iopdesk.services.context import Actor, describe, use_case


@dataclass(frozen=True)
class EpisodeCourse:
    """The current episode's phase and level of care, and every change, oldest first."""

    client_id: int
    episode_number: int | None
    phase: str
    level_of_care: str
    #: an admitted episode not yet discharged takes new changes
    open_for_changes: bool
    entries: tuple[CourseEntry, ...]


def _entries(
    phases: tuple[PhaseEntry, ...], levels: tuple[LevelChange, ...]
) -> tuple[CourseEntry, ...]:
    # Both histories come newest first; reversed, a stable sort keeps a day's order of entry.
    entries = [
        CourseEntry(p.effective_date, f"Phase: {p.phase}", p.reason, p.decided_by)
        for p in reversed(phases)
    ]
    entries += [
        CourseEntry(
            c.effective_date,
            f"{c.direction}: {c.from_level or 'not recorded'} to {c.to_level}",
            f"{c.justification}\nASAM re-ratings: {c.ratings_text}",
            c.decided_by,
        )
        for c in reversed(levels)
    ]
    return tuple(sorted(entries, key=lambda e: e.on))


def course_entries(episode_id: int) -> tuple[CourseEntry, ...]:
    """The episode's phase and level-of-care changes, oldest first (plain helper)."""
    return _entries(episode_phase_changes(episode_id), episode_level_changes(episode_id))


@use_case("course.view", "clinical.read", kind="read")
def episode_course(actor: Actor, client_id: int) -> EpisodeCourse:
    """The current episode's phases and level-of-care changes for the chart."""
    client_id = client_or_404(client_id).id
    describe(client_id=client_id, record_type="episode_course")
    episode = current_episode(client_id)
    if episode is None:
        return EpisodeCourse(client_id, None, "", "", False, ())
    phases = episode_phase_changes(episode.id)
    entries = _entries(phases, episode_level_changes(episode.id))
    is_open = episode.admission_date is not None and episode.status != "discharged"
    return EpisodeCourse(client_id, episode.number, phases[0].phase if phases else "",
                         episode.level_of_care, is_open, entries)  # fmt: skip
