"""Discharge and aftercare tables: the signed discharge, the aftercare plan, follow-up check-ins."""

from __future__ import annotations

import peewee as pw

from iopdesk.db.models.base import BaseModel, now
from iopdesk.db.models.core import Client, Episode, Staff


class Discharge(BaseModel):
    """The signed end of one episode of care (one per episode), with its facts snapshot."""

    episode = pw.ForeignKeyField(Episode, unique=True, backref="discharges", on_delete="RESTRICT")
    client = pw.ForeignKeyField(Client, backref="discharges", on_delete="RESTRICT")
    discharge_type = pw.CharField(max_length=30)  # TEDS vocabulary, see domain/aftercare
    discharge_date = pw.DateField()
    step_down_level = pw.CharField(max_length=200, default="")
    condition_at_discharge = pw.TextField(default="")
    summary = pw.TextField(default="")
    #: the figures the summary was written from, frozen as JSON at signing
    facts = pw.TextField(default="{}")
    #: why the clinician discharged while notes were still unsigned (empty when none were)
    unsigned_notes_override = pw.TextField(default="")
    sessions_cancelled = pw.IntegerField(default=0)
    signed_by = pw.ForeignKeyField(Staff, backref="signed_discharges", on_delete="RESTRICT")
    signed_at = pw.DateTimeField(default=now)
    created_by = pw.ForeignKeyField(Staff, backref="created_discharges", on_delete="RESTRICT")
    created_at = pw.DateTimeField(default=now)


class AftercarePlan(BaseModel):
    """The plan the client takes home: where care continues and how to stay well. A final plan
    is frozen; a revision is a new version of the episode's plan (the highest is current)."""

    episode = pw.ForeignKeyField(Episode, backref="aftercare_plans", on_delete="RESTRICT")
    client = pw.ForeignKeyField(Client, backref="aftercare_plans", on_delete="RESTRICT")
    version = pw.IntegerField(default=1)
    status = pw.CharField(max_length=10, default="draft")  # draft | final
    sober_living = pw.TextField(default="")
    mat_follow_up = pw.TextField(default="")
    vocational_referral = pw.TextField(default="")
    education_referral = pw.TextField(default="")
    housing_referral = pw.TextField(default="")
    triggers = pw.TextField(default="")
    warning_signs = pw.TextField(default="")
    coping_strategies = pw.TextField(default="")
    created_by = pw.ForeignKeyField(Staff, backref="created_aftercare_plans", on_delete="RESTRICT")
    updated_by = pw.ForeignKeyField(Staff, backref="updated_aftercare_plans", on_delete="RESTRICT")
    created_at = pw.DateTimeField(default=now)
    updated_at = pw.DateTimeField(default=now)
    #: Bumped by every save; a save made from an older view is refused (services.versions).
    row_version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("episode", "version"), True),)


class AftercareAppointment(BaseModel):
    """A continuing-care appointment: who, where, when."""

    plan = pw.ForeignKeyField(AftercarePlan, backref="appointments", on_delete="CASCADE")
    position = pw.IntegerField(default=0)
    provider = pw.CharField(max_length=200)
    address = pw.TextField(default="")
    phone = pw.CharField(max_length=40, default="")
    day = pw.DateField(null=True)
    time = pw.TimeField(null=True)


class SupportGroup(BaseModel):
    """A mutual-help meeting the client plans to attend (AA, NA, SMART Recovery...)."""

    plan = pw.ForeignKeyField(AftercarePlan, backref="support_groups", on_delete="CASCADE")
    position = pw.IntegerField(default=0)
    kind = pw.CharField(max_length=20)  # AA | NA | SMART Recovery | other
    name = pw.CharField(max_length=200, default="")
    meeting_day = pw.CharField(max_length=20, default="")  # Monday..Sunday
    time = pw.TimeField(null=True)
    place = pw.TextField(default="")


class SupportContact(BaseModel):
    """A person the client can call when things get hard."""

    plan = pw.ForeignKeyField(AftercarePlan, backref="contacts", on_delete="CASCADE")
    position = pw.IntegerField(default=0)
    name = pw.CharField(max_length=200)
    relationship = pw.CharField(max_length=100, default="")
    phone = pw.CharField(max_length=40)


class FollowUp(BaseModel):
    """A post-discharge check-in: due on a date, recorded once it happened."""

    episode = pw.ForeignKeyField(Episode, backref="follow_ups", on_delete="RESTRICT")
    client = pw.ForeignKeyField(Client, backref="follow_ups", on_delete="RESTRICT")
    due_date = pw.DateField(index=True)
    kind = pw.CharField(max_length=10, default="custom")  # 30 | 60 | 90 | custom
    done_on = pw.DateField(null=True)
    reached = pw.BooleanField(null=True)
    recovery_status = pw.CharField(max_length=20, default="")  # in_recovery | returned | unknown
    engaged_in_care = pw.BooleanField(null=True)
    notes = pw.TextField(default="")
    recorded_by = pw.ForeignKeyField(
        Staff, null=True, backref="recorded_follow_ups", on_delete="RESTRICT"
    )
    created_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("done_on", "due_date"), False), (("episode", "due_date"), False))


AFTERCARE_MODELS = [
    Discharge,
    AftercarePlan,
    AftercareAppointment,
    SupportGroup,
    SupportContact,
    FollowUp,
]
