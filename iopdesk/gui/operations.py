"""One way for a screen to run an operation.

``run`` calls a service and takes care of everything around it: it asks first when the action
cannot be undone, shows a refusal where the person is looking (under the form's fields, in a
label, or in a message box), and after success announces the changes the use case declared, so
every open screen refreshes itself. ``run_with_reason`` also handles the warnings a person may
override ("the room is double-booked"): it asks for a reason once and tries again with it;
``run_with_consent`` asks a yes/no question instead ("close the clinic and cancel them?").
A save refused because someone else saved the record since it was opened (``ConflictError``)
shows both versions in the one conflict dialog when the screen passes a ``Conflict`` pair:
"take theirs" reloads the screen, "keep mine" saves again over theirs, knowingly (audited).
Screens never catch ``DomainError`` or emit hub signals themselves. Before anyone has signed in
(first run, sign-in, start-up) there is no hub: ``ctx`` is None and nothing is announced.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, runtime_checkable

from PySide6.QtWidgets import QWidget

from iopdesk.errors import ConflictError, DomainError, NeedsConfirmation
from iopdesk.gui import prompts

if TYPE_CHECKING:
    from iopdesk.gui.context import WindowContext
    from iopdesk.services.context import Change

R = TypeVar("R")

#: A reason prompt lists at most this many of a warning's items.
MAX_LISTED = 10


@runtime_checkable
class ShowsErrors(Protocol):
    """Shows a refusal field by field: a FieldForm, or a screen whose fields span pages."""

    def show_errors(self, exc: DomainError) -> None: ...

    def clear_errors(self) -> None: ...


#: Where a refusal is shown: a form (next to its fields), a callable taking the sentence (a
#: status label), or None for a message box.
ErrorTarget = ShowsErrors | Callable[[str], None] | None


@dataclass(frozen=True)
class Confirm:
    """The one question asked before an action that cannot be undone."""

    title: str
    text: str
    yes: str


@dataclass(frozen=True)
class Conflict(Generic[R]):
    """What a screen does with a record saved elsewhere since it opened it: ``reload`` shows
    their version ("take theirs"); ``overwrite`` saves again with the conflict's
    ``current_version`` ("keep mine") and returns what the save returns."""

    reload: Callable[[ConflictError], object]
    overwrite: Callable[[ConflictError], R]


@dataclass(frozen=True)
class Outcome(Generic[R]):
    """What came of an operation: ``ok`` and the service's return value (None when refused)."""

    ok: bool
    value: R | None = None

    def __bool__(self) -> bool:
        return self.ok

    @property
    def result(self) -> R:
        """The value of a successful operation (a programming error to ask after a refusal)."""
        if not self.ok:
            raise RuntimeError("The operation did not succeed; it has no result.")
        return self.value  # type: ignore[return-value]


def show_refusal(owner: QWidget | None, exc: DomainError, target: ErrorTarget, title: str) -> None:
    """Show a domain error's sentence in the target (or a message box)."""
    if isinstance(target, ShowsErrors):
        target.show_errors(exc)
    elif target is not None:
        target(exc.message)
    else:
        prompts.error(owner, title, exc.message)


def _clear(target: ErrorTarget) -> None:
    if isinstance(target, ShowsErrors):
        target.clear_errors()
    elif target is not None:
        target("")


def _attempt(
    ctx: WindowContext | None,
    owner: QWidget | None,
    op: Callable[[], R],
    errors: ErrorTarget,
    title: str,
    *,
    conflicts: bool = False,
) -> tuple[Outcome[R], DomainError | None]:
    """Run ``op``; a warning (and with ``conflicts`` a conflict) comes back for the caller to
    resolve, any other refusal is shown."""
    changes: list[Change]
    try:
        with _collecting(ctx) as changes:
            value = op()
    except DomainError as exc:
        if isinstance(exc, NeedsConfirmation) or (conflicts and isinstance(exc, ConflictError)):
            return Outcome(False), exc
        show_refusal(owner, exc, errors, title)
        return Outcome(False), None
    _clear(errors)
    if ctx is not None:
        ctx.hub.publish(changes)
    return Outcome(True, value), None


def _collecting(ctx: WindowContext | None) -> contextlib.AbstractContextManager[list[Change]]:
    """Gathers the changes the use cases declare, for ``ctx``'s hub. Before anyone has signed
    in there is no hub to tell (and the services, still loading, are not asked for one)."""
    if ctx is None:
        return contextlib.nullcontext([])
    from iopdesk.services.context import collect_changes

    return collect_changes()


