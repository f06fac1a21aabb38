"""Safety plans, the medication list and sobriety dates: clinical records kept beside the
treatment plan.

A safety plan is versioned like a treatment plan: a draft is edited, signing freezes it, a
change makes a new version (``previous`` links back) and the older one is kept, superseded.
"""

from __future__ import annotations

import peewee as pw

from iopdesk.db.models.base import BaseModel, now
from iopdesk.db.models.core import Client, Episode, Staff


class SafetyPlan(BaseModel):
    """One version of a client's suicide safety plan, in the client's own words."""

    client = pw.ForeignKeyField(Client, backref="safety_plans", on_delete="RESTRICT")
    episode = pw.ForeignKeyField(Episode, null=True, backref="safety_plans", on_delete="RESTRICT")
    version = pw.IntegerField(default=1)
    status = pw.CharField(max_length=12, default="draft")  # draft | signed | superseded
    warning_signs = pw.TextField(default="")
    coping_strategies = pw.TextField(default="")
    distractions = pw.TextField(default="")
    #: JSON lists of {"name", "relationship", "phone"}: people to ask for help, professionals
    helpers = pw.TextField(default="[]")
    professionals = pw.TextField(default="[]")
    safe_environment = pw.TextField(default="")
    reasons_for_living = pw.TextField(default="")
    previous = pw.ForeignKeyField("self", null=True, backref="revisions", on_delete="RESTRICT")
    created_by = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    created_at = pw.DateTimeField(default=now)
    signed_by = pw.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    signed_at = pw.DateTimeField(null=True)
    #: Bumped by every save; a save made from an older view is refused (services.versions).
    row_version = pw.IntegerField(default=1)
    updated_by = pw.ForeignKeyField(
        Staff, null=True, backref="+", on_delete="RESTRICT", index=False
    )
    updated_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = ((("client", "version"), True),)


class Medication(BaseModel):
    """A medication the client takes (or took), MAT included, as the prescriber ordered it."""

    client = pw.ForeignKeyField(Client, backref="medications", on_delete="RESTRICT")
    name = pw.CharField(max_length=200)
    dose = pw.CharField(max_length=100, default="")
    route = pw.CharField(max_length=60, default="")
    frequency = pw.CharField(max_length=100, default="")
    prescriber = pw.CharField(max_length=200, default="")
    start_date = pw.DateField(null=True)
    stop_date = pw.DateField(null=True)
    #: a medication for addiction treatment (buprenorphine, methadone, naltrexone...)
    is_mat = pw.BooleanField(default=False)
    notes = pw.TextField(default="")
    created_by = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    created_at = pw.DateTimeField(default=now)
    #: Bumped by every save; a save made from an older view is refused (services.versions).
    row_version = pw.IntegerField(default=1)
    updated_by = pw.ForeignKeyField(
        Staff, null=True, backref="+", on_delete="RESTRICT", index=False
    )
    updated_at = pw.DateTimeField(null=True)


class SobrietyDate(BaseModel):
    """One setting of a client's sobriety date; a reset adds a row, so the history stays.

    The client's current date is their newest row.
    """

    client = pw.ForeignKeyField(Client, backref="sobriety_dates", on_delete="RESTRICT")
    sober_since = pw.DateField()
    note = pw.CharField(max_length=200, default="")
    set_by = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    set_at = pw.DateTimeField(default=now)


CARE_MODELS = [SafetyPlan, Medication, SobrietyDate]
