"""Treatment plan tables: versions, problems -> goals -> objectives -> interventions,
signatures, reviews and the clinic's reusable plan library.

A plan version is frozen once the client, counselor and supervisor have signed; a change makes
a new version (``previous`` links back), so every earlier version stays readable and printable.
"""

from __future__ import annotations

import peewee as pw

from iopdesk.db.models.base import BaseModel, now
from iopdesk.db.models.core import Client, Episode, Staff


class TreatmentPlan(BaseModel):
    """One version of a client's treatment plan for one episode of care."""

    client = pw.ForeignKeyField(Client, backref="treatment_plans", on_delete="RESTRICT")
    episode = pw.ForeignKeyField(Episode, backref="treatment_plans", on_delete="RESTRICT")
    version = pw.IntegerField(default=1)
    #: draft | partially_signed | signed (frozen) | superseded
    status = pw.CharField(max_length=20, default="draft", index=True)
    diagnosis = pw.TextField(default="")
    icd10_code = pw.CharField(max_length=20, default="")
    level_of_care = pw.CharField(max_length=80, default="")
    counselor = pw.ForeignKeyField(Staff, null=True, backref="plans", on_delete="RESTRICT")
    start_date = pw.DateField()
    next_review_date = pw.DateField(index=True)
    previous = pw.ForeignKeyField("self", null=True, backref="revisions", on_delete="RESTRICT")
    created_by = pw.ForeignKeyField(Staff, backref="plans_created", on_delete="RESTRICT")
    created_at = pw.DateTimeField(default=now)
    signed_at = pw.DateTimeField(null=True)
    #: Bumped by every save; a save made from an older view is refused (services.versions).
    row_version = pw.IntegerField(default=1)
    updated_by = pw.ForeignKeyField(
        Staff, null=True, backref="+", on_delete="RESTRICT", index=False
    )
    updated_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = (
            (("episode", "version"), True),
            (("client", "version"), False),
            (("counselor", "next_review_date"), False),
        )


class Problem(BaseModel):
    """A numbered problem of a plan, optionally naming the ASAM dimension (1-6) it comes from."""

    plan = pw.ForeignKeyField(TreatmentPlan, backref="problems", on_delete="CASCADE")
    position = pw.IntegerField()
    statement = pw.TextField()
    asam_dimension = pw.IntegerField(null=True)
    #: Bumped by every save; a save made from an older view is refused (services.versions).
    row_version = pw.IntegerField(default=1)
    updated_by = pw.ForeignKeyField(
        Staff, null=True, backref="+", on_delete="RESTRICT", index=False
    )
    updated_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = ((("plan", "position"), False),)


class Goal(BaseModel):
    """A goal for a problem, in the client's own words."""

    problem = pw.ForeignKeyField(Problem, backref="goals", on_delete="CASCADE")
    position = pw.IntegerField()
    text = pw.TextField()
    #: Bumped by every save; a save made from an older view is refused (services.versions).
    row_version = pw.IntegerField(default=1)
    updated_by = pw.ForeignKeyField(
        Staff, null=True, backref="+", on_delete="RESTRICT", index=False
    )
    updated_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = ((("problem", "position"), False),)


class Objective(BaseModel):
    """A measurable, time-bound objective ("1.1") toward a goal."""

    goal = pw.ForeignKeyField(Goal, backref="objectives", on_delete="CASCADE")
    position = pw.IntegerField()
    text = pw.TextField()
    target_date = pw.DateField()
    status = pw.CharField(max_length=20, default="open")  # open | met | revised | discontinued
    #: Bumped by every save; a save made from an older view is refused (services.versions).
    row_version = pw.IntegerField(default=1)
    updated_by = pw.ForeignKeyField(
        Staff, null=True, backref="+", on_delete="RESTRICT", index=False
    )
    updated_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = ((("goal", "position"), False),)


class Intervention(BaseModel):
    """What staff will do for an objective: modality, approach, frequency, who is responsible."""

    objective = pw.ForeignKeyField(Objective, backref="interventions", on_delete="CASCADE")
    position = pw.IntegerField()
    modality = pw.CharField(max_length=20)  # group | individual | family
    approach = pw.CharField(max_length=40)  # CBT | DBT | MI | MBSR | psychoeducation | ...
    description = pw.TextField(default="")
    frequency = pw.CharField(max_length=120)
    responsible = pw.ForeignKeyField(
        Staff, null=True, backref="plan_interventions", on_delete="RESTRICT"
    )
    #: Bumped by every save; a save made from an older view is refused (services.versions).
    row_version = pw.IntegerField(default=1)
    updated_by = pw.ForeignKeyField(
        Staff, null=True, backref="+", on_delete="RESTRICT", index=False
    )
    updated_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = ((("objective", "position"), False),)


class PlanSignature(BaseModel):
    """A signature on a plan version: client (signer null), counselor or supervisor."""

    plan = pw.ForeignKeyField(TreatmentPlan, backref="signatures", on_delete="CASCADE")
    role = pw.CharField(max_length=20)  # client | counselor | supervisor
    signer = pw.ForeignKeyField(Staff, null=True, backref="plan_signatures", on_delete="RESTRICT")
    #: Holds the longest name a form accepts: a client's "first last" (100 + 1 + 100) and a
    #: staff member's "full name, credentials" (200 + 2 + 80).
    signer_name = pw.CharField(max_length=300)
    signed_on = pw.DateField()
    on_paper = pw.BooleanField(default=False)
    recorded_by = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    recorded_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("plan", "role"), True),)


class PlanReview(BaseModel):
    """A scheduled review: progress per objective (JSON) and the changes decided."""

    plan = pw.ForeignKeyField(TreatmentPlan, backref="reviews", on_delete="CASCADE")
    review_date = pw.DateField()
    #: JSON list of {"objective_id", "number", "text", "status", "note"}
    progress = pw.TextField(default="[]")
    changes = pw.TextField(default="")
    by = pw.ForeignKeyField(Staff, backref="plan_reviews", on_delete="RESTRICT")
    created_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("plan", "review_date"), False),)


class LibraryItem(BaseModel):
    """A reusable problem, goal, objective or intervention the clinic keeps."""

    kind = pw.CharField(max_length=20, index=True)  # problem | goal | objective | intervention
    text = pw.TextField()
    #: JSON: asam_dimension, target_days, modality, approach, frequency...
    fields = pw.TextField(default="{}")
    active = pw.BooleanField(default=True)
    created_by = pw.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    created_at = pw.DateTimeField(default=now)


PLANS_MODELS = [
    TreatmentPlan,
    Problem,
    Goal,
    Objective,
    Intervention,
    PlanSignature,
    PlanReview,
    LibraryItem,
]
