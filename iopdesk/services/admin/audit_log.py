"""Reading the audit trail: filter by person, client and dates; export to CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from iopdesk.db.models.core import AuditEvent, Client, Staff
from iopdesk.errors import ValidationError
from iopdesk.reports.csv_export import csv_bytes
from iopdesk.services.admin import audit_sentences
from iopdesk.services.context import Actor, describe, use_case

PAGE_SIZE = 500


@dataclass(frozen=True)
class AuditFilter:
    """What the audit viewer asks for."""

    staff_id: int | None = None
    client_id: int | None = None
    record_number: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    action_contains: str = ""
    #: one action code exactly (the viewer's "What" list)
    action: str = ""


@dataclass(frozen=True)
class AuditRow:
    """One line of the audit log, in words."""

    id: int
    at: dt.datetime
    who: str
    action: str
    kind: str
    outcome: str
    client: str
    record: str
    detail: str
    #: the row in words ("Alex Admin added staff member Jae Kim")
    sentence: str = ""

    def as_list(self) -> list[str]:
        return [
            self.at.isoformat(sep=" "),
            self.who,
            self.sentence,
            self.action,
            self.kind,
            self.outcome,
            self.client,
            self.record,
            self.detail,
        ]


COLUMNS = [
    "When",
    "Who",
    "What happened",
    "Action",
    "Kind",
    "Outcome",
    "Client",
    "Record",
    "Detail",
]


def _query(flt: AuditFilter):
    if flt.date_from and flt.date_to and flt.date_to < flt.date_from:
        raise ValidationError({"date_to": "The end date is before the start date."})
    query = (
        AuditEvent.select(
            AuditEvent,
            Staff.full_name.alias("staff_name"),
            Client.record_number.alias("client_rn"),
            Client.legal_first_name.alias("client_first"),
            Client.legal_last_name.alias("client_last"),
        )
        .join(Staff, JOIN.LEFT_OUTER, on=(AuditEvent.staff == Staff.id))
        .switch(AuditEvent)
        .join(Client, JOIN.LEFT_OUTER, on=(AuditEvent.client == Client.id))
        .order_by(AuditEvent.id.desc())
        .objects()
    )
    if flt.staff_id is not None:
        query = query.where(AuditEvent.staff == flt.staff_id)
    if flt.client_id is not None:
        query = query.where(AuditEvent.client == flt.client_id)
    if flt.record_number.strip():
        client = Client.get_or_none(Client.record_number == flt.record_number.strip().upper())
        if client is None:
            raise ValidationError({"record_number": "No client has that record number."})
        query = query.where(AuditEvent.client == client.id)
    if flt.date_from:
        query = query.where(AuditEvent.at >= dt.datetime.combine(flt.date_from, dt.time()))
    if flt.date_to:
        end = dt.datetime.combine(flt.date_to + dt.timedelta(days=1), dt.time())
        query = query.where(AuditEvent.at < end)
    if flt.action:
        query = query.where(AuditEvent.action == flt.action)
    if flt.action_contains.strip():
        query = query.where(AuditEvent.action.contains(flt.action_contains.strip()))
    return query


def _row(e: AuditEvent, staff_names: dict[str, str]) -> AuditRow:
    who = e.staff_name or e.username or "(unknown)"
    client = f"{e.client_rn} {e.client_first} {e.client_last}" if e.client_rn else ""
    record = f"{e.record_type} {e.record_id}".strip()
    concerned = staff_names.get(e.record_id, "") if e.record_type == "staff" else ""
    said = audit_sentences.sentence(
        e.action, e.outcome, who, e.client_rn or "", concerned, e.detail
    )
    return AuditRow(e.id, e.at, who, e.action, e.kind, e.outcome, client, record, e.detail, said)


def _staff_names() -> dict[str, str]:
    """Staff names by id (as audit rows name a record), for the sentences."""
    return {str(s.id): s.full_name for s in Staff.select(Staff.id, Staff.full_name)}


def describe_filter(flt: AuditFilter) -> str:
    """The filter in words, for the audit row that records who looked at the log."""
    parts = [f"{name}={value}" for name, value in vars(flt).items() if value not in (None, "")]
    return "filter " + (", ".join(parts) if parts else "none")


@use_case("audit.view", "audit.view", kind="read")
def search(
    actor: Actor, flt: AuditFilter, limit: int = PAGE_SIZE, offset: int = 0
) -> list[AuditRow]:
    """One page of the audit log, newest first (viewing the log is itself audited)."""
    describe(record_type="audit", detail=describe_filter(flt))
    names = _staff_names()
    return [_row(e, names) for e in _query(flt).limit(limit).offset(offset)]


@use_case("audit.export", "audit.view", kind="read")
def export_csv(actor: Actor, flt: AuditFilter) -> bytes:
    """The whole filtered log as CSV (UTF-8 with BOM so spreadsheets read accents)."""
    describe(record_type="audit", detail="export " + describe_filter(flt))
    names = _staff_names()
    return csv_bytes(COLUMNS, (_row(e, names).as_list() for e in _query(flt).iterator()))
