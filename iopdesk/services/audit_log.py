"""Reading the audit trail: filter by person, client and dates; export to CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iopdesk.db.models.core import AuditEvent, Client, Staff
from iopdesk.errors import ValidationError
from iopdesk.services.context import Actor, describe, use_case

PAGE_SIZE = 500


@dataclass(frozen=True)
class AuditFilter:
    """What the audit viewer asks for."""

    staff_id: int | None = None
    client_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    action_contains: str = ""


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

    def as_list(self) -> list[str]:
        return [
            self.at.isoformat(sep=" "),
            self.who,
            self.action,
            self.kind,
            self.outcome,
            self.client,
            self.record,
            self.detail,
        ]


COLUMNS = ["When", "Who", "Action", "Kind", "Outcome", "Client", "Record", "Detail"]


def _query(flt: AuditFilter):
    if flt.date_from and flt.date_to and flt.date_to < flt.date_from:
        raise ValidationError({"date_to": "The end date is before the start date."})
    query = (
        AuditEvent.select(
            AuditEvent,
            Staff.full_name,
            Client.record_number,
            Client.legal_first_name,
            Client.legal_last_name,
        )
        .join(Staff, on=(AuditEvent.staff == Staff.id), join_type="LEFT OUTER")
        .switch(AuditEvent)
        .join(Client, on=(AuditEvent.client == Client.id), join_type="LEFT OUTER")
        .order_by(AuditEvent.id.desc())
    )
    if flt.staff_id is not None:
        query = query.where(AuditEvent.staff == flt.staff_id)
    if flt.client_id is not None:
        query = query.where(AuditEvent.client == flt.client_id)
    if flt.date_from:
        query = query.where(AuditEvent.at >= dt.datetime.combine(flt.date_from, dt.time()))
    if flt.date_to:
        end = dt.datetime.combine(flt.date_to + dt.timedelta(days=1), dt.time())
        query = query.where(AuditEvent.at < end)
    if flt.action_contains.strip():
        query = query.where(AuditEvent.action.contains(flt.action_contains.strip()))
    return query


def _row(e: AuditEvent) -> AuditRow:
    staff = getattr(e, "staff", None)
    who = staff.full_name if e.staff_id and staff else (e.username or "(unknown)")
    client = ""
    if e.client_id:
        c = e.client
        client = f"{c.record_number} {c.legal_first_name} {c.legal_last_name}"
    record = f"{e.record_type} {e.record_id}".strip()
    return AuditRow(e.id, e.at, who, e.action, e.kind, e.outcome, client, record, e.detail)


@use_case("audit.view", "audit.view", kind="read")
def search(
    actor: Actor, flt: AuditFilter, limit: int = PAGE_SIZE, offset: int = 0
) -> list[AuditRow]:
    """One page of the audit log, newest first (viewing the log is itself audited)."""
    describe(record_type="audit", detail=f"filter {flt}")
    return [_row(e) for e in _query(flt).limit(limit).offset(offset)]


@use_case("audit.export", "audit.view", kind="read")
def export_csv(actor: Actor, flt: AuditFilter) -> bytes:
    """The whole filtered log as CSV (UTF-8 with BOM so spreadsheets read accents)."""
    from iopdesk.reports.csv_export import csv_bytes

    describe(record_type="audit", detail=f"export {flt}")
    return csv_bytes(COLUMNS, (_row(e).as_list() for e in _query(flt).iterator()))
