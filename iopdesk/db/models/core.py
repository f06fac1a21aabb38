"""Core tables: the clinic, its settings, staff, clients, episodes of care, audit and drafts."""

from __future__ import annotations

from collections.abc import Iterable

import peewee as pw

from iopdesk.db.models.base import BaseModel, now


class Clinic(BaseModel):
    """The one clinic this database belongs to (letterhead and program type)."""

    name = pw.CharField(max_length=200)
    address = pw.TextField(default="")
    phone = pw.CharField(max_length=40, default="")
    program_type = pw.CharField(max_length=20, default="adult")  # adult | adolescent
    created_at = pw.DateTimeField(default=now)


class Setting(BaseModel):
    """A clinic-wide setting (idle lock minutes, review interval, note format...)."""

    key = pw.CharField(primary_key=True, max_length=80)
    value = pw.TextField()


class Staff(BaseModel):
    """A person who signs in; never deleted (their signatures stay valid), only deactivated."""

    username = pw.CharField(max_length=60, unique=True)
    full_name = pw.CharField(max_length=200)
    credentials = pw.CharField(max_length=80, default="")  # LADC, LPC, CADC...
    role = pw.CharField(max_length=20, index=True)  # administrator | clinician | front_desk
    is_supervisor = pw.BooleanField(default=False)
    password_hash = pw.CharField(max_length=255)
    must_change_password = pw.BooleanField(default=False)
    active = pw.BooleanField(default=True)
    failed_attempts = pw.IntegerField(default=0)
    locked_until = pw.DateTimeField(null=True)
    created_at = pw.DateTimeField(default=now)

    @property
    def display_name(self) -> str:
        return self.name_with(self.full_name, self.credentials)

    @staticmethod
    def name_with(full_name: str, credentials: str) -> str:
        """How staff are named on screens and documents: "Maria Hernandez, LADC"."""
        return f"{full_name}, {credentials}" if credentials else full_name

    @classmethod
    def display_names(cls, ids: Iterable[int | None] | None = None) -> dict[int, str]:
        """Staff id -> display name, in one query: of these staff, or of everyone (a clinic
        has dozens)."""
        query = cls.select(cls.id, cls.full_name, cls.credentials)
        if ids is not None:
            wanted = {i for i in ids if i is not None}
            if not wanted:
                return {}
            query = query.where(cls.id.in_(wanted))
        return {i: cls.name_with(name, cred) for i, name, cred in query.tuples()}


class Client(BaseModel):
    """A person served by the program, across all their episodes of care."""

    record_number = pw.CharField(max_length=20, unique=True)
    legal_first_name = pw.CharField(max_length=100)
    legal_last_name = pw.CharField(max_length=100)
    preferred_name = pw.CharField(max_length=100, default="")
    pronouns = pw.CharField(max_length=40, default="")
    date_of_birth = pw.DateField()
    sex = pw.CharField(max_length=20, default="")
    phone = pw.CharField(max_length=40, default="")
    email = pw.CharField(max_length=200, default="")
    address = pw.TextField(default="")
    status = pw.CharField(max_length=20, default="referred")  # indexed with the name
    counselor = pw.ForeignKeyField(Staff, null=True, backref="clients", on_delete="RESTRICT")
    #: lower-cased, accent-folded names and record number, for search as you type
    search_text = pw.TextField(default="", index=True)
    safety_flag = pw.TextField(default="")
    created_at = pw.DateTimeField(default=now)
    #: Bumped by every save; a save made from an older view is refused (services.versions).
    row_version = pw.IntegerField(default=1)
    updated_by = pw.ForeignKeyField(
        Staff, null=True, backref="+", on_delete="RESTRICT", index=False
    )
    updated_at = pw.DateTimeField(null=True)

    class Meta:
        # The second finds clients by status, and the Clients list's discharged clients in
        # name order, read until a page is full (not every discharged client sorted per key).
        indexes = (
            (("legal_last_name", "legal_first_name"), False),
            (("status", "legal_last_name", "legal_first_name"), False),
        )

    @property
    def full_name(self) -> str:
        return Client.name_of(self.legal_first_name, self.legal_last_name)

    @staticmethod
    def name_of(first: str, last: str) -> str:
        """A client's full name from the legal names (for reads that select columns only)."""
        return f"{first} {last}"


class Episode(BaseModel):
    """One episode of care: referral to discharge. A re-admission starts a new episode."""

    client = pw.ForeignKeyField(Client, backref="episodes", on_delete="RESTRICT")
    number = pw.IntegerField(default=1)
    status = pw.CharField(max_length=20, default="referred", index=True)
    program = pw.CharField(max_length=20, default="adult")  # adult | adolescent
    level_of_care = pw.CharField(max_length=80, default="")
    counselor = pw.ForeignKeyField(Staff, null=True, backref="episodes", on_delete="RESTRICT")
    referral_date = pw.DateField(null=True)
    referral_source = pw.CharField(max_length=200, default="")
    referral_reason = pw.TextField(default="")
    admission_date = pw.DateField(null=True)
    discharge_date = pw.DateField(null=True, index=True)
    created_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("client", "number"), True),)


class AuditEvent(BaseModel):
    """Append-only trail: who did what to which record, when (triggers forbid change)."""

    at = pw.DateTimeField(default=now, index=True)
    staff = pw.ForeignKeyField(Staff, null=True, backref="audit_events", on_delete="RESTRICT")
    username = pw.CharField(max_length=60, default="")
    action = pw.CharField(max_length=80, index=True)
    kind = pw.CharField(max_length=10)  # read | write | auth | denied
    outcome = pw.CharField(max_length=10, default="ok")  # ok | denied | failed
    client = pw.ForeignKeyField(Client, null=True, backref="audit_events", on_delete="RESTRICT")
    record_type = pw.CharField(max_length=60, default="")
    record_id = pw.CharField(max_length=40, default="")
    detail = pw.TextField(default="")
    #: sha256 over this row's fields and the previous row's hash (iopdesk.db.audit_chain)
    chain_hash = pw.CharField(max_length=64, default="")

    class Meta:
        indexes = ((("client", "at"), False), (("staff", "at"), False))


class Draft(BaseModel):
    """Autosaved, unsigned form content, private to the person who typed it."""

    staff = pw.ForeignKeyField(Staff, backref="drafts", on_delete="RESTRICT")
    key = pw.CharField(max_length=120)
    payload = pw.TextField()
    updated_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("staff", "key"), True),)


class DraftTakeover(BaseModel):
    """A supervisor took over a draft whose author's account was deactivated: the draft is
    now theirs, and this row keeps who wrote it before."""

    #: progress | group | collateral | kept (see services.admin.draft_takeover.KINDS)
    kind = pw.CharField(max_length=12)
    record_id = pw.IntegerField()
    from_staff = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    to_staff = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("kind", "record_id"), False),)


CORE_MODELS = [Clinic, Setting, Staff, Client, Episode, AuditEvent, Draft, DraftTakeover]
