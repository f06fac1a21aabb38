"""Who is acting, and the use-case wrapper: permission, one transaction, one audit row.

A write runs in one write transaction (BEGIN IMMEDIATE on SQLite) together with its audit row.
A read runs in a snapshot that takes no write lock (``read_transaction``), so reads never wait
behind a writer; its audit row is appended right after, in its own short write transaction,
and the result is returned only once that row is committed (see ``_run_read``).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, ParamSpec, TypeVar

import peewee

from iopdesk.db import audit_chain
from iopdesk.db.connection import (
    connection_lost,
    database,
    read_transaction,
    write_transaction,
)
from iopdesk.db.models.base import now
from iopdesk.db.models.core import AuditEvent, Staff
from iopdesk.errors import ConflictError, DatabaseProblem, PermissionDenied, ServerUnreachable
from iopdesk.services import boundary, permissions

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
    #: permissions the clinic's settings give this person's role beyond the matrix
    granted: frozenset[str] = frozenset()

    def can(self, permission: str) -> bool:
        held = permissions.allowed(self.role, permission, self.is_supervisor)
        return held or permission in self.granted

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
    #: set when the call knowingly saved over someone else's newer change (who and when)
    overwrote: str = ""


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


#: The audit rows a running read use case has made, written once its snapshot read ends.
_read_audit: contextvars.ContextVar[list[dict[str, object]] | None] = contextvars.ContextVar(
    "read_audit", default=None
)


def write_audit(
    actor: Actor | None,
    action: str,
    kind: str,
    outcome: str = "ok",
    *,
    username: str = "",
    note: AuditNote | None = None,
) -> None:
    """Append one audit row, chained to the row before it, inside the open write transaction
    (inside a read use case it is kept for the short write that follows the read)."""
    note = note or AuditNote()
    row: dict[str, object] = {
        "at": now(),
        "staff_id": actor.staff_id if actor else None,
        "username": actor.username if actor else username,
        "action": action,
        "kind": kind,
        "outcome": outcome,
        "client_id": note.client_id,
        "record_type": note.record_type,
        "record_id": note.record_id,
        "detail": note.detail,
    }
    queued = _read_audit.get()
    if queued is not None:
        queued.append(row)
    else:
        _append(row)


def _append(row: dict[str, object]) -> None:
    # The chain is extended under the write lock, so two writers never link to the same row.
    db = database.obj
    audit_chain.lock(db)
    chained = audit_chain.link(audit_chain.head(db), [row[name] for name in audit_chain.FIELDS])
    AuditEvent.insert(**row, chain_hash=chained).execute()


def audit_alone(
    actor: Actor | None, action: str, kind: str, outcome: str = "ok", note: AuditNote | None = None
) -> None:
    """Append one audit row in a transaction of its own (a denial must stay logged even when
    the work around it is undone); inside a read use case it follows the read."""
    if _read_audit.get() is not None:
        write_audit(actor, action, kind, outcome, note=note)
        return
    with write_transaction():
        write_audit(actor, action, kind, outcome, note=note)


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


def is_busy(exc: BaseException) -> bool:
    """Whether a database error means another connection holds the lock we waited for."""
    text = str(exc).lower()
    return isinstance(exc, peewee.OperationalError | sqlite3.OperationalError) and (
        "locked" in text or "busy" in text or "lock timeout" in text
    )


@contextlib.contextmanager
def busy_as_sentence() -> Iterator[None]:
    """Turn "database is locked" (after the busy timeout) into the one busy sentence, and a lost
    server connection into its own; the command line, sign-in, opening the clinic and every use
    case go through here."""
    try:
        yield
    except (peewee.OperationalError, peewee.InterfaceError, sqlite3.OperationalError) as exc:
        if is_busy(exc):
            raise DatabaseProblem(BUSY_MESSAGE) from exc
        server = connection_lost()
        if server:
            raise ServerUnreachable.at(server) from exc
        raise


def current_actor(actor: Actor) -> Actor:
    """The actor as the staff table says now: a deactivated or re-roled account takes effect at
    once, even for a session signed in before the change (several workstations share a DB)."""
    # Three columns, as plain values: asked before every use case, so its cost is in all.
    now = (
        Staff.select(Staff.active, Staff.role, Staff.is_supervisor)
        .where(Staff.id == actor.staff_id)
        .tuples()
        .first()
    )
    if now is None or not now[0]:
        audit_alone(actor, "account.inactive", "denied", "denied")
        raise PermissionDenied(
            "Your account is no longer active. Ask an administrator, then sign in again."
        )
    role, is_supervisor = now[1], bool(now[2])
    if (role, is_supervisor) != (actor.role, actor.is_supervisor):
        return replace(actor, role=role, is_supervisor=is_supervisor)
    return actor


def deny(actor: Actor, action: str, permission: str) -> PermissionDenied:
    """Audit a denial in its own transaction and return the error to raise."""
    audit_alone(actor, action, "denied", "denied", AuditNote(detail=permission))
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
    """Wrap a service: check its arguments, permission, run in one transaction, append its
    audit row.

    The arguments are checked against the service's type hints first (``boundary``): a wrong
    type or an out-of-range value is a ``ValidationError`` before the database is touched.
    ``changes`` names what a successful call changes (``CHANGE_KINDS``), so the screen that ran
    it can tell every other open screen to refresh (see ``collect_changes``).
    """
    unknown = set(changes) - CHANGE_KINDS
    if unknown:
        raise ValueError(f"{action}: unknown change kinds {sorted(unknown)}")

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            boundary.check_arguments(fn, args, kwargs)
            actor = args[0]
            if not isinstance(actor, Actor):
                raise TypeError(f"{fn.__name__} needs the acting Actor as first argument")
            note = AuditNote()

            def call() -> R:
                token = _current.set(note)
                try:
                    return fn(*args, **kwargs)
                finally:
                    _current.reset(token)

            def audit(actor: Actor) -> None:
                if not audited:
                    return
                if permission in permissions.CLINICAL:
                    # The audit log is read by administrators, who may not see clinical
                    # content: say which record, never what it says.
                    note.detail = ""
                if note.overwrote:
                    note.detail = "; ".join(filter(None, (note.detail, note.overwrote)))
                write_audit(actor, action, kind, note=note)

            with busy_as_sentence(), _says_what_changed(changes):
                actor = current_actor(actor)
                args = (actor, *args[1:])  # type: ignore[assignment]
                if permission is not None:
                    require(actor, permission, action)
                if kind == "read":
                    result = _run_read(call, functools.partial(audit, actor))
                else:
                    with write_transaction():
                        result = call()
                        audit(actor)
            _announce(changes, note)  # only once the transaction has committed
            return result

        run.action = action  # type: ignore[attr-defined]
        run.permission = permission  # type: ignore[attr-defined]
        run.changes = changes  # type: ignore[attr-defined]
        return run

    return decorate


class WritesFirst(Exception):
    """Raised inside a read snapshot by a helper that must first write rows the read needs
    (the calendar's sessions up to a later horizon): ``write`` runs in a write transaction of
    its own, then the read starts again from a new snapshot."""

    def __init__(self, write: Callable[[], object]) -> None:
        super().__init__("a read needs rows written first")
        self.write = write


#: A read is started again at most this often after writing what it needed.
_READ_ATTEMPTS = 3


@contextlib.contextmanager
def _says_what_changed(changes: tuple[str, ...]) -> Iterator[None]:
    # A refused save still means the record changed (someone else saved it): the screen that
    # shows the conflict tells the others, so they show the newer version too.
    try:
        yield
    except ConflictError as exc:
        exc.changes = exc.changes or changes
        raise


def _run_read(call: Callable[[], R], audit: Callable[[], None]) -> R:
    """Run a read in a snapshot, then append its audit rows in one short write transaction.

    Why not upgrade the snapshot to a write at the end: on SQLite that fails whenever anyone
    committed since the snapshot began (SQLITE_BUSY_SNAPSHOT), and it would hold the read's
    snapshot open while waiting for the lock. A separate append cannot fail that way. The
    result is returned only after its audit row is committed, so a read that succeeded is
    never missing from the trail; if the row cannot be written (busy), the caller gets the
    busy sentence and no data. A denial met during the read is logged even though it failed.
    """
    if _read_audit.get() is not None or database.transaction_depth() > 0:
        # Inside another use case: its transaction is this read's snapshot, and its audit
        # rows are written with (or after) its own.
        with read_transaction():
            result = call()
        audit()
        return result
    queued: list[dict[str, object]] = []
    token = _read_audit.set(queued)
    succeeded = False
    try:
        result = _snapshot_read(call, queued)
        audit()
        succeeded = True
    finally:
        _read_audit.reset(token)
        rows = [row for row in queued if succeeded or row["outcome"] == "denied"]
        if rows:
            with write_transaction():
                for row in rows:
                    _append(row)
    return result


def note_overwrite(text: str) -> None:
    """Record on the running use case's audit row that it knowingly saved over a newer change
    (kept even where clinical detail is left out: it says who and when, not what)."""
    note = _current.get()
    if note is not None:
        note.overwrote = text


def _snapshot_read(call: Callable[[], R], queued: list[dict[str, object]]) -> R:
    for attempt in range(_READ_ATTEMPTS):
        try:
            with read_transaction():
                return call()
        except WritesFirst as needed:
            if attempt == _READ_ATTEMPTS - 1:
                raise
            del queued[:]  # the read runs again and says again what it read
            with write_transaction():
                needed.write()
    raise AssertionError("unreachable")
