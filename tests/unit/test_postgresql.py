"""The same app on a real PostgreSQL server (started from the system's packages by conftest)."""

import pytest

pytestmark = pytest.mark.postgres


def test_clinic_on_postgresql(postgres_url, tmp_path):
    import peewee

    from iopdesk.db.connection import close_database
    from iopdesk.db.models.core import AuditEvent
    from iopdesk.errors import DomainError
    from iopdesk.services.admin import audit_log, auth, backups, clinic, staff
    from iopdesk.services.store import open_clinic
    from tests.conftest import PASSWORD

    store = open_clinic(tmp_path, database_url=postgres_url)
    try:
        admin = clinic.set_up_clinic(
            clinic.ClinicForm("Prairie Recovery", "", "", "adult"),
            staff.StaffForm("admin", "Pat Admin", "administrator"),
            PASSWORD,
            PASSWORD,
        )
        staff.add_staff(admin, staff.StaffForm("casey", "Casey Clinician", "clinician"), PASSWORD)
        assert auth.sign_in("casey", PASSWORD).role == "clinician"
        clinic.change_settings(admin, {"idle_lock_minutes": 5})
        clinic.change_settings(admin, {"idle_lock_minutes": 6})
        assert clinic.get_setting("idle_lock_minutes") == 6
        rows = audit_log.search(admin, audit_log.AuditFilter(action_contains="staff"))
        assert [r.action for r in rows] == ["staff.add"]
        with pytest.raises(peewee.DatabaseError, match="append-only"):
            AuditEvent.update(detail="x").execute()
        with pytest.raises(DomainError, match="PostgreSQL"):
            backups.backup_now(admin, store.db_path, tmp_path)
    finally:
        close_database()
    # Opening again runs no migration and keeps the data.
    open_clinic(tmp_path, database_url=postgres_url)
    try:
        assert clinic.clinic_info().name == "Prairie Recovery"
    finally:
        close_database()
