"""Who is acting, and the use-case wrapper: permission, one transaction, one audit row."""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, ParamSpec, TypeVar

import peewee

from iopdesk.db.connection import write_transaction
from iopdesk.db.models.core import AuditEvent, Staff
from iopdesk.errors import DatabaseProblem, PermissionDenied
from iopdesk.services import permissions

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Actor:
    """The signed-in person on whose behalf a service runs."""

    staff_id: int
    username: str
    full_name: str
    role: str
    is_supervisor: bool = False

    def can(self, permission: str) -> bool:
        return permissions.allowed(self.role, permission)

    @property
    def role_label(self) -> str:
        return permissions.ROLES.get(self.role, self.role)


@dataclass
class AuditNote:
    """What a running use case says about the record it touched (filled in by the service)."""

    client_id: int | None = None
    record_type: str = ""
    record_id: str = ""
    detail: str = ""
    extra: list[dict[str, Any]] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # what this call changed beyond its declared


_current: contextvars.ContextVar[AuditNote | None] = contextvars.ContextVar("audit", default=None)


def describe(
    *,
    client_id: int | None = None,
    record_type: str = "",
    record_id: object = "",
    detail: str = "",
) -> None:
    """Tell the audit row of the running use case which record it concerns."""
    note = _current.get()
    if note is None:
        return
    if client_id is not None:
        note.client_id = client_id
    if record_type:
        note.record_type = record_type
    if record_id != "":
        note.record_id = str(record_id)
    if detail:
        note.detail = detail[:2000]


def write_audit(
    actor: Actor | None,
    action: str,
    kind: str,
    outcome: str = "ok",
    *,
    username: str = "",
    note: AuditNote | None = None,
) -> None:
    """Append one audit row (inside whatever transaction is open)."""
    note = note or AuditNote()
    AuditEvent.create(
        staff=actor.staff_id if actor else None,
        username=actor.username if actor else username,
        action=action,
        kind=kind,
        outcome=outcome,
        client=note.client_id,
        record_type=note.record_type,
        record_id=note.record_id,
        detail=note.detail,
    )


#: What a use case may declare it changes; each open screen listens to the kinds it shows.
CHANGE_KINDS = frozenset(
    {"client", "clinical", "schedule", "attendance", "staff", "settings", "library"}
)


@dataclass(frozen=True)
class Change:
    """One committed change a screen may need to show: its kind and, when known, the client."""

    kind: str
    client_id: int | None = None


_changes: contextvars.ContextVar[list[Change] | None] = contextvars.ContextVar(
    "changes", default=None
)


@contextlib.contextmanager
def collect_changes() -> Iterator[list[Change]]:
    """Gather the changes of the use cases run inside the block (the GUI then announces them)."""
    changes: list[Change] = []
    token = _changes.set(changes)
    try:
        yield changes
    finally:
        _changes.reset(token)


def also_changed(kind: str) -> None:
    """Tell the running use case it changed ``kind`` this time too (a change it makes only
    sometimes, such as a client's safety flag moving with a saved draft)."""
    if kind not in CHANGE_KINDS:
        raise ValueError(f"unknown change kind {kind!r}")
    note = _current.get()
    if note is not None:
        note.changes.append(kind)


def _announce(changes: tuple[str, ...], note: AuditNote) -> None:
    collected = _changes.get()
    if collected is not None:
        collected.extend(Change(kind, note.client_id) for kind in (*changes, *note.changes))


BUSY_MESSAGE = (
    "The clinic database is busy (another workstation is saving a large change). "
    "Try again in a moment; nothing was changed."
)


def current_actor(actor: Actor) -> Actor:
    """The actor as the staff table says now: a deactivated or re-roled account takes effect at
    once, even for a session signed in before the change (several workstations share a DB)."""
    staff = Staff.get_or_none(Staff.id == actor.staff_id)
    if staff is None or not staff.active:
        with write_transaction():
            write_audit(actor, "account.inactive", "denied", "denied")
        raise PermissionDenied(
            "Your account is no longer active. Ask an administrator, then sign in again."
        )
    if (staff.role, staff.is_supervisor) != (actor.role, actor.is_supervisor):
        return replace(actor, role=staff.role, is_supervisor=staff.is_supervisor)
    return actor


def deny(actor: Actor, action: str, permission: str) -> PermissionDenied:
    """Audit a denial in its own transaction and return the error to raise."""
    with write_transaction():
        write_audit(actor, action, "denied", "denied", note=AuditNote(detail=permission))
    return PermissionDenied(permissions.denial_message(actor.role, permission))


def require(actor: Actor, permission: str, action: str) -> None:
    """Raise (and audit) unless the actor holds ``permission``."""
    if not actor.can(permission):
        raise deny(actor, action, permission)


def use_case(
    action: str,
    permission: str | None,
    *,
    kind: str = "write",
    audited: bool = True,
    changes: tuple[str, ...] = (),
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Wrap a service: check permission, run in one transaction, append its audit row.

    ``changes`` names what a successful call changes (``CHANGE_KINDS``), so the screen that ran
    it can tell every other open screen to refresh (see ``collect_changes``).
    """
    unknown = set(changes) - CHANGE_KINDS
    if unknown:
        raise ValueError(f"{action}: unknown change kinds {sorted(unknown)}")

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            actor = args[0]
            if not isinstance(actor, Actor):
                raise TypeError(f"{fn.__name__} needs the acting Actor as first argument")
            actor = current_actor(actor)
            args = (actor, *args[1:])  # type: ignore[assignment]
            if permission is not None:
                require(actor, permission, action)
            try:
                with write_transaction():
                    note = AuditNote()
                    token = _current.set(note)
                    try:
                        result = fn(*args, **kwargs)
                    finally:
                        _current.reset(token)
                    if audited:
                        if permission in permissions.CLINICAL:
                            # The audit log is read by administrators, who may not see clinical
                            # content: say which record, never what it says.
                            note.detail = ""
                        write_audit(actor, action, kind, note=note)
            except peewee.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    raise DatabaseProblem(BUSY_MESSAGE) from exc
                raise
            _announce(changes, note)  # only once the transaction has committed
            return result

        run.action = action  # type: ignore[attr-defined]
        run.permission = permission  # type: ignore[attr-defined]
        run.changes = changes  # type: ignore[attr-defined]
        return run

    return decorate
