"""Staff administration: add, edit, reset passwords, deactivate (never delete)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from iopdesk.db.models.core import Staff
from iopdesk.domain.validators import choice_field, optional_text, required_text
from iopdesk.errors import Collector, DomainError, NotFound, ValidationError
from iopdesk.services.admin import keys, passwords
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.permissions import ADMIN, CLINICIAN, ROLES

_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,59}$")


@dataclass(frozen=True)
class StaffForm:
    """What the staff form (or a command) submits."""

    username: str
    full_name: str
    role: str
    credentials: str = ""
    is_supervisor: bool = False


@dataclass(frozen=True)
class StaffRow:
    """One line of the staff list."""

    id: int
    username: str
    full_name: str
    credentials: str
    role: str
    role_label: str
    is_supervisor: bool
    active: bool


def validate_staff(form: StaffForm, *, staff_id: int | None = None) -> dict[str, object]:
    """Check a staff form; returns the cleaned values or raises ValidationError."""
    errors = Collector()
    username = (form.username or "").strip().lower()
    if not username:
        errors.add("username", "User name is required.")
    elif not _USERNAME.match(username):
        errors.add(
            "username",
            "Use 2 to 60 lower-case letters, digits, dots, dashes or underscores, "
            "starting with a letter (for example jsmith).",
        )
    else:
        clash = Staff.get_or_none(Staff.username == username)
        if clash is not None and clash.id != staff_id:
            errors.add("username", f"The user name {username} is already taken.")
    values = {
        "username": username,
        "full_name": required_text(errors, "full_name", form.full_name, "Full name"),
        "credentials": optional_text(
            errors, "credentials", form.credentials, "Credentials", max_len=80
        ),
        "role": choice_field(errors, "role", form.role, "Role", ROLES),
        "is_supervisor": bool(form.is_supervisor) and form.role == CLINICIAN,
    }
    errors.raise_if_any()
    return values


def create_staff_record(form: StaffForm, password: str) -> Staff:
    """Insert a staff member (used by first-run set-up, add_staff and the demo); on an encrypted
    clinic their password unlocks it from now on."""
    values = validate_staff(form)
    passwords.check_policy(password or "", str(values["username"]))
    staff = Staff.create(**values, password_hash=passwords.hash_password(password))
    keys.admit(staff)
    return staff


@keys.keeps_key_file
@use_case("staff.add", "staff.manage", changes=("staff",))
def add_staff(actor: Actor, form: StaffForm, temporary_password: str) -> StaffRow:
    """Add a colleague with a temporary password they must change at first sign-in."""
    staff = create_staff_record(form, temporary_password)
    staff.must_change_password = True
    staff.save()
    describe(record_type="staff", record_id=staff.id, detail=f"added {staff.username}")
    return _row(staff)


@keys.keeps_key_file
@use_case("staff.edit", "staff.manage", changes=("staff",))
def edit_staff(actor: Actor, staff_id: int, form: StaffForm) -> StaffRow:
    """Change a colleague's name, credentials or role."""
    staff = _get(staff_id)
    values = validate_staff(form, staff_id=staff_id)
    if staff.role == ADMIN and values["role"] != ADMIN:
        _ensure_other_admin(staff)
    for key, value in values.items():
        setattr(staff, key, value)
    staff.save()
    keys.admit(staff)  # a new user name unlocks under that name
    describe(record_type="staff", record_id=staff.id, detail=f"edited {staff.username}")
    return _row(staff)


@keys.keeps_key_file
@use_case("staff.reset_password", "staff.manage", changes=("staff",))
def reset_password(actor: Actor, staff_id: int, temporary_password: str) -> None:
    """Set a temporary password and unlock the account; the person must change it."""
    staff = _get(staff_id)
    passwords.check_policy(temporary_password or "", staff.username)
    set_password(staff, temporary_password, temporary=True)
    describe(record_type="staff", record_id=staff.id, detail=f"password reset {staff.username}")


def set_password(staff: Staff, password: str, *, temporary: bool) -> None:
    """Store a new (already checked) password, unlock the account, and wrap the clinic's key
    for it; a temporary one must be replaced at the next sign-in."""
    staff.password_hash = passwords.hash_password(password)
    staff.must_change_password = temporary
    staff.failed_attempts = 0
    staff.locked_until = None
    staff.save()
    keys.admit(staff)


@keys.keeps_key_file
@use_case("staff.set_active", "staff.manage", changes=("staff",))
def set_active(actor: Actor, staff_id: int, active: bool) -> StaffRow:
    """Deactivate (or reactivate) an account; it is never deleted."""
    staff = _get(staff_id)
    if not active:
        if staff.id == actor.staff_id:
            raise DomainError("You cannot deactivate your own account while signed in.")
        if staff.role == ADMIN:
            _ensure_other_admin(staff)
    staff.active = active
    staff.save()
    keys.admit(staff)
    describe(
        record_type="staff",
        record_id=staff.id,
        detail=f"{'reactivated' if active else 'deactivated'} {staff.username}",
    )
    return _row(staff)


@use_case("staff.list", "staff.manage", kind="read", audited=False)
def list_staff(actor: Actor, include_inactive: bool = True) -> list[StaffRow]:
    query = Staff.select().order_by(Staff.active.desc(), Staff.full_name)
    if not include_inactive:
        query = query.where(Staff.active == True)  # noqa: E712
    return [_row(s) for s in query]


def clinicians(include_inactive: bool = False) -> list[StaffRow]:
    """The counselors (clinician staff) for pickers; no clinical content, so no permission."""
    query = Staff.select().where(Staff.role == CLINICIAN).order_by(Staff.full_name)
    if not include_inactive:
        query = query.where(Staff.active == True)  # noqa: E712
    return [_row(s) for s in query]


def _ensure_other_admin(staff: Staff) -> None:
    others = (
        Staff.select()
        .where(
            (Staff.role == ADMIN) & (Staff.active == True) & (Staff.id != staff.id)  # noqa: E712
        )
        .count()
    )
    if others == 0:
        raise ValidationError(
            {"role": "The clinic needs at least one active administrator; add another first."}
        )


def _get(staff_id: int) -> Staff:
    staff = Staff.get_or_none(Staff.id == staff_id)
    if staff is None:
        raise NotFound("That staff account does not exist.")
    return staff


def _row(s: Staff) -> StaffRow:
    return StaffRow(
        s.id,
        s.username,
        s.full_name,
        s.credentials,
        s.role,
        ROLES.get(s.role, s.role),
        s.is_supervisor,
        s.active,
    )
