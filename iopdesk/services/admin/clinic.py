"""The clinic itself: first-run set-up, letterhead facts, and clinic-wide settings."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from iopdesk.db.connection import write_transaction
from iopdesk.db.models.core import Clinic, Setting, Staff
from iopdesk.domain import episode_course, formats, program_length
from iopdesk.domain.screenings import INSTRUMENTS, WEEKS_RANGE
from iopdesk.domain.validators import (
    choice_field,
    optional_text,
    phone_field,
    required_text,
)
from iopdesk.errors import Collector, DomainError, ValidationError
from iopdesk.reports.document import Letterhead
from iopdesk.services.admin import keys, passwords
from iopdesk.services.admin.staff import StaffForm, create_staff_record, validate_staff
from iopdesk.services.boundary import Json, checked
from iopdesk.services.context import Actor, AuditNote, describe, use_case, write_audit
from iopdesk.services.permissions import ADMIN

PROGRAMS = {"adult": "Adult IOP", "adolescent": "Adolescent IOP"}
#: Core-service hours a week that the program requires (DOMAIN.md: 9 adults, 6 adolescents).
WEEKLY_MINIMUM_HOURS = {"adult": 9, "adolescent": 6}

#: Every setting with its default; one home for the defaults.
DEFAULTS: dict[str, Any] = {
    "idle_lock_minutes": 10,
    "review_interval_days": 30,
    "note_format": "DAP",
    "calendar_first_hour": 7,
    "calendar_last_hour": 22,
    "timezone": "America/Chicago",
    "date_format": "us",
    "time_format": "12h",
    "backup_warning_days": 3,
    #: where "Back up now" writes (a USB stick, a network drive); "" until one is chosen
    "backup_folder": "",
    #: front desk staff may make backups too (permissions.GRANTS; from their next sign-in)
    "front_desk_backups": False,
    #: the program's expected length; the chart header counts weeks against it
    "expected_weeks": 12,
    #: screenings asked for again during an episode, every ``rescreen_weeks`` (none: no reminders)
    "rescreen_weeks": 4,
    "rescreen_instruments": ("PHQ9", "GAD7"),
    #: the program's named phases, in order (empty: the clinic uses no phases)
    "program_phases": episode_course.DEFAULT_PHASES,
}
_LIMITS = {
    "idle_lock_minutes": (1, 240),
    "review_interval_days": (7, 180),
    "calendar_first_hour": (0, 12),
    "calendar_last_hour": (13, 24),
    "backup_warning_days": (1, 60),
    "expected_weeks": (program_length.SHORTEST_WEEKS, program_length.LONGEST_WEEKS),
    "rescreen_weeks": WEEKS_RANGE,
}
_TEXTS = {"backup_folder": 1000}
_YES_NO = {"front_desk_backups"}
_CHOICES = {
    "note_format": ["DAP", "BIRP"],
    "date_format": list(formats.DATE_STYLES),
    "time_format": list(formats.TIME_STYLES),
}


@dataclass(frozen=True)
class ClinicForm:
    """The clinic's letterhead and program type."""

    name: str
    address: str = ""
    phone: str = ""
    program_type: str = "adult"


@dataclass(frozen=True)
class ClinicInfo:
    """What letterheads, headers and rules need to know about the clinic."""

    name: str
    address: str
    phone: str
    program_type: str
    program_label: str
    weekly_minimum_hours: int


def is_set_up() -> bool:
    """True once the first-run wizard has created the clinic and its first administrator."""
    return Clinic.select().exists()


def _validate_clinic(form: ClinicForm, errors: Collector) -> dict[str, str]:
    return {
        "name": required_text(errors, "name", form.name, "Clinic name"),
        "address": optional_text(
            errors, "address", form.address, "Address", max_len=500, multiline=True
        ),
        "phone": phone_field(errors, "phone", form.phone, "Phone"),
        "program_type": choice_field(
            errors, "program_type", form.program_type, "Program type", PROGRAMS
        ),
    }


@checked
def set_up_clinic(clinic: ClinicForm, admin: StaffForm, password: str, repeat: str) -> Actor:
    """First run: create the clinic and its first administrator in one transaction."""
    errors = Collector()
    values = _validate_clinic(clinic, errors)
    admin_form = StaffForm(admin.username, admin.full_name, ADMIN, admin.credentials)
    for check in (
        lambda: validate_staff(admin_form),
        lambda: passwords.check_policy(password or "", admin.username or ""),
    ):
        try:
            check()
        except ValidationError as exc:
            for field, message in exc.fields.items():
                errors.add(field, message)
    if password != repeat:
        errors.add("repeat", "The two passwords are not the same.")
    errors.raise_if_any()
    with write_transaction():
        if is_set_up():
            raise DomainError("This clinic is already set up; sign in instead.")
        Clinic.create(**values)
        staff = create_staff_record(admin_form, password)
        from iopdesk.services.admin.auth import actor_for

        actor = actor_for(staff)
        write_audit(
            actor,
            "clinic.set_up",
            "write",
            note=AuditNote(record_type="clinic", detail=values["name"]),
        )
    keys.sync_key_file()
    return actor


