"""The audit trail: append-only in the database, one row per use case, in its transaction."""

import datetime as dt

import peewee
import pytest

from iopdesk.db.connection import database
from iopdesk.db.models.core import AuditEvent, Staff
from iopdesk.errors import ValidationError
from iopdesk.services.admin import audit_log, staff
from iopdesk.services.admin.staff import StaffForm
from iopdesk.services.context import Actor, describe, use_case
from tests.conftest import PASSWORD


def test_audit_rows_cannot_be_changed_or_deleted(admin):
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        AuditEvent.update(detail="tampered").execute()
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        AuditEvent.delete().execute()
    with pytest.raises(peewee.IntegrityError):
        database.execute_sql("DELETE FROM audit_event")


def test_one_audit_row_per_use_case_with_its_record(admin):
    before = AuditEvent.select().count()
    row = staff.add_staff(admin, StaffForm("newbie", "New Person", "front_desk"), PASSWORD)
    events = list(AuditEvent.select().where(AuditEvent.id > before))
    assert len(events) == 1
    assert (events[0].action, events[0].record_type, events[0].record_id, events[0].staff_id) == (
        "staff.add",
        "staff",
        str(row.id),
        admin.staff_id,
    )


def test_a_failing_use_case_leaves_neither_change_nor_audit_row(admin):
    @use_case("test.half_done", "staff.manage")
    def half_done(actor: Actor) -> None:
        Staff.update(full_name="Changed").where(Staff.id == actor.staff_id).execute()
        describe(record_type="staff", record_id=actor.staff_id)
        raise ValidationError({"x": "Something was wrong."})

    before = AuditEvent.select().count()
    with pytest.raises(ValidationError):
        half_done(admin)
    assert Staff.get_by_id(admin.staff_id).full_name == "Alex Admin"
    assert AuditEvent.select().count() == before


def test_search_filters_by_person_and_dates_and_exports_csv(admin, clinician):
    staff.list_staff(admin)
    staff.reset_password(admin, clinician.staff_id, "temporary pass 123")
    rows = audit_log.search(
        admin, audit_log.AuditFilter(staff_id=admin.staff_id, action_contains="reset")
    )
    assert [r.action for r in rows] == ["staff.reset_password"]
    assert rows[0].who == "Alex Admin"
    with pytest.raises(ValidationError):
        audit_log.search(admin, audit_log.AuditFilter(record_number="IOP-999999"))
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert audit_log.search(admin, audit_log.AuditFilter(date_from=tomorrow)) == []
    with pytest.raises(ValidationError):
        audit_log.search(admin, audit_log.AuditFilter(date_from=tomorrow, date_to=dt.date.today()))
    csv_text = audit_log.export_csv(admin, audit_log.AuditFilter()).decode("utf-8-sig")
    assert csv_text.splitlines()[0] == ",".join(audit_log.COLUMNS)
    assert "staff.reset_password" in csv_text
    # Looking at the log is itself recorded.
    assert AuditEvent.select().where(AuditEvent.action == "audit.export").count() == 1


def test_csv_cells_that_look_like_formulas_are_neutralised():
    from iopdesk.reports.csv_export import csv_bytes

    text = csv_bytes(["a"], [['=HYPERLINK("x")'], ["+1"], ["plain"]]).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+1" in text and "\r\nplain\r\n" in text
