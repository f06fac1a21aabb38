"""The course of an episode: the program phases a client moves through and the level-of-care
changes made during the episode, each with the ASAM re-ratings that justified it.

Both are histories: a change adds a row and nothing is overwritten. The current phase is the
episode's newest phase change; the current level of care is kept on the episode itself.
"""

from __future__ import annotations

import peewee as pw

from iopdesk.db.models.aftercare import Discharge
from iopdesk.db.models.base import BaseModel, now
from iopdesk.db.models.core import Client, Episode, Staff


class PhaseChange(BaseModel):
    """A client entering one of the clinic's named program phases on a date."""

    client = pw.ForeignKeyField(Client, backref="phase_changes", on_delete="RESTRICT")
    episode = pw.ForeignKeyField(
        Episode, backref="phase_changes", on_delete="RESTRICT", index=False
    )
    phase = pw.CharField(max_length=60)
    effective_date = pw.DateField()
    reason = pw.CharField(max_length=200, default="")
    decided_by = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    recorded_at = pw.DateTimeField(default=now)

    class Meta:
        # The header's current phase and the history: one episode's rows, newest first.
        indexes = ((("episode", "effective_date"), False),)


class LevelOfCareChange(BaseModel):
    """A step up, step down or transfer out during the episode, with its justification."""

    client = pw.ForeignKeyField(Client, backref="level_changes", on_delete="RESTRICT")
    episode = pw.ForeignKeyField(
        Episode, backref="level_changes", on_delete="RESTRICT", index=False
    )
    effective_date = pw.DateField()
    from_level = pw.CharField(max_length=80, default="")
    to_level = pw.CharField(max_length=80)
    justification = pw.TextField()
    #: set when the change took the client out of the program: the discharge that ended it
    discharge = pw.ForeignKeyField(Discharge, null=True, backref="+", on_delete="RESTRICT")
    decided_by = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    recorded_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("episode", "effective_date"), False),)


class LevelOfCareRating(BaseModel):
    """One ASAM dimension re-rated for a level-of-care change (0-4, with a narrative)."""

    change = pw.ForeignKeyField(
        LevelOfCareChange, backref="ratings", on_delete="CASCADE", index=False
    )
    dimension = pw.IntegerField()
    rating = pw.IntegerField()
    narrative = pw.TextField(default="")

    class Meta:
        indexes = ((("change", "dimension"), True),)


COURSE_MODELS = [PhaseChange, LevelOfCareChange, LevelOfCareRating]
