"""What every chart section repeats: one read of its client's records through the operations
runner, its refusal shown in the section, and a new read when a change names that client."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from PySide6.QtWidgets import QWidget

from iopdesk.gui import operations

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from iopdesk.gui.context import WindowContext
    from iopdesk.services.context import Actor

Read = TypeVar("Read")


class ChartSection(Generic[Read]):
    """Mixed into a chart tab's widget (``class Tab(ChartSection[Rows], QWidget)``): the tab
    sets ``ctx`` and ``client_id``, calls ``keep_current`` once built, and writes ``read`` (the
    service calls) and ``fill`` (show what they returned); ``refresh`` joins the two."""

    ctx: WindowContext
    client_id: int
    #: False where drawing is costly: a hidden tab waits, the chart refreshes it when shown.
    refresh_hidden = True
    _say: Callable[[str], None]

    def keep_current(self, errors: Callable[[str], None], *changes: SignalInstance) -> None:
        """Show a refused read with ``errors``; read again whenever one of the hub's
        ``changes`` (signals carrying a client id) names this client."""
        self._say = errors
        for change in changes:
            change.connect(self._client_changed)

    def _client_changed(self, client_id: int) -> None:
        if client_id == self.client_id and (self.refresh_hidden or self._widget().isVisible()):
            self.refresh()

    def _widget(self) -> QWidget:
        # The class this one is mixed into is always a QWidget.
        return cast(QWidget, self)

    def refresh(self) -> None:
        """Ask the services again and show the answer (or why it was refused)."""
        found = operations.run(
            self.ctx,
            self._widget(),
            lambda: self.read(self.ctx.actor, self.client_id),
            errors=self._say,
        )
        if found:
            self.fill(found.result)

    def read(self, actor: Actor, client_id: int) -> Read:
        """The section's service calls for ``actor`` about the client, run by ``refresh``."""
        raise NotImplementedError

    def fill(self, found: Read) -> None:
        """Show what ``read`` returned."""
        raise NotImplementedError