def clinic_info() -> ClinicInfo:
    """The clinic's letterhead facts (no permission needed: shown on every screen)."""
    c = Clinic.select().order_by(Clinic.id).first()
    if c is None:
        raise DomainError("The clinic has not been set up yet.")
    return ClinicInfo(
        c.name,
        c.address,
        c.phone,
        c.program_type,
        PROGRAMS.get(c.program_type, c.program_type),
        WEEKLY_MINIMUM_HOURS.get(c.program_type, 9),
    )


def clinic_letterhead() -> Letterhead:
    """The letterhead every printed document starts with (name, address, phone, program)."""
    info = clinic_info()
    return Letterhead(info.name, info.address, info.phone, info.program_label)


@use_case("clinic.edit", "settings.manage", changes=("settings",))
def edit_clinic(actor: Actor, form: ClinicForm) -> ClinicInfo:
    errors = Collector()
    values = _validate_clinic(form, errors)
    errors.raise_if_any()
    Clinic.update(**values).execute()
    describe(record_type="clinic", detail=values["name"])
    return clinic_info()


def get_setting(key: str) -> Any:
    """A clinic setting, or its default."""
    stored = Setting.select(Setting.value).where(Setting.key == key).scalar()
    return json.loads(stored) if stored is not None else DEFAULTS[key]


def all_settings() -> dict[str, Any]:
    stored = {r.key: json.loads(r.value) for r in Setting.select()}
    return {key: stored.get(key, default) for key, default in DEFAULTS.items()}


def _known_instruments(value: object) -> bool:
    """A list of screening codes we know, none twice (an empty list turns reminders off)."""
    return (
        isinstance(value, list | tuple)
        and all(isinstance(code, str) and code in INSTRUMENTS for code in value)
        and len(set(value)) == len(value)
    )


@use_case("settings.change", "settings.manage", changes=("settings",))
def change_settings(actor: Actor, changes: dict[str, Json]) -> dict[str, Any]:
    """Validate and store setting changes (all or nothing)."""
    errors = Collector()
    for key, value in changes.items():
        if key not in DEFAULTS:
            errors.add(key, f"There is no setting called {key}.")
        elif key in _LIMITS:
            low, high = _LIMITS[key]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                errors.add(key, f"Choose a whole number from {low} to {high}.")
        elif key in _CHOICES and value not in _CHOICES[key]:
            errors.add(key, f"Choose one of: {', '.join(_CHOICES[key])}.")
        elif key in _YES_NO and not isinstance(value, bool):
            errors.add(key, "Choose yes or no.")
        elif key in _TEXTS and (not isinstance(value, str) or len(value) > _TEXTS[key]):
            errors.add(key, f"Give a folder of at most {_TEXTS[key]} characters.")
        elif key == "rescreen_instruments" and not _known_instruments(value):
            errors.add(key, f"Choose screenings from: {', '.join(INSTRUMENTS)}, each once.")
        elif key == "program_phases" and episode_course.phase_list_problem(value):
            errors.add(key, episode_course.phase_list_problem(value))
    errors.raise_if_any()
    if "program_phases" in changes:
        # Kept without the spaces typed around a name, so "Maintenance " is not a new phase.
        changes = {**changes, "program_phases": [n.strip() for n in changes["program_phases"]]}
    if "calendar_first_hour" in changes or "calendar_last_hour" in changes:
        merged = {**all_settings(), **changes}
        if merged["calendar_first_hour"] >= merged["calendar_last_hour"]:
            raise ValidationError({"calendar_last_hour": "The day must end after it starts."})
    for key, value in changes.items():
        Setting.insert(key=key, value=json.dumps(value)).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: json.dumps(value)}
        ).execute()
    describe(record_type="settings", detail=", ".join(f"{k}={v}" for k, v in changes.items()))
    apply_display_formats()
    return all_settings()


def apply_display_formats() -> None:
    """Show dates and times everywhere as the clinic's settings say (on opening, on change)."""
    values = all_settings()
    formats.use(values["date_format"], values["time_format"])


def staff_count() -> int:
    return Staff.select().count()
