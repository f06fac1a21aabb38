"""The Clients sidebar area: find a client, open the chart, register someone new."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from iopdesk.gui.context import WindowContext
from iopdesk.gui.registry import Area


def _build(ctx: WindowContext) -> QWidget:
    from iopdesk.gui.clients.client_list import ClientList

    return ClientList(ctx)


AREA = Area("clients", "Clients", 10, "client.view", _build)
