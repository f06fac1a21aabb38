"""The Reports area: program reports for the period and program chosen, on screen and
exported (every role sees the reports it may)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from iopdesk.gui.context import WindowContext
from iopdesk.gui.registry import Area


def _build(ctx: WindowContext) -> QWidget:
    from iopdesk.gui.reports.screen import ReportsScreen

    return ReportsScreen(ctx)


AREA = Area("reports", "Reports", 80, "report.everyone", _build)
