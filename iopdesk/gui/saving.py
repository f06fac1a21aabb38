"""Saving what a service produced (a PDF, an .ics, a CSV) to a file the person chooses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from iopdesk.errors import DomainError
from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.private_files import write_whole


def write_document(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (a failed save leaves an earlier file as
    it was), readable by its owner only (0600, whatever the umask: it is about a client); a
    full disk or a read-only stick is a DomainError saying so (run it through
    ``gui.operations`` like any other operation)."""
    try:
        write_whole(Path(path), data)
    except OSError as exc:
        raise DomainError(
            f"The file could not be saved to {path} ({exc.strerror or exc})."
        ) from exc


def save_to_file(
    ctx: WindowContext | None,
    owner: QWidget,
    produce: Callable[[], bytes],
    *,
    title: str,
    suggested: str,
    file_filter: str,
) -> str:
    """Ask where, run ``produce`` (a service call) and write its bytes there.

    Returns the path written, or "" when the person cancelled or it could not be done (the
    refusal, or why the file could not be written, is said in a message box).
    """
    path = prompts.save_file(owner, title, suggested, file_filter)
    if not path:
        return ""
    made = operations.run(ctx, owner, lambda: write_document(path, produce()), title=title)
    return path if made else ""
