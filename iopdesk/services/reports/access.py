"""Who sees which report: the front desk the census and the billing worksheet (minimum
necessary), clinicians the clinical reports and their own caseload, clinical supervisors and
administrators everything."""

from __future__ import annotations

from iopdesk.domain.report_catalog import REPORTS
from iopdesk.services.context import Actor, deny
from iopdesk.services.permissions import ADMIN, CLINICIAN


def _permission(name: str) -> str:
    return f"report.{REPORTS[name].audience}"


def is_supervisor(actor: Actor) -> bool:
    """A clinical supervisor: a clinician the administrator marked as supervising."""
    return actor.role == CLINICIAN and actor.is_supervisor


def may_see(actor: Actor, name: str) -> bool:
    """Whether ``actor`` may run (and export) the report called ``name``."""
    return name in REPORTS and (actor.can(_permission(name)) or is_supervisor(actor))


def sees_every_caseload(actor: Actor) -> bool:
    """Supervisors and administrators see every counselor's caseload; a clinician their own."""
    return actor.role == ADMIN or is_supervisor(actor)


def require_report(actor: Actor, name: str, action: str) -> None:
    """Refuse (and audit the refusal) unless ``actor`` may see the report."""
    if not may_see(actor, name):
        raise deny(actor, action, _permission(name))


def reports_for(actor: Actor) -> list[str]:
    """The names of the reports ``actor`` may see, in the catalog's order."""
    return [name for name in REPORTS if may_see(actor, name)]
