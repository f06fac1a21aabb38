"""Date and time inputs, the same on every screen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDateEdit, QTimeEdit


def date_edit(value: dt.date | None = None) -> QDateEdit:
    """A date field with a calendar pop-up, today unless given."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate(value) if value else QDate.currentDate())
    return edit


def date_of(edit: QDateEdit) -> dt.date:
    """The date a date field holds."""
    return edit.date().toPython()


def time_edit(value: dt.time) -> QTimeEdit:
    """A 24-hour time field stepping in quarter hours."""
    edit = QTimeEdit(QTime(value.hour, value.minute))
    edit.setDisplayFormat("HH:mm")
    edit.setTimeRange(QTime(0, 0), QTime(23, 59))
    return edit


def time_of(edit: QTimeEdit) -> dt.time:
    """The time a time field holds, to the minute."""
    return edit.time().toPython().replace(second=0, microsecond=0)
