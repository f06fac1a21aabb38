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
    "disclosure.release": (_CLINICAL, "release records outside the program"),
    # Program reports (services/reports/access adds: supervisors see every report).
    "report.everyone": (_ALL, "see the daily census"),
    "report.billing": (frozenset({ADMIN, FRONT_DESK}), "see the billing worksheet"),
    "report.clinical": (frozenset({ADMIN, CLINICIAN}), "see the clinical program reports"),
    "report.state": (frozenset({ADMIN}), "make the state (TEDS) extract"),
    "report.caseload": (frozenset({ADMIN, CLINICIAN}), "see caseloads"),
}


#: Permissions guarding clinical content (audit rows of these carry no content detail).
CLINICAL = frozenset(
    {
        "clinical.read",
        "clinical.write",
        "clinical.sign",
        "drugtest.record",
        "discharge.manage",
        "disclosure.release",
    }
)


def allowed(role: str, permission: str) -> bool:
    """Whether ``role`` holds ``permission`` (unknown permissions are never allowed)."""
    roles, _ = PERMISSIONS.get(permission, (frozenset(), ""))
    return role in roles


def denial_message(role: str, permission: str) -> str:
    """The sentence shown when a role lacks a permission."""
    _, what = PERMISSIONS.get(permission, (frozenset(), "do that"))
    label = ROLES.get(role, role)
    return f"Your role ({label}) is not allowed to {what}. Ask a colleague who is."
