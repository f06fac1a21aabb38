"""The Calendar sidebar area: the week of sessions, filters, booking, print and export."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from iopdesk.gui.context import WindowContext
from iopdesk.gui.registry import Area


def _build(ctx: WindowContext) -> QWidget:
    from iopdesk.gui.calendar.view import CalendarView

    return CalendarView(ctx)


AREA = Area("calendar", "Calendar", 20, "schedule.view", _build)