def run(
    ctx: WindowContext | None,
    owner: QWidget | None,
    op: Callable[[], R],
    *,
    errors: ErrorTarget = None,
    confirm: Confirm | None = None,
    title: str = "Not done",
    conflict: Conflict[R] | None = None,
) -> Outcome[R]:
    """Run ``op`` (a service call); see the module docstring."""
    if confirm is not None and not prompts.confirm(owner, confirm.title, confirm.text, confirm.yes):
        return Outcome(False)
    outcome, problem = _attempt(ctx, owner, op, errors, title, conflicts=conflict is not None)
    if isinstance(problem, ConflictError) and conflict is not None:
        outcome, problem = _resolve(ctx, owner, problem, conflict, errors, title)
    if problem is not None:
        show_refusal(owner, problem, errors, title)
    return outcome


def _resolve(
    ctx: WindowContext | None,
    owner: QWidget | None,
    refused: ConflictError,
    conflict: Conflict[R],
    errors: ErrorTarget,
    title: str,
) -> tuple[Outcome[R], DomainError | None]:
    """Ask what to do with a record saved elsewhere (again, if keeping mine meets a newer
    save still)."""
    from iopdesk.gui.widgets import conflict_dialog
    from iopdesk.services.context import Change
    from iopdesk.services.versions import overwriting

    choice = conflict_dialog.choose(owner, refused)
    while choice == conflict_dialog.MINE:
        with overwriting(refused):
            keep = functools.partial(conflict.overwrite, refused)
            outcome, problem = _attempt(ctx, owner, keep, errors, title, conflicts=True)
        if not isinstance(problem, ConflictError):
            return outcome, problem
        refused, choice = problem, conflict_dialog.choose(owner, problem)
    if choice != conflict_dialog.THEIRS:
        return Outcome(False), refused  # decide later: said where the screen says refusals
    if ctx is not None:
        # Their version is the record now: every screen showing it refreshes too.
        ctx.hub.publish([Change(kind, refused.client_id) for kind in refused.changes])
    run(ctx, owner, lambda: conflict.reload(refused), errors=errors, title=title)
    return Outcome(False), None


def run_with_reason(
    ctx: WindowContext,
    owner: QWidget,
    op: Callable[[str], R],
    *,
    reason_title: str,
    errors: ErrorTarget = None,
    confirm: Confirm | None = None,
    title: str = "Not done",
) -> Outcome[R]:
    """Run ``op(reason)``, first with no reason; a warning asks for one and tries again."""
    if confirm is not None and not prompts.confirm(owner, confirm.title, confirm.text, confirm.yes):
        return Outcome(False)
    reason = ""
    while True:
        outcome, warning = _attempt(ctx, owner, functools.partial(op, reason), errors, title)
        if not isinstance(warning, NeedsConfirmation):
            return outcome
        answer = ask_reason(owner, reason_title, warning)
        if not answer:
            return Outcome(False)
        reason = answer


def run_with_consent(
    ctx: WindowContext,
    owner: QWidget,
    op: Callable[[bool], R],
    *,
    consent_title: str,
    yes: str,
    errors: ErrorTarget = None,
    title: str = "Not done",
) -> Outcome[R]:
    """Run ``op(False)``; a warning is asked as a yes/no question, and yes runs ``op(True)``."""
    outcome, warning = _attempt(ctx, owner, functools.partial(op, False), errors, title)
    if not isinstance(warning, NeedsConfirmation):
        return outcome
    if not prompts.confirm(owner, consent_title, warning.message, yes):
        return Outcome(False)
    return run(ctx, owner, functools.partial(op, True), errors=errors, title=title)


def ask_reason(owner: QWidget, title: str, warning: NeedsConfirmation) -> str | None:
    """Say what the warning is about, list its items (those its sentence does not already
    name, the first few), and ask why to go ahead anyway; None or "" when the person declines."""
    items = [w for w in warning.warnings if w not in warning.message]
    lines = [warning.message, *(f"• {w}" for w in items[:MAX_LISTED])]
    if len(items) > MAX_LISTED:
        lines.append(f"…and {len(items) - MAX_LISTED} more")
    text = "\n".join(lines) + "\n\nTo go ahead anyway, give the reason:"
    answer = prompts.ask_text(owner, title, text)
    return answer.strip() if answer else None
