"""Editable records carry a version: a save names the version it was opened at, and one made
from an older view is refused with who saved in between, when, and both versions.

The check is the UPDATE itself (``... SET row_version = row_version + 1 WHERE id = ? AND
row_version = ?``), so it holds on PostgreSQL's row locks as well as under SQLite's write lock.
Saving again over the newer version is the person's own choice (``overwriting``), and the
audit row says whose change it replaced.

How to make another record editable this way: give its model ``row_version`` (and
``updated_by``/``updated_at``, or name its own who/when columns in ``EDITED``) with a migration
step; put ``row_version`` in the view its screen reads; have the save take the version back and
call ``claim`` before changing anything; in the screen, pass ``gui.operations.Conflict``.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from iopdesk.db.models.base import now
from iopdesk.db.models.core import Staff
from iopdesk.errors import ConflictError, ValidationError
from iopdesk.services.context import Actor, note_overwrite

#: Who saved a record last, and when, unless its model names other columns (``EDITED``).
EDITED = ("updated_by", "updated_at")

_overwriting: contextvars.ContextVar[ConflictError | None] = contextvars.ContextVar(
    "overwriting", default=None
)


@contextlib.contextmanager
def overwriting(conflict: ConflictError) -> Iterator[None]:
    """Inside the block, saving ``conflict``'s record over the newer version it named is the
    person's knowing choice ("keep mine"); the audit row records whose change it replaced."""
    token = _overwriting.set(conflict)
    try:
        yield
    finally:
        _overwriting.reset(token)


def claim(
    row: Any,  # a peewee row of a model with ``row_version``
    expected: object,
    actor: Actor,
    *,
    what: str,
    mine: Mapping[str, str],
    shown: Callable[[Any], Mapping[str, str]],
    client_id: int | None = None,
) -> None:
    """Take the right to save ``row`` (call it before changing anything): bump its version
    where it is still ``expected``, stamping who and when; ``row`` gets the new values.

    ``expected`` None skips the check (a script, or a record made earlier in the same call).
    Refused with a ConflictError (``mine`` against ``shown(stored row)``) when someone saved
    since; nothing is changed then.
    """
    if expected is not None and (
        not isinstance(expected, int) or isinstance(expected, bool) or expected < 0
    ):
        raise ValidationError("The record's version is not a whole number; reopen it.")
    model = type(row)
    by, at = getattr(model, "EDITED", EDITED)
    moment = now()
    stamp = {
        model.row_version: model.row_version + 1,
        getattr(model, by): actor.staff_id,
        getattr(model, at): moment,
    }
    query = model.update(stamp).where(model.id == row.id)
    if expected is not None:
        query = query.where(model.row_version == expected)
    if query.execute() == 0:
        raise _conflict(model.get_by_id(row.id), what, mine, shown, client_id)
    row.row_version = model.select(model.row_version).where(model.id == row.id).scalar()
    setattr(row, by, actor.staff_id)
    setattr(row, at, moment)
    _note_if_overwriting(model, row.id, expected)


def _conflict(
    stored: Any,
    what: str,
    mine: Mapping[str, str],
    shown: Callable[[Any], Mapping[str, str]],
    client_id: int | None,
) -> ConflictError:
    by, at = getattr(type(stored), "EDITED", EDITED)
    staff = Staff.get_or_none(Staff.id == getattr(stored, f"{by}_id"))
    return ConflictError(
        what=what,
        record_type=type(stored)._meta.table_name,
        record_id=stored.id,
        client_id=client_id,
        changed_by=staff.display_name if staff else "Someone",
        changed_at=getattr(stored, at),
        current_version=stored.row_version,
        mine=mine,
        theirs=shown(stored),
    )


def _note_if_overwriting(model: type[Any], row_id: int, expected: object) -> None:
    conflict = _overwriting.get()
    if (
        conflict is not None
        and (conflict.record_type, conflict.record_id) == (model._meta.table_name, row_id)
        and expected == conflict.current_version
    ):
        when = f" of {conflict.changed_at:%Y-%m-%d %H:%M}" if conflict.changed_at else ""
        note_overwrite(
            f"saved over the newer version {conflict.current_version} by "
            f"{conflict.changed_by}{when}, by choice"
        )
