"""Step 13: family and collaterals, family-session attendance, safety plans, the medication
list, and a drug-test result's link to the medication that explains it.

The tables are built from frozen snapshots of the models as this step first shipped them.
"""

from __future__ import annotations

import peewee as pw

VERSION = 13
DESCRIPTION = "collaterals, contact notes, family-session attendance, safety plans, medications"


class _Snapshot(pw.Model):
    """A table as this step knows it; index names follow the table name, as the models' do."""

    class Meta:
        legacy_table_names = False


class _Stub(_Snapshot):
    """A table this step points at but does not change."""


class _Client(_Stub):
    class Meta:
        table_name = "client"


class _Staff(_Stub):
    class Meta:
        table_name = "staff"


class _Episode(_Stub):
    class Meta:
        table_name = "episode"


class _Consent(_Stub):
    class Meta:
        table_name = "consent"


class _Session(_Stub):
    class Meta:
        table_name = "session"


class _Collateral(_Snapshot):
    client = pw.ForeignKeyField(_Client, on_delete="RESTRICT")
    kind = pw.CharField(max_length=10, default="family")
    name = pw.CharField(max_length=200)
    relationship = pw.CharField(max_length=100, default="")
    phone = pw.CharField(max_length=40, default="")
    consent = pw.ForeignKeyField(_Consent, null=True, on_delete="RESTRICT")
    consent_recipient = pw.CharField(max_length=300, default="")
    active = pw.BooleanField(default=True)
    created_by = pw.ForeignKeyField(_Staff, backref="+", on_delete="RESTRICT")
    created_at = pw.DateTimeField()
    row_version = pw.IntegerField(default=1)
    updated_by = pw.ForeignKeyField(_Staff, null=True, backref="+", on_delete="RESTRICT",
                                    index=False)  # fmt: skip
    updated_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "collateral"


class _CollateralNote(_Snapshot):
    client = pw.ForeignKeyField(_Client, on_delete="RESTRICT")
    collateral = pw.ForeignKeyField(_Collateral, on_delete="RESTRICT")
    contact_on = pw.DateField()
    method = pw.CharField(max_length=12, default="phone")
    shared_information = pw.BooleanField(default=False)
    content = pw.TextField(default="")
    author = pw.ForeignKeyField(_Staff, backref="+", on_delete="RESTRICT")
    written_at = pw.DateTimeField()
    signed_by = pw.ForeignKeyField(_Staff, null=True, backref="+", on_delete="RESTRICT")
    signed_at = pw.DateTimeField(null=True)
    row_version = pw.IntegerField(default=1)

    class Meta:
        table_name = "collateral_note"
        indexes = ((("client", "contact_on"), False),)


class _SessionCollateral(_Snapshot):
    session = pw.ForeignKeyField(_Session, on_delete="RESTRICT")
    collateral = pw.ForeignKeyField(_Collateral, on_delete="RESTRICT")
    recorded_by = pw.ForeignKeyField(_Staff, backref="+", on_delete="RESTRICT")
    recorded_at = pw.DateTimeField()

    class Meta:
        table_name = "session_collateral"
        indexes = ((("session", "collateral"), True),)


class _SafetyPlan(_Snapshot):
    client = pw.ForeignKeyField(_Client, on_delete="RESTRICT")
    episode = pw.ForeignKeyField(_Episode, null=True, on_delete="RESTRICT")
    version = pw.IntegerField(default=1)
    status = pw.CharField(max_length=12, default="draft")
    warning_signs = pw.TextField(default="")
    coping_strategies = pw.TextField(default="")
    distractions = pw.TextField(default="")
    helpers = pw.TextField(default="[]")
    professionals = pw.TextField(default="[]")
    safe_environment = pw.TextField(default="")
    reasons_for_living = pw.TextField(default="")
    previous = pw.ForeignKeyField("self", null=True, on_delete="RESTRICT")
    created_by = pw.ForeignKeyField(_Staff, backref="+", on_delete="RESTRICT")
    created_at = pw.DateTimeField()
    signed_by = pw.ForeignKeyField(_Staff, null=True, backref="+", on_delete="RESTRICT")
    signed_at = pw.DateTimeField(null=True)
    row_version = pw.IntegerField(default=1)
    updated_by = pw.ForeignKeyField(_Staff, null=True, backref="+", on_delete="RESTRICT",
                                    index=False)  # fmt: skip
    updated_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "safety_plan"
        indexes = ((("client", "version"), True),)


class _Medication(_Snapshot):
    client = pw.ForeignKeyField(_Client, on_delete="RESTRICT")
    name = pw.CharField(max_length=200)
    dose = pw.CharField(max_length=100, default="")
    route = pw.CharField(max_length=60, default="")
    frequency = pw.CharField(max_length=100, default="")
    prescriber = pw.CharField(max_length=200, default="")
    start_date = pw.DateField(null=True)
    stop_date = pw.DateField(null=True)
    is_mat = pw.BooleanField(default=False)
    notes = pw.TextField(default="")
    created_by = pw.ForeignKeyField(_Staff, backref="+", on_delete="RESTRICT")
    created_at = pw.DateTimeField()
    row_version = pw.IntegerField(default=1)
    updated_by = pw.ForeignKeyField(_Staff, null=True, backref="+", on_delete="RESTRICT",
                                    index=False)  # fmt: skip
    updated_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "medication"


NEW_TABLES = [_Collateral, _CollateralNote, _SessionCollateral, _SafetyPlan, _Medication]


def apply(db: pw.Database) -> None:
    """Create the five tables, then point drug-test results at the medication list (the
    same SQL serves SQLite and PostgreSQL)."""
    stubs = [_Client, _Staff, _Episode, _Consent, _Session]
    with db.bind_ctx([*stubs, *NEW_TABLES]):
        db.create_tables(NEW_TABLES)
    db.execute_sql(
        'ALTER TABLE "drug_test_result" ADD COLUMN "medication_id" INTEGER '
        'REFERENCES "medication" ("id") ON DELETE RESTRICT'
    )
    db.execute_sql(
        'CREATE INDEX "drug_test_result_medication_id" ON "drug_test_result" ("medication_id")'
    )
