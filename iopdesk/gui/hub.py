"""The app-wide event hub: a window announces a change, other open windows refresh."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class EventHub(QObject):
    """One instance per signed-in person's workspace; windows connect to what they show."""

    client_changed = Signal(int)  # client id: demographics, status, flags
    clinical_changed = Signal(int)  # client id: assessments, plans, notes, drug tests
    schedule_changed = Signal()
    attendance_changed = Signal(int)  # session id
    staff_changed = Signal()
    settings_changed = Signal()
    backup_done = Signal()
    restore_requested = Signal(str)  # a verified backup file; the app controller restores
    open_chart_requested = Signal(int)  # client id
    open_session_requested = Signal(int)  # session id (attendance sheet)
