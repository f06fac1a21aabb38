"""A form dialog over one versioned record: a save refused because someone saved it meanwhile
offers "take theirs" (the fields show their version) or "keep mine" (saved over, knowingly)."""

from __future__ import annotations

from typing import Any

from iopdesk.errors import ConflictError
from iopdesk.gui import operations
from iopdesk.gui.clients.form_dialog import FormDialog


class VersionedFormDialog(FormDialog):
    """Subclasses keep the record they edit in ``self.row`` (None for a new one) and its
    version in ``self.row_version``, fill the fields in ``show_row(row)`` and read the stored rows
    again in ``stored_rows()``."""

    row: Any = None
    row_version: int | None = None

    def show_row(self, row: Any) -> None:
        """Fill the fields from a stored record (None: leave a new one blank)."""
        raise NotImplementedError

    def stored_rows(self) -> list[Any]:
        """The records as stored now (a service read), to find theirs among."""
        raise NotImplementedError

    def conflict(self) -> operations.Conflict | None:
        if self.row is None:
            return None
        return operations.Conflict(reload=self._take_theirs, overwrite=self._keep_mine)

    def _take_theirs(self, conflict: ConflictError) -> None:
        found = operations.run(self.ctx, self, self.stored_rows, errors=self.form.banner.setText)
        rows = [r for r in found.result if r.id == conflict.record_id] if found else []
        self.show_row(rows[0] if rows else self.row)

    def _keep_mine(self, conflict: ConflictError) -> object:
        self.row_version = conflict.current_version
        return self.submit()
