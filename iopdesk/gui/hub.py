"""The app-wide event hub: a finished operation announces its changes, open windows refresh."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from iopdesk.services.context import Change


class EventHub(QObject):
    """One instance per signed-in person's workspace; windows connect to what they show.

    Only ``gui.operations`` announces data changes (through ``publish``); screens ask for
    navigation through the ``open_*`` / ``request_*`` methods, never by emitting.
    """

    client_changed = Signal(int)  # client id: demographics, status, flags, consents
    clinical_changed = Signal(int)  # client id: assessments, plans, notes, drug tests
    schedule_changed = Signal()
    attendance_changed = Signal()
    staff_changed = Signal()
    settings_changed = Signal()
    library_changed = Signal()
    backup_done = Signal()
    restore_requested = Signal(str)  # a verified backup file; the app controller restores
    open_chart_requested = Signal(int)  # client id
    open_session_requested = Signal(int)  # session id (attendance sheet)
    open_place_requested = Signal(str, str)  # area key, and a part of it ("" for the area)

    def publish(self, changes: Iterable[Change]) -> None:
        """Emit each distinct change once, so every screen showing it refreshes."""
        seen: set[Change] = set()
        for change in changes:
            if change in seen:
                continue
            seen.add(change)
            client = change.client_id or 0
            if change.kind == "client":
                self.client_changed.emit(client)
            elif change.kind == "clinical":
                self.clinical_changed.emit(client)
            else:
                getattr(self, f"{change.kind}_changed").emit()

    def announce_backup(self) -> None:
        """A backup finished (the status bar and the backup list show it)."""
        self.backup_done.emit()

    def open_chart(self, client_id: int) -> None:
        self.open_chart_requested.emit(client_id)

    def open_session(self, session_id: int) -> None:
        self.open_session_requested.emit(session_id)

    def open_place(self, area: str, part: str = "") -> None:
        """Show an area of the main window (and a part of it: a tab, a set-up dialog)."""
        self.open_place_requested.emit(area, part)

    def request_restore(self, path: str) -> None:
        self.restore_requested.emit(path)
