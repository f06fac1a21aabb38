"""State reporting (TEDS) answers: asked at intake and again at discharge, kept raw.

Each column holds the raw answer to the question of the same key in ``iopdesk.domain.teds``
("" when it was never asked); the TEDS codes are derived only when the extract is made.
"""

from __future__ import annotations

import peewee as pw

from iopdesk.db.models.aftercare import Discharge
from iopdesk.db.models.base import BaseModel
from iopdesk.db.models.intake import IntakeAssessment


def _answer() -> pw.CharField:
    return pw.CharField(max_length=30, default="")


class TedsAdmission(BaseModel):
    """The admission questions of one intake assessment (signed with it, then frozen)."""

    assessment = pw.ForeignKeyField(
        IntakeAssessment, unique=True, backref="teds", on_delete="CASCADE"
    )
    gender = _answer()
    race = _answer()
    ethnicity = _answer()
    education = _answer()
    employment = _answer()
    living = _answer()
    veteran = _answer()
    pregnant = _answer()
    referral = _answer()
    prior_episodes = _answer()
    arrests = _answer()
    self_help = _answer()
    sub1 = _answer()
    route1 = _answer()
    freq1 = _answer()
    age1 = _answer()
    sub2 = _answer()
    route2 = _answer()
    freq2 = _answer()
    age2 = _answer()
    sub3 = _answer()
    route3 = _answer()
    freq3 = _answer()
    age3 = _answer()


class TedsDischarge(BaseModel):
    """The follow-up questions asked again at one signed discharge."""

    discharge = pw.ForeignKeyField(Discharge, unique=True, backref="teds", on_delete="RESTRICT")
    employment = _answer()
    living = _answer()
    arrests = _answer()
    self_help = _answer()
    freq1 = _answer()
    freq2 = _answer()
    freq3 = _answer()
