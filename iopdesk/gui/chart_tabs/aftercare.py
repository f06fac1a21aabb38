"""Chart tab: discharge and aftercare (status, Discharge…, Aftercare plan…, check-ins, Readmit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from iopdesk.gui.registry import ChartTab

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from iopdesk.gui.context import WindowContext


def build(ctx: WindowContext, client_id: int) -> QWidget:
    """The tab's widget (it has refresh())."""
    from iopdesk.gui.aftercare.chart_section import AftercareSection

    return AftercareSection(ctx, client_id)


CHART_TAB = ChartTab("aftercare", "Discharge", 70, "clinical.read", build)
