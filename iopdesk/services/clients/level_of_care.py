"""Level-of-care changes during an episode: a step up or down recorded with its date, the new
level, a justification and the six ASAM dimensions re-rated. The episode's level follows the
change; a transfer out of the program is recorded by the discharge that ends the episode
(``aftercare.discharge.sign_discharge``), never by a second way of ending it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from iopdesk.db.models.core import Episode, Staff
from iopdesk.db.models.course import LevelOfCareChange, LevelOfCareRating
from iopdesk.domain.episode_course import TRANSFER_OUT, direction
from iopdesk.domain.intake import (
    ASAM_DIMENSIONS,
    LEVELS_OF_CARE,
    MAX_NARRATIVE,
    AsamEntry,
    asam_rating_problems,
)
from iopdesk.domain.validators import choice_field, optional_text, required_text
from iopdesk.errors import Collector
from iopdesk.services.clients.phases import admitted_episode, current_episode, episode_day
from iopdesk.services.clients.records import client_or_404
from iopdesk.services.context import Actor, describe, use_case

#: What a refusal says the person could not do ("…: there is no episode to record … in").
DOING = "record a level-of-care change"


@dataclass(frozen=True)
class LevelChangeForm:
    """What the clinician enters: the date, the new level, why, and the six re-ratings."""

    effective_date: dt.date | str | None
    new_level: str
    justification: str
    ratings: Mapping[int, AsamEntry] = field(default_factory=dict)


@dataclass(frozen=True)
class Rerating:
    """One ASAM dimension as re-rated for a change."""

    dimension: int
    name: str
    rating: int
    narrative: str


@dataclass(frozen=True)
class LevelChange:
    """One change as the chart and the discharge summary list it."""

    id: int
    effective_date: dt.date
    #: "Step up", "Step down", "Change" or "Transfer out"
    direction: str
    from_level: str
    to_level: str
    justification: str
    ratings: tuple[Rerating, ...]
    decided_by: str
    recorded_at: dt.datetime

    @property
    def ratings_text(self) -> str:
        """ "D1 2 · D2 0 · …" for a table cell."""
        return " · ".join(f"D{r.dimension} {r.rating}" for r in self.ratings)


@dataclass(frozen=True)
class EpisodeLevels:
    """The current episode's level of care and its changes, newest first."""

    client_id: int
    episode_number: int | None
    current_level: str
    changes: tuple[LevelChange, ...]


@dataclass(frozen=True)
class CheckedChange:
    """A change that passed every rule, ready to be stored."""

    episode: Episode
    effective_date: dt.date
    from_level: str
    to_level: str
    justification: str
    ratings: dict[int, AsamEntry]


def _newest(episode_id: int) -> LevelOfCareChange | None:
    return (
        LevelOfCareChange.select()
        .where(LevelOfCareChange.episode == episode_id)
        .order_by(LevelOfCareChange.effective_date.desc(), LevelOfCareChange.id.desc())
        .first()
    )


def check_change(client_id: int, form: LevelChangeForm) -> CheckedChange:
    """Every rule of a level-of-care change (plain helper; raises ValidationError with each
    refusal under its field)."""
    episode = admitted_episode(client_or_404(client_id).id, DOING)
    newest = _newest(episode.id)
    errors = Collector()
    since = newest.effective_date if newest else episode.admission_date
    day = episode_day(errors, "effective_date", form.effective_date, "Effective date", episode,
                      since)  # fmt: skip
    level = choice_field(errors, "new_level", form.new_level, "New level of care",
                         list(LEVELS_OF_CARE))  # fmt: skip
    if level and level == episode.level_of_care:
        errors.add("new_level", f"The client is already at {level}.")
    why = required_text(errors, "justification", form.justification, "Justification",
                        max_len=2000, multiline=True)  # fmt: skip
    for name, message in asam_rating_problems(form.ratings, all_rated=True).items():
        errors.add(name, message)
    ratings = {}
    for dim in ASAM_DIMENSIONS:
        entry = form.ratings.get(dim, AsamEntry())
        text = optional_text(errors, f"asam.{dim}.narrative", entry.narrative, "Narrative",
                             max_len=MAX_NARRATIVE, multiline=True)  # fmt: skip
        ratings[dim] = AsamEntry(entry.rating, text)
    errors.raise_if_any()
    assert day is not None  # raise_if_any refused a missing date
    return CheckedChange(episode, day, episode.level_of_care, level, why, ratings)


