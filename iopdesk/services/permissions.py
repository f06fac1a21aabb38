"""The role x action matrix: one home for who may do what."""

from __future__ import annotations

ADMIN = "administrator"
CLINICIAN = "clinician"
FRONT_DESK = "front_desk"
ROLES: dict[str, str] = {ADMIN: "Administrator", CLINICIAN: "Clinician", FRONT_DESK: "Front desk"}

_ALL = frozenset(ROLES)
_CLINICAL = frozenset({CLINICIAN})
_DESK = frozenset({CLINICIAN, FRONT_DESK})

#: permission -> (roles allowed, what it lets a person do, in words for a denial message)
PERMISSIONS: dict[str, tuple[frozenset[str], str]] = {
    "staff.manage": (frozenset({ADMIN}), "manage staff accounts"),
    "settings.manage": (frozenset({ADMIN}), "change clinic settings"),
    "audit.view": (frozenset({ADMIN}), "view the audit log"),
    "backup.run": (frozenset({ADMIN}), "make backups"),
    "backup.restore": (frozenset({ADMIN}), "restore a backup"),
    "client.view": (_ALL, "see the client list"),
    "client.register": (_DESK, "register clients"),
    "client.edit": (_DESK, "edit client demographics, contacts and insurance"),
    "consent.manage": (_DESK, "record consents"),
    "clinical.read": (_CLINICAL, "open clinical content (assessments, plans, notes)"),
    "clinical.write": (_CLINICAL, "write clinical content"),
    "clinical.sign": (_CLINICAL, "sign clinical documents"),
    "plan.library": (frozenset({ADMIN, CLINICIAN}), "maintain the plan library"),
    "schedule.view": (_ALL, "see the calendar"),
    "schedule.edit": (_DESK, "book and change sessions"),
    "schedule.setup": (frozenset({ADMIN}), "set up rooms and closed days"),
    "group.manage": (frozenset({ADMIN, CLINICIAN}), "set up groups"),
    "roster.manage": (_DESK, "change group rosters"),
    "attendance.record": (_DESK, "record attendance"),
    "drugtest.record": (_CLINICAL, "record drug tests"),
    "discharge.manage": (_CLINICAL, "discharge clients and write aftercare plans"),
    # Clinical supervisors only (SUPERVISORS_ONLY): an administrator who is not a clinician
    # must not read clinical drafts, nor may a clinician take a colleague's.
    "drafts.take_over": (_CLINICAL, "take over drafts left by former staff"),
    "disclosure.release": (_CLINICAL, "release records outside the program"),
    # Attendance is front-desk information: the desk may print an attendance letter for the
    # client or release it under a consent that covers attendance (nothing clinical).
    "attendance.release": (_DESK, "print or release attendance letters"),
    # Program reports (services/reports/access adds: supervisors see every report).
    "report.everyone": (_ALL, "see the daily census"),
    "report.billing": (frozenset({ADMIN, FRONT_DESK}), "see the billing worksheet"),
    "report.clinical": (frozenset({ADMIN, CLINICIAN}), "see the clinical program reports"),
    "report.state": (frozenset({ADMIN}), "make the state (TEDS) extract"),
    "report.caseload": (frozenset({ADMIN, CLINICIAN}), "see caseloads"),
}

#: Permissions an administrator may also give a role, each by a yes/no clinic setting:
#: setting -> (role, permission).
GRANTS: dict[str, tuple[str, str]] = {"front_desk_backups": (FRONT_DESK, "backup.run")}


def granted(role: str, settings: dict[str, object]) -> frozenset[str]:
    """The permissions the clinic's settings give ``role`` beyond the matrix."""
    return frozenset(
        permission
        for setting, (to_role, permission) in GRANTS.items()
        if role == to_role and settings.get(setting) is True
    )


#: Permissions guarding clinical content (audit rows of these carry no content detail).
CLINICAL = frozenset(
    {
        "clinical.read",
        "clinical.write",
        "clinical.sign",
        "drugtest.record",
        "discharge.manage",
        "disclosure.release",
        "drafts.take_over",
    }
)


#: Permissions held only by the clinical supervisors among the roles the matrix names.
SUPERVISORS_ONLY = frozenset({"drafts.take_over"})


def allowed(role: str, permission: str, supervisor: bool = True) -> bool:
    """Whether ``role`` holds ``permission`` (unknown permissions are never allowed); one
    reserved for supervisors needs ``supervisor`` too."""
    roles, _ = PERMISSIONS.get(permission, (frozenset(), ""))
    return role in roles and (supervisor or permission not in SUPERVISORS_ONLY)


def denial_message(role: str, permission: str) -> str:
    """The sentence shown when a role lacks a permission."""
    _, what = PERMISSIONS.get(permission, (frozenset(), "do that"))
    if permission in SUPERVISORS_ONLY and allowed(role, permission):
        return f"Only a clinical supervisor may {what}. Ask your supervisor."
    label = ROLES.get(role, role)
    return f"Your role ({label}) is not allowed to {what}. Ask a colleague who is."
