"""The role x action matrix over the service layer; every denial is audited."""

import pytest

from iopdesk.db.models.core import AuditEvent
from iopdesk.errors import PermissionDenied, ValidationError
from iopdesk.services.admin import (
    audit_log,
    auth,
    backup_history,
    backups,
    clinic,
    setup_checklist,
    staff,
)
from iopdesk.services.admin.staff import StaffForm
from iopdesk.services.permissions import PERMISSIONS
from tests.conftest import PASSWORD

ADMIN_ONLY = {
    "add staff": lambda a, s: staff.add_staff(a, StaffForm("zed", "Zed Z", "clinician"), PASSWORD),
    "list staff": lambda a, s: staff.list_staff(a),
    "view audit": lambda a, s: audit_log.search(a, audit_log.AuditFilter()),
    "export audit": lambda a, s: audit_log.export_csv(a, audit_log.AuditFilter()),
    "change settings": lambda a, s: clinic.change_settings(a, {"idle_lock_minutes": 5}),
    "back up": lambda a, s: backups.backup_now(a, s.db_path, s.data_dir / "usb"),
    "list backups": lambda a, s: backup_history.list_backups(a, s.backups_dir),
    "see the set-up checklist": lambda a, s: setup_checklist.setup_checklist(a),
}


@pytest.mark.parametrize("action", sorted(ADMIN_ONLY))
@pytest.mark.parametrize("role", ["clinician", "front_desk"])
def test_admin_actions_denied_to_others_and_audited(
    store, admin, clinician, front_desk, role, action
):
    actor = clinician if role == "clinician" else front_desk
    before = AuditEvent.select().where(AuditEvent.outcome == "denied").count()
    with pytest.raises(PermissionDenied) as err:
        ADMIN_ONLY[action](actor, store)
    assert "not allowed" in err.value.message
    denied = AuditEvent.select().where(AuditEvent.outcome == "denied")
    assert denied.count() == before + 1
    assert denied.order_by(AuditEvent.id.desc()).get().staff_id == actor.staff_id


@pytest.mark.parametrize("action", sorted(ADMIN_ONLY))
def test_admin_actions_allowed_to_administrators(store, admin, action):
    ADMIN_ONLY[action](admin, store)


def test_clinical_permissions_belong_to_clinicians_only():
    for key in ("clinical.read", "clinical.write", "clinical.sign"):
        roles, _ = PERMISSIONS[key]
        assert roles == {"clinician"}
    assert "front_desk" in PERMISSIONS["client.register"][0]
    assert "front_desk" in PERMISSIONS["attendance.record"][0]


def test_deactivation_and_role_changes_take_effect_in_open_sessions(admin, clinician):
    from iopdesk.services.permissions import CLINICIAN, FRONT_DESK

    assert clinician.role == CLINICIAN
    staff.edit_staff(admin, clinician.staff_id, StaffForm("casey", "Casey T", FRONT_DESK))
    # The Actor object still says "clinician", but the service asks the staff table.
    with pytest.raises(PermissionDenied):
        staff.add_staff(clinician, StaffForm("x1", "X One", "clinician"), PASSWORD)
    staff.set_active(admin, clinician.staff_id, False)
    with pytest.raises(PermissionDenied, match="no longer active"):
        staff.list_staff(clinician)
    last = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (last.action, last.outcome, last.staff_id) == (
        "account.inactive",
        "denied",
        clinician.staff_id,
    )


def test_audit_rows_of_clinical_use_cases_carry_no_clinical_detail(admin, clinician):
    from iopdesk.services.context import Actor, describe, use_case

    @use_case("test.clinical", "clinical.write")
    def record_result(actor: Actor) -> None:
        describe(record_type="drug_test", record_id=7, detail="positive fentanyl")

    record_result(clinician)
    row = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (row.record_type, row.record_id, row.detail) == ("drug_test", "7", "")


def test_a_clinic_setting_lets_front_desk_back_up_from_their_next_sign_in(admin, front_desk):
    assert not front_desk.can("backup.run")
    with pytest.raises(ValidationError):
        clinic.change_settings(admin, {"front_desk_backups": "yes"})
    clinic.change_settings(admin, {"front_desk_backups": True})
    again = auth.sign_in(front_desk.username, PASSWORD)
    assert again.can("backup.run") and not again.can("backup.restore")
    assert not auth.sign_in("admin", PASSWORD).granted  # administrators hold it already
