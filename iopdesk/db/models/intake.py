"""Intake tables: assessments, substance use rows, screenings, ASAM ratings, suitability,
addenda and safety follow-ups."""

from __future__ import annotations

import peewee as pw

from iopdesk.db.models.base import BaseModel, now
from iopdesk.db.models.core import Client, Episode, Staff


class IntakeAssessment(BaseModel):
    """One intake assessment of one episode; a draft until a clinician signs and freezes it."""

    client = pw.ForeignKeyField(Client, backref="intake_assessments", on_delete="RESTRICT")
    episode = pw.ForeignKeyField(Episode, backref="intake_assessments", on_delete="RESTRICT")
    status = pw.CharField(max_length=10, default="draft", index=True)  # draft | signed
    assessed_on = pw.DateField()
    #: JSON {section key: text}; the keys are iopdesk.domain.intake.SECTIONS
    sections = pw.TextField(default="{}")
    level_of_care = pw.CharField(max_length=80, default="")
    rationale = pw.TextField(default="")
    justification = pw.TextField(default="")
    created_by = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    created_at = pw.DateTimeField(default=now)
    updated_by = pw.ForeignKeyField(Staff, backref="+", null=True, on_delete="RESTRICT")
    updated_at = pw.DateTimeField(default=now)
    signed_by = pw.ForeignKeyField(Staff, backref="+", null=True, on_delete="RESTRICT")
    signed_at = pw.DateTimeField(null=True)
    #: Bumped by every save; a save made from an older view is refused (services.versions).
    row_version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("client", "created_at"), False),)


class SubstanceUse(BaseModel):
    """One substance in an assessment's use history."""

    assessment = pw.ForeignKeyField(IntakeAssessment, backref="substances", on_delete="CASCADE")
    position = pw.IntegerField(default=0)
    substance = pw.CharField(max_length=200, default="")
    age_first_use = pw.IntegerField(null=True)
    frequency = pw.CharField(max_length=80, default="")
    route = pw.CharField(max_length=80, default="")
    usual_amount = pw.CharField(max_length=200, default="")
    last_use = pw.DateField(null=True)


class ScreeningResult(BaseModel):
    """One administration of a screening instrument (at intake or later in the episode)."""

    client = pw.ForeignKeyField(Client, backref="screenings", on_delete="RESTRICT")
    episode = pw.ForeignKeyField(Episode, backref="screenings", null=True, on_delete="RESTRICT")
    assessment = pw.ForeignKeyField(
        IntakeAssessment, backref="screenings", null=True, on_delete="RESTRICT"
    )
    code = pw.CharField(max_length=20)
    administered_on = pw.DateField()
    answers = pw.TextField(default="{}")  # JSON {item number: answer value}
    total = pw.IntegerField(null=True)
    band = pw.CharField(max_length=120, default="")
    complete = pw.BooleanField(default=False)
    flags = pw.TextField(default="")  # one flag sentence per line
    administered_by = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    created_at = pw.DateTimeField(default=now)
    # The AUDIT's AUDIT-C (items 1-3) as scored when saved, with the sex-specific cut-off used;
    # empty on other instruments and on AUDITs saved before step 17 (scored when shown).
    audit_c_total = pw.IntegerField(null=True)
    audit_c_band = pw.CharField(max_length=120, default="")
    audit_c_cut = pw.IntegerField(null=True)

    class Meta:
        indexes = (
            (("client", "code", "administered_on"), False),
            (("assessment", "code"), False),
        )


class AsamRating(BaseModel):
    """One ASAM dimension's 0-4 rating and narrative within an assessment."""

    assessment = pw.ForeignKeyField(IntakeAssessment, backref="asam", on_delete="CASCADE")
    dimension = pw.IntegerField()
    rating = pw.IntegerField(null=True)
    narrative = pw.TextField(default="")

    class Meta:
        indexes = ((("assessment", "dimension"), True),)


class SuitabilityAnswer(BaseModel):
    """One IOP suitability criterion answered yes / no with a note."""

    assessment = pw.ForeignKeyField(IntakeAssessment, backref="suitability", on_delete="CASCADE")
    criterion = pw.CharField(max_length=40)
    answer = pw.CharField(max_length=3, default="")  # yes | no | "" (not yet)
    note = pw.TextField(default="")

    class Meta:
        indexes = ((("assessment", "criterion"), True),)


class IntakeAddendum(BaseModel):
    """A dated correction or addition to a signed assessment (the signed text never changes)."""

    assessment = pw.ForeignKeyField(IntakeAssessment, backref="addenda", on_delete="RESTRICT")
    text = pw.TextField()
    written_by = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    written_at = pw.DateTimeField(default=now)


class SafetyFollowUp(BaseModel):
    """A clinician's recorded follow-up of a PHQ-9 item 9 answer; it lowers the safety flag."""

    client = pw.ForeignKeyField(Client, backref="safety_follow_ups", on_delete="RESTRICT")
    screening = pw.ForeignKeyField(
        ScreeningResult, backref="follow_ups", null=True, on_delete="RESTRICT"
    )
    recorded_by = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    recorded_at = pw.DateTimeField(default=now)
    note = pw.TextField()


INTAKE_MODELS = [
    IntakeAssessment,
    SubstanceUse,
    ScreeningResult,
    AsamRating,
    SuitabilityAnswer,
    IntakeAddendum,
    SafetyFollowUp,
]
