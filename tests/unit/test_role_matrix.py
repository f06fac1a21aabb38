"""The role x action matrix over the service layer; every denial is audited."""

import pytest

from iopdesk.db.models.core import AuditEvent
from iopdesk.errors import PermissionDenied
from iopdesk.services import audit_log, backups, clinic, staff
from iopdesk.services.permissions import PERMISSIONS
from iopdesk.services.staff import StaffForm
from tests.conftest import PASSWORD

ADMIN_ONLY = {
    "add staff": lambda a, s: staff.add_staff(a, StaffForm("zed", "Zed Z", "clinician"), PASSWORD),
    "list staff": lambda a, s: staff.list_staff(a),
    "view audit": lambda a, s: audit_log.search(a, audit_log.AuditFilter()),
    "export audit": lambda a, s: audit_log.export_csv(a, audit_log.AuditFilter()),
    "change settings": lambda a, s: clinic.change_settings(a, {"idle_lock_minutes": 5}),
    "back up": lambda a, s: backups.backup_now(a, s.db_path, s.data_dir / "usb"),
}


@pytest.mark.parametrize("action", sorted(ADMIN_ONLY))
@pytest.mark.parametrize("role", ["clinician", "front_desk"])
def test_admin_actions_denied_to_others_and_audited(store, admin, clinician, front_desk, role,
                                                    action):
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
