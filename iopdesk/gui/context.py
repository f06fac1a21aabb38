"""What every window receives: who is signed in, the event hub and the open clinic."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iopdesk.gui.hub import EventHub
    from iopdesk.services.context import Actor
    from iopdesk.services.store import ClinicStore


@dataclass(frozen=True)
class WindowContext:
    """Passed to every window's constructor; windows never reach into each other."""

    actor: Actor
    hub: EventHub
    store: ClinicStore
