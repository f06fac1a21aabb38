"""Saving what a service produced (a PDF, an .ics) to a file the person chooses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext


def save_to_file(
    ctx: WindowContext,
    owner: QWidget,
    produce: Callable[[], bytes],
    *,
    title: str,
    suggested: str,
    file_filter: str,
) -> str:
    """Ask where, run ``produce`` (a service call) and write its bytes there.

    Returns the path written, or "" when the person cancelled or it could not be done (a
    refusal or a file that cannot be written is said in a message box).
    """
    path = prompts.save_file(owner, title, suggested, file_filter)
    if not path:
        return ""
    made = operations.run(ctx, owner, produce, title=title)
    if not made:
        return ""
    try:
        Path(path).write_bytes(made.result)
    except OSError as exc:  # a full disk, a read-only folder: say so, keep the app running
        prompts.error(owner, title, f"The file could not be saved: {exc.strerror or exc}.")
        return ""
    return path
