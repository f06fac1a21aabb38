"""Staff administration: validation, unique user names, deactivation rules, audit."""

import pytest

from iopdesk.db.models.core import AuditEvent, Staff
from iopdesk.errors import DomainError, ValidationError
from iopdesk.services.admin import staff
from iopdesk.services.admin.staff import StaffForm
from tests.conftest import PASSWORD


def test_add_staff_validates_every_field_at_once(admin):
    before = Staff.select().count()
    with pytest.raises(ValidationError) as err:
        staff.add_staff(admin, StaffForm("9 bad name", "   ", "janitor"), PASSWORD)
    assert set(err.value.fields) == {"username", "full_name", "role"}
    assert Staff.select().count() == before


def test_two_staff_cannot_share_a_user_name(admin, clinician):
    with pytest.raises(ValidationError) as err:
        staff.add_staff(admin, StaffForm("CASEY", "Another Casey", "clinician"), PASSWORD)
    assert "already taken" in err.value.fields["username"]


def test_weak_temporary_password_refused_and_nothing_written(admin):
    count = AuditEvent.select().count()
    with pytest.raises(ValidationError):
        staff.add_staff(admin, StaffForm("newbie", "New Person", "front_desk"), "short")
    assert Staff.get_or_none(Staff.username == "newbie") is None
    assert AuditEvent.select().count() == count


def test_names_with_accents_and_other_scripts_are_kept(admin):
    row = staff.add_staff(
        admin, StaffForm("nkov", "Наталья Ковальчук-O'Brien", "clinician", "LADC"), PASSWORD
    )
    assert Staff.get_by_id(row.id).full_name == "Наталья Ковальчук-O'Brien"


def test_deactivate_never_deletes_and_protects_the_last_admin(admin, clinician):
    staff.set_active(admin, clinician.staff_id, False)
    assert Staff.get_by_id(clinician.staff_id).active is False
    with pytest.raises(DomainError):
        staff.set_active(admin, admin.staff_id, False)
    with pytest.raises(ValidationError):
        staff.edit_staff(admin, admin.staff_id, StaffForm("admin", "Alex", "clinician"))
    second = staff.add_staff(admin, StaffForm("boss2", "Second Admin", "administrator"), PASSWORD)
    staff.set_active(admin, second.id, False)
    assert Staff.select().count() == 3


def test_reset_password_unlocks_and_forces_a_change(admin, clinician):
    Staff.update(failed_attempts=9).where(Staff.id == clinician.staff_id).execute()
    staff.reset_password(admin, clinician.staff_id, "temporary pass 123")
    row = Staff.get_by_id(clinician.staff_id)
    assert (row.failed_attempts, row.locked_until, row.must_change_password) == (0, None, True)
    event = AuditEvent.select().where(AuditEvent.action == "staff.reset_password").get()
    assert event.record_id == str(clinician.staff_id)


def test_supervisor_flag_only_for_clinicians(admin):
    row = staff.add_staff(admin, StaffForm("fd", "Front Person", "front_desk", "", True), PASSWORD)
    assert row.is_supervisor is False
