"""Discovery of the app's pluggable parts: sidebar areas, chart tabs and Today panels.

Each area of the clinic adds a module to ``gui/areas``, ``gui/chart_tabs`` or
``gui/today_panels`` that defines ``AREA``, ``CHART_TAB`` or ``TODAY_PANEL``; nothing else
has to change for it to appear.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from iopdesk.gui.context import WindowContext


@dataclass(frozen=True)
class Area:
    """A sidebar entry of the main window."""

    key: str
    title: str
    order: int
    permission: str
    build: Callable[[WindowContext], QWidget]


@dataclass(frozen=True)
class ChartTab:
    """A section of the client chart; ``build(ctx, client_id)`` returns a widget with refresh()."""

    key: str
    title: str
    order: int
    permission: str
    build: Callable[[WindowContext, int], QWidget]


@dataclass(frozen=True)
class TodayPanel:
    """A list on the Today home screen (plans due, check-ins due, missing notes...)."""

    key: str
    title: str
    order: int
    permission: str
    #: Called with the window's context and the box the panel is made in (its parent).
    build: Callable[[WindowContext, QWidget], QWidget]


def _collect(package: str, attribute: str) -> list[Any]:
    module = importlib.import_module(package)
    found = []
    for info in pkgutil.iter_modules(module.__path__):
        sub = importlib.import_module(f"{package}.{info.name}")
        if hasattr(sub, attribute):
            found.append(getattr(sub, attribute))
    return sorted(found, key=lambda item: (item.order, item.title))


def areas() -> list[Area]:
    return _collect("iopdesk.gui.areas", "AREA")


def chart_tabs() -> list[ChartTab]:
    return _collect("iopdesk.gui.chart_tabs", "CHART_TAB")


def today_panels() -> list[TodayPanel]:
    return _collect("iopdesk.gui.today_panels", "TODAY_PANEL")