def store_change(actor: Actor, checked: CheckedChange, discharge_id: int | None = None) -> int:
    """Write the change and its ratings; a change within the program also moves the episode's
    level (plain helper, inside the caller's use case). Returns the change's id."""
    episode = checked.episode
    row = LevelOfCareChange.create(
        client=episode.client_id, episode=episode.id, effective_date=checked.effective_date,
        from_level=checked.from_level, to_level=checked.to_level,
        justification=checked.justification, discharge=discharge_id, decided_by=actor.staff_id,
    )  # fmt: skip
    LevelOfCareRating.insert_many(
        [
            {"change": row.id, "dimension": dim, "rating": e.rating, "narrative": e.narrative}
            for dim, e in checked.ratings.items()
        ]
    ).execute()
    if discharge_id is None:
        Episode.update(level_of_care=checked.to_level).where(Episode.id == episode.id).execute()
    return row.id


def episode_level_changes(episode_id: int) -> tuple[LevelChange, ...]:
    """The episode's level-of-care changes with their ratings, newest first (plain helper)."""
    rows = list(
        LevelOfCareChange.select()
        .where(LevelOfCareChange.episode == episode_id)
        .order_by(LevelOfCareChange.effective_date.desc(), LevelOfCareChange.id.desc())
    )
    if not rows:
        return ()
    ratings: dict[int, list[Rerating]] = {r.id: [] for r in rows}
    query = (
        LevelOfCareRating.select()
        .where(LevelOfCareRating.change.in_(list(ratings)))
        .order_by(LevelOfCareRating.dimension)
    )
    for r in query:
        ratings[r.change_id].append(
            Rerating(r.dimension, ASAM_DIMENSIONS.get(r.dimension, ""), r.rating, r.narrative)
        )
    names = {s.id: s.display_name for s in Staff.select()}
    return tuple(
        LevelChange(
            r.id, r.effective_date,
            TRANSFER_OUT if r.discharge_id else direction(r.from_level, r.to_level),
            r.from_level, r.to_level, r.justification, tuple(ratings[r.id]),
            names.get(r.decided_by_id, ""), r.recorded_at,
        )
        for r in rows
    )  # fmt: skip


@use_case("level.check", "clinical.write", kind="read", audited=False)
def check_level_change(actor: Actor, client_id: int, form: LevelChangeForm) -> str:
    """Check a change before it goes on to the discharge (a transfer out): the refusals, or
    the change in words ("Step up from … to …")."""
    checked = check_change(client_id, form)
    verb = direction(checked.from_level, checked.to_level)
    return f"{verb} from {checked.from_level or 'the current level'} to {checked.to_level}"


@use_case("level.change", "clinical.write", changes=("clinical", "client"))
def record_level_change(actor: Actor, client_id: int, form: LevelChangeForm) -> EpisodeLevels:
    """Record a step up or down within the episode with its justification and re-ratings; the
    episode's level of care becomes the new level."""
    checked = check_change(client_id, form)
    change_id = store_change(actor, checked)
    episode = checked.episode
    describe(client_id=episode.client_id, record_type="level_of_care_change",
             record_id=change_id, detail=f"episode {episode.number}: {checked.from_level} -> "
             f"{checked.to_level} from {checked.effective_date}")  # fmt: skip
    return _levels(episode.client_id)


def _levels(client_id: int) -> EpisodeLevels:
    episode = current_episode(client_id)
    if episode is None:
        return EpisodeLevels(client_id, None, "", ())
    changes = episode_level_changes(episode.id)
    return EpisodeLevels(client_id, episode.number, episode.level_of_care, changes)


@use_case("level.history", "clinical.read", kind="read")
def level_history(actor: Actor, client_id: int) -> EpisodeLevels:
    """The current episode's level of care and its changes with their re-ratings."""
    client_id = client_or_404(client_id).id
    describe(client_id=client_id, record_type="level_of_care_changes")
    return _levels(client_id)
