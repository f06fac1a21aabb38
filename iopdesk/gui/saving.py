"""Writing a document's bytes where the person chose, with a sentence when the disk refuses."""

from __future__ import annotations

from pathlib import Path

from iopdesk.errors import DomainError


def write_document(path: str, data: bytes) -> None:
    """Write ``data`` to ``path``; a full disk or a folder without permission is a DomainError
    saying so (run it through ``gui.operations`` like any other operation)."""
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise DomainError(f"The file could not be saved ({exc.strerror or exc}).") from exc
